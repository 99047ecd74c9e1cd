import type { ResolvedService } from "../config/types.js";
import type { RepoSession } from "../session/session.js";
import { serviceLabel } from "../plan/label.js";
import { assertHistoryComplete } from "./complete.js";
import { releasesAtHead, serviceReleases } from "./releases.js";

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
export async function currentVersion(ctx: RepoSession, service: ResolvedService, pre: boolean): Promise<CurrentVersion> {
  const at = await releasesAtHead(ctx.git, serviceReleases(ctx, service), ctx.head.sha);
  const found = pre ? at.latest : at.latestStable;
  await assertHistoryComplete(ctx.git, [{ tips: [ctx.head.sha], exclude: found ? [found.ref.commit] : [], what: `${serviceLabel(service.name)} since ${found?.ref.name ?? "the beginning"}` }]);
  return { service: service.name, version: found?.version ?? null, tag: found?.ref.name ?? null };
}
