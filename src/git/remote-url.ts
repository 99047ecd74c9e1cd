export interface RemoteRepository {
  host: string;
  owner: string;
  repo: string;
}

/**
 * Owner and repository from a remote URL: `https://host/owner/repo(.git)`,
 * `ssh://git@host(:port)/owner/repo.git`, `git@host:owner/repo.git`.
 * Enterprise hosts work the same; credentials in the URL are dropped.
 */
export function parseRemoteUrl(url: string): RemoteRepository | null {
  const trimmed = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(trimmed);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return null;
    }
    host = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  } else if (scp) {
    host = scp[1]!;
    path = scp[2]!;
  } else {
    return null;
  }
  const parts = path.replace(/^\/+/, "").replace(/\/+$/, "").replace(/\.git$/, "").split("/");
  if (parts.length < 2) return null;
  const repo = parts.pop()!;
  const owner = parts.pop()!;
  if (!owner || !repo) return null;
  return { host, owner, repo };
}
