import { CommitSelection } from "../commits/classify.js";
import type { ResolvedService } from "../config/types.js";
import { streamCommits } from "../git/log.js";
import type { RepoSession } from "../session/session.js";
import { CommitGraph } from "./graph.js";
import { attachPullRequests, pullRequestsOfRange } from "./merge-prs.js";
import { sharedChanges } from "./shared-changes.js";

/**
 * The commits of `from..to` (from the beginning when `from` is null) that
 * touch the service's paths, classified, newest first, with the PR numbers
 * of the merges that brought them in: one path-limited `git log`, one
 * `git log --merges` (and one `git rev-list` only when a PR merge is in range).
 * `pullRequests: false` (versions only, no notes) skips the merges: one `git log`.
 */
export async function selectRange(
  ctx: RepoSession,
  service: ResolvedService,
  from: string | null,
  to: string,
  { pullRequests = true }: { pullRequests?: boolean } = {},
): Promise<CommitSelection> {
  const selection = new CommitSelection(ctx.config.commits, service.name);
  const exclude = from ? [from] : [];
  const revisions = [from ? `${from}..${to}` : to];
  const noMerges = ctx.config.commits.merges === "skip";
  // A shared root (Cargo [workspace.dependencies]) widens the log to it; only the entries the service uses count.
  const shared = await sharedChanges(ctx.git, service, revisions, noMerges);
  const [, numbers] = await Promise.all([
    streamCommits(
      ctx.git,
      { revisions, paths: shared ? [...service.paths, ...shared.paths] : service.paths, noMerges },
      (raw) => {
        if (shared === null) selection.add(raw);
        else if (shared.keeps(raw.sha)) selection.add(raw);
      },
    ),
    pullRequests
      ? pullRequestsOfRange(ctx.git, [to], exclude, () => CommitGraph.read(ctx.git, [to], exclude))
      : new Map<string, number>(),
  ]);
  attachPullRequests(selection.commits, numbers);
  for (const c of selection.commits) {
    const why = shared?.why.get(c.sha);
    if (why) c.counted = why;
  }
  return selection;
}
