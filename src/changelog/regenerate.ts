import { CommitSelection } from "../commits/classify.js";
import type { ConventionalCommit } from "../commits/types.js";
import type { ResolvedService } from "../config/types.js";
import { streamCommits } from "../git/log.js";
import { assertGraphComplete, assertHistoryComplete } from "../history/complete.js";
import { CommitGraph, hasBit } from "../history/graph.js";
import { attachPullRequests, pullRequestsOfGraph } from "../history/merge-prs.js";
import { selectRange } from "../history/range.js";
import { precedes, releasesAtHead, serviceReleases } from "../history/releases.js";
import type { RepoSession } from "../session/session.js";
import { serviceLabel } from "../config/label.js";
import { buildReleaseContext, type ReleaseContext } from "../render/context.js";
import { formatDate } from "../render/dates.js";
import type { ReleaseTag } from "../versioning/service-tags.js";

export interface ChangelogOptions {
  /** Only the changes since the latest stable release. */
  unreleasedOnly: boolean;
}

/**
 * The render contexts of a service's whole changelog, newest first: the
 * unreleased changes (when there are any), then every stable release from
 * its tags. A fixed number of git processes whatever the number of tags:
 * one topology walk (the graph the release model is answered from) beside
 * one path-filtered log for messages, then, only when the history has merge
 * commits, one log of just those merges for their pull-request numbers.
 */
export async function changelogContexts(
  ctx: RepoSession,
  service: ResolvedService,
  options: ChangelogOptions,
): Promise<ReleaseContext[]> {
  if (ctx.linksNote) ctx.emit({ type: "warning", message: ctx.linksNote });
  const tags = serviceReleases(ctx, service);
  const stable = tags.releases.filter((r) => !r.prerelease);
  const noMerges = ctx.config.commits.merges === "skip";
  const context = (
    commits: readonly ConventionalCommit[],
    release: ReleaseTag | null,
    previous: ReleaseTag | null,
  ): ReleaseContext =>
    buildReleaseContext(
      {
        unreleased: release === null,
        service: service.name,
        version: release?.version ?? "Unreleased",
        tag: release?.ref.name ?? "HEAD",
        previousTag: previous?.ref.name ?? null,
        previousVersion: previous?.version ?? null,
        date: release ? formatDate(new Date(release.ref.date), ctx.config.changelog.timeZone) : "",
        prerelease: false,
        commits,
      },
      ctx.config,
      ctx.repository,
    );

  if (options.unreleasedOnly) {
    const { latestStable } = await releasesAtHead(ctx.git, tags, ctx.head.sha);
    const from = latestStable?.ref.commit ?? null;
    await assertHistoryComplete(ctx.git, [
      {
        tips: [ctx.head.sha],
        exclude: from ? [from] : [],
        what: `${serviceLabel(service.name)} since ${latestStable?.ref.name ?? "the beginning"}`,
      },
    ]);
    const selection = await selectRange(ctx, service, from, ctx.head.sha);
    return [context(selection.commits, null, latestStable)];
  }

  const ascending = [...stable].reverse();
  ctx.emit({
    type: "progress",
    step: "reading history",
    detail: `${ascending.length} releases of ${service.name ?? "the package"}`,
  });
  // A whole history can be millions of commits: keep only those a section shows.
  const types = ctx.config.commits.types;
  const shown = (c: ConventionalCommit) => c.breaking || c.type === null || Boolean(types[c.type]?.section);
  const selection = new CommitSelection(ctx.config.commits, service.name, shown);
  const tips = [...new Set([ctx.head.sha, ...ascending.map((r) => r.ref.commit)])];
  const [graph] = await Promise.all([
    CommitGraph.read(ctx.git, tips),
    streamCommits(ctx.git, { revisions: [], stdinRevisions: tips, paths: service.paths, noMerges }, (raw) =>
      selection.add(raw),
    ),
  ]);
  await assertGraphComplete(ctx.git, graph.commits, `${serviceLabel(service.name)}'s releases`);
  attachPullRequests(selection.commits, await pullRequestsOfGraph(ctx.git, graph));

  // The release model (src/history/releases.ts), answered from the graph in memory.
  const marks = ascending.map((r) => r.ref.commit);
  const reach = graph.reachableMarks(marks, [...marks, ctx.head.sha]);
  const highestBelow = (commit: string, accept: (candidate: ReleaseTag) => boolean): ReleaseTag | null => {
    const set = reach.get(commit)!;
    for (let i = ascending.length - 1; i >= 0; i--) if (accept(ascending[i]!) && hasBit(set, i)) return ascending[i]!;
    return null;
  };
  const order = new Map(selection.commits.map((c, i) => [c.sha, i]));
  const contained = (tip: string, previous: ReleaseTag | null): ConventionalCommit[] =>
    graph
      .only([tip], previous ? [previous.ref.commit] : [])
      .map((sha) => order.get(sha))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b)
      .map((i) => selection.commits[i]!);

  const contexts: ReleaseContext[] = [];
  const latest = highestBelow(ctx.head.sha, () => true);
  const unreleased = contained(ctx.head.sha, latest);
  if (unreleased.length > 0) contexts.push(context(unreleased, null, latest));
  for (let i = ascending.length - 1; i >= 0; i--) {
    const release = ascending[i]!;
    const previous = highestBelow(release.ref.commit, (candidate) => precedes(candidate, release));
    contexts.push(context(contained(release.ref.commit, previous), release, previous));
  }
  return contexts;
}
