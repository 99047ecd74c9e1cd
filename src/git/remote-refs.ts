import { RelnotesError } from "../errors.js";
import type { Git } from "./run.js";

export interface RemoteTag {
  /** What refs/tags/<name> points at: the tag object for annotated tags. */
  object: string;
  /** The commit it peels to. */
  commit: string;
}

export interface RemoteRefs {
  /** Branch name → commit. */
  heads: Map<string, string>;
  /** Tag name → object and peeled commit. */
  tags: Map<string, RemoteTag>;
}

/** Parse `git ls-remote` output (`<sha>\t<ref>`, peeled tags as `<ref>^{}`). */
export function parseLsRemote(out: string): RemoteRefs {
  const heads = new Map<string, string>();
  const objects = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const line of out.split("\n")) {
    const [sha, ref] = line.split("\t");
    if (!sha || !ref) continue;
    if (ref.startsWith("refs/heads/")) heads.set(ref.slice("refs/heads/".length), sha);
    else if (ref.startsWith("refs/tags/")) {
      const name = ref.slice("refs/tags/".length);
      if (name.endsWith("^{}")) peeled.set(name.slice(0, -3), sha);
      else objects.set(name, sha);
    }
  }
  const tags = new Map<string, RemoteTag>();
  for (const [name, object] of objects) tags.set(name, { object, commit: peeled.get(name) ?? object });
  return { heads, tags };
}

/** The remote's branches and tags, read over the network with one `git ls-remote`. */
export async function listRemoteRefs(git: Git, remote: string, refs: readonly string[] = []): Promise<RemoteRefs> {
  // A tag's peeled line (`refs/tags/x^{}`) is only listed when the pattern matches it too.
  const patterns = refs.flatMap((r) => (r.startsWith("refs/tags/") ? [r, `${r}^{}`] : [r]));
  const r = await git.network(["ls-remote", "--heads", "--tags", "--end-of-options", remote, ...patterns], {
    allowFailure: true,
  });
  if (r.code !== 0) {
    throw new RelnotesError(
      `cannot read the refs of remote "${remote}": ` +
        `${r.stderr.trim().replace(/\n+/g, " / ") || `git ls-remote exited ${r.code}`}`,
      `check that "${remote}" exists (git remote -v) and is reachable; --no-fetch skips fetching but pushing ` +
        "still needs the remote",
    );
  }
  const all = parseLsRemote(r.stdout);
  if (refs.length === 0) return all;
  // ls-remote patterns match ref suffixes: keep exact names only.
  const wanted = new Set(refs);
  return {
    heads: new Map([...all.heads].filter(([n]) => wanted.has(`refs/heads/${n}`))),
    tags: new Map([...all.tags].filter(([n]) => wanted.has(`refs/tags/${n}`))),
  };
}
