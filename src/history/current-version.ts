import type { ResolvedService } from "../config/types.js";
import { serviceLabel } from "../config/label.js";
import type { RepoSession } from "../session/session.js";
import type { ReleaseTag } from "../versioning/service-tags.js";
import { assertHistoryComplete } from "./complete.js";
import { releasesAtHead, serviceReleases, type HeadReleases } from "./releases.js";

/**
 * The one answer to "what are this service's latest releases at HEAD"
 * (src/history/releases.ts defines them), asked of git once per session:
 * the planner, the manifest planner and check, the graph and `version` all
 * read it here.
 */
export function headReleases(session: RepoSession, service: ResolvedService): Promise<HeadReleases> {
  return session.cache.once(`head-releases:${service.name ?? ""}`, () =>
    releasesAtHead(session.git, serviceReleases(session, service), session.head.sha),
  );
}

/** Stop in a shallow clone whose history ends before `since`: the walks from HEAD back to it must not reach the cut. */
export function assertCompleteSince(
  session: RepoSession,
  service: ResolvedService,
  since: ReleaseTag | null,
): Promise<void> {
  const what = `${serviceLabel(service.name)} since ${since?.ref.name ?? "the beginning"}`;
  return assertHistoryComplete(session.git, [
    { tips: [session.head.sha], exclude: since ? [since.ref.commit] : [], what },
  ]);
}

export interface CurrentVersion {
  service: string | null;
  version: string | null;
  tag: string | null;
}

/**
 * A service's current version: its latest stable release reachable from
 * HEAD, or with `pre` its latest release of any kind (an open pre-release
 * line, never a stale pre-release the latest stable already contains).
 * Stops in a shallow clone whose history ends before that release.
 */
export async function currentVersion(
  ctx: RepoSession,
  service: ResolvedService,
  pre: boolean,
): Promise<CurrentVersion> {
  const at = await headReleases(ctx, service);
  const found = pre ? at.latest : at.latestStable;
  await assertCompleteSince(ctx, service, found);
  return { service: service.name, version: found?.version ?? null, tag: found?.ref.name ?? null };
}
