import { CommitSelection } from "../commits/classify.js";
import type { ResolvedService } from "../config/types.js";
import { streamCommits } from "../git/log.js";
import type { PlanContext } from "../plan/context.js";

/**
 * The commits of `from..to` (from the beginning when `from` is null) that
 * touch the service's paths, classified, newest first: one `git log`.
 */
export async function selectRange(ctx: PlanContext, service: ResolvedService, from: string | null, to: string): Promise<CommitSelection> {
  const selection = new CommitSelection(ctx.config.commits, service.name);
  await streamCommits(
    ctx.git,
    { revisions: [from ? `${from}..${to}` : to], paths: service.paths, noMerges: ctx.config.commits.merges === "skip" },
    (raw) => selection.add(raw),
  );
  return selection;
}
