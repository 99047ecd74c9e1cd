import type { Git } from "../git/run.js";
import { commitExists, isAncestor } from "../git/repo.js";
import type { ReleaseTag } from "./service-tags.js";

/**
 * The highest release (by SemVer) whose commit is reachable from `head`.
 * Checks candidates from the top, so the common case costs one git call;
 * after a few misses it asks git for all merged tags at once instead.
 */
export async function highestReachable(
  git: Git,
  releases: readonly ReleaseTag[],
  head: string,
  accept: (release: ReleaseTag) => boolean = () => true,
): Promise<ReleaseTag | null> {
  const candidates = releases.filter(accept);
  const seen = new Map<string, boolean>();
  for (let i = 0; i < candidates.length; i++) {
    const release = candidates[i]!;
    if (i === 8) return firstMerged(git, candidates.slice(i), head);
    let reachable = seen.get(release.ref.commit);
    if (reachable === undefined) {
      reachable = (await commitExists(git, release.ref.commit)) && (await isAncestor(git, release.ref.commit, head));
      seen.set(release.ref.commit, reachable);
    }
    if (reachable) return release;
  }
  return null;
}

async function firstMerged(git: Git, candidates: readonly ReleaseTag[], head: string): Promise<ReleaseTag | null> {
  const out = await git.out(["for-each-ref", "--format=%(refname)", "--merged", head, "refs/tags"]);
  const merged = new Set(out.split("\n").map((r) => r.slice("refs/tags/".length)));
  return candidates.find((r) => merged.has(r.ref.name)) ?? null;
}
