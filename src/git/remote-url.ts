export interface RemoteRepository {
  host: string;
  /** The namespace: a user or organization, or a GitLab group with its subgroups (`group/team`). */
  owner: string;
  repo: string;
}

/**
 * Namespace and repository from a remote URL: `https://host/owner/repo(.git)`,
 * `ssh://git@host(:port)/group/sub/repo.git`, `git@host:owner/repo.git`.
 * Credentials in the URL are dropped. Null for what has no web home:
 * `file://` URLs, local paths, anything without a host and a namespace.
 */
export function parseRemoteUrl(url: string): RemoteRepository | null {
  const trimmed = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/]+@)?([^:/\\]+):(?!\/)(.+)$/.exec(trimmed);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return null;
    }
    if (!["http:", "https:", "ssh:", "git:", "git+ssh:", "ssh+git:"].includes(parsed.protocol.toLowerCase()))
      return null;
    host = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  } else if (scp && !/^[A-Za-z]$/.test(scp[1]!)) {
    // (A one-letter "host" is a Windows drive: C:/repos/x.)
    host = scp[1]!;
    path = scp[2]!;
  } else {
    return null;
  }
  if (!host) return null;
  const parts = path
    .replace(/^\/+/, "")
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .split("/")
    .filter((p) => p !== "");
  if (parts.length < 2) return null;
  const repo = parts.pop()!;
  return { host, owner: parts.join("/"), repo };
}

/** A remote URL fit to print: user name and password (a token, often) removed: `https://host/o/r`. */
export function displayRemoteUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@\s]*@/, "$1");
}
