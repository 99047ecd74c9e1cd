import picomatch from "picomatch";
import { RelnotesError } from "../errors.js";
import type { Git } from "./run.js";
import type { RemoteRefs } from "./remote-refs.js";
import { agree } from "../text/words.js";

/** Remote branches whose names match one of the stable-branch globs (`main`, `hotfix/*`). */
export function matchingBranches(names: Iterable<string>, globs: readonly string[]): string[] {
  const isStable = picomatch([...globs]);
  return [...names].filter((n) => isStable(n)).sort();
}

/**
 * Fetch the given remote branches (into refs/remotes/<remote>/) and every
 * tag. Tags are never forced: a local tag that differs from the remote's is
 * reported, not overwritten.
 */
export async function fetchBranchesAndTags(git: Git, remote: string, branches: readonly string[]): Promise<void> {
  const refspecs = branches.map((b) => `+refs/heads/${b}:refs/remotes/${remote}/${b}`);
  // Not --quiet: on failure git's reason (a clobbered tag, a refused ref) is only printed without it.
  const r = await git.network(
    [
      "fetch",
      "--no-progress",
      "--no-write-fetch-head",
      "--tags",
      "--no-recurse-submodules",
      "--end-of-options",
      remote,
      ...refspecs,
    ],
    { allowFailure: true },
  );
  if (r.code === 0) return;
  const clobbered = [...r.stderr.matchAll(/\[rejected\]\s+(\S+)\s+->\s+\S+\s+\(would clobber existing tag\)/g)].map(
    (m) => m[1]!,
  );
  if (clobbered.length > 0) {
    throw new RelnotesError(
      `local ${agree(clobbered.length, "tag", "tags")} ${clobbered.join(", ")} ` +
        `${agree(clobbered.length, "differs", "differ")} from the one on ${remote}`,
      "tags are immutable: the remote's is the release. Inspect with git show <tag>; if yours was never " +
        "published, remove it (git tag -d <tag>) and fetch again",
    );
  }
  const reason = r.stderr
    .split("\n")
    .filter((l) => l.trim() && !/^(From |\s+[*=+ -] |\s+\[new)/.test(l))
    .join(" / ")
    .trim();
  throw new RelnotesError(
    `git fetch ${remote} failed: ${reason || r.stderr.trim() || `exit ${r.code}`}`,
    `check your network and the remote, or pass --no-fetch to plan from the refs you have`,
  );
}

/** Branch names present on the remote that match the stable globs. */
export function stableRemoteBranches(refs: RemoteRefs, globs: readonly string[]): string[] {
  return matchingBranches(refs.heads.keys(), globs);
}
