import { CommitSelection } from "../commits/classify.js";
import type { ResolvedService } from "../config/types.js";
import { streamCommits } from "../git/log.js";
import type { PlanContext } from "../plan/context.js";
import { CommitGraph } from "./graph.js";
import { attachPullRequests, pullRequestsOfRange } from "./merge-prs.js";

/**
 * The commits of `from..to` (from the beginning when `from` is null) that
 * touch the service's paths, classified, newest first, with the PR numbers
 * of the merges that brought them in: one path-limited `git log`, one
 * `git log --merges` (and one `git rev-list` only when a PR merge is in range).
 */
export async function selectRange(ctx: PlanContext, service: ResolvedService, from: string | null, to: string): Promise<CommitSelection> {
  const selection = new CommitSelection(ctx.config.commits, service.name);
  const exclude = from ? [from] : [];
  const [, numbers] = await Promise.all([
    streamCommits(
      ctx.git,
      { revisions: [from ? `${from}..${to}` : to], paths: service.paths, noMerges: ctx.config.commits.merges === "skip" },
      (raw) => selection.add(raw),
    ),
    pullRequestsOfRange(ctx.git, [to], exclude, () => CommitGraph.read(ctx.git, [to], exclude)),
  ]);
  attachPullRequests(selection.commits, numbers);
  return selection;
}
