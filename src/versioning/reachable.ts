import type { Git } from "../git/run.js";
import { tagsMergedInto } from "../git/refs.js";
import { isReachableFrom } from "../git/repo.js";
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
      reachable = await isReachableFrom(git, release.ref.commit, head);
      seen.set(release.ref.commit, reachable);
    }
    if (reachable) return release;
  }
  return null;
}

async function firstMerged(git: Git, candidates: readonly ReleaseTag[], head: string): Promise<ReleaseTag | null> {
  const merged = await tagsMergedInto(git, head);
  return candidates.find((r) => merged.has(r.ref.name)) ?? null;
}
