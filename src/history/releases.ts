import { lt } from "semver";
import type { ResolvedService } from "../config/types.js";
import { isAncestor } from "../git/repo.js";
import type { Git } from "../git/run.js";
import type { RepoSession } from "../session/session.js";
import { highestReachable } from "../versioning/reachable.js";
import { collectServiceTags, type ReleaseTag, type ServiceTags } from "../versioning/service-tags.js";

/**
 * The release model, in one place. For a service:
 * - its releases are the tags `collectServiceTags` accepts (one tag-reading rule);
 * - the release before R is the highest-versioned release of R's line that is
 *   lower than R and whose commit is R's commit or an ancestor of it; the line
 *   of a stable release is the stable releases, a pre-release follows any release;
 * - R contains the commits reachable from R and not from the release before
 *   it, limited to the service's paths.
 * preview, bump, changelog, release, verify-tag, check, version and the render
 * context all ask these functions (the changelog's whole-history pass answers
 * the same questions from a graph in memory: src/changelog/regenerate.ts).
 */
export function serviceReleases(ctx: RepoSession, service: ResolvedService): ServiceTags {
  return collectServiceTags(ctx.tags, service, ctx.config.tag);
}

/** True when `candidate` can be the release before `release`: lower, and of its line. */
export function precedes(candidate: ReleaseTag, release: ReleaseTag): boolean {
  return lt(candidate.version, release.version) && (release.prerelease || !candidate.prerelease);
}

/** The release before `release` (see the model above), or null for a first release. */
export function previousRelease(git: Git, tags: ServiceTags, release: ReleaseTag): Promise<ReleaseTag | null> {
  return highestReachable(git, tags.releases, release.ref.commit, (r) => precedes(r, release));
}

/** What HEAD stands on: the releases the next version is numbered from. */
export interface HeadReleases {
  /** Highest release of any kind reachable from HEAD. */
  latest: ReleaseTag | null;
  /** Highest stable release reachable from HEAD: the previous release of a next stable version. */
  latestStable: ReleaseTag | null;
  /**
   * The pre-release line still open at HEAD (`2.0.0-rc.3`): a pre-release
   * above the latest stable release and cut after it. A pre-release whose
   * commit the latest stable release already contains is stale (abandoned
   * before that stable release) and numbers nothing.
   */
  openPre: ReleaseTag | null;
  /** A stale pre-release that was left out (for a note in the plan). */
  stalePre: ReleaseTag | null;
}

export async function releasesAtHead(git: Git, tags: ServiceTags, head: string): Promise<HeadReleases> {
  const latest = await highestReachable(git, tags.releases, head);
  if (latest === null || !latest.prerelease) return { latest, latestStable: latest, openPre: null, stalePre: null };
  const latestStable = await highestReachable(git, tags.releases, head, (r) => !r.prerelease);
  if (
    latestStable !== null &&
    latest.ref.commit !== latestStable.ref.commit &&
    (await isAncestor(git, latest.ref.commit, latestStable.ref.commit))
  ) {
    return { latest: latestStable, latestStable, openPre: null, stalePre: latest };
  }
  return { latest, latestStable, openPre: latest, stalePre: null };
}
