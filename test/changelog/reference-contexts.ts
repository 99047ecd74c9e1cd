import { CommitSelection } from "../../src/commits/classify.js";
import type { ConventionalCommit } from "../../src/commits/types.js";
import type { ResolvedService } from "../../src/config/types.js";
import { streamCommits } from "../../src/git/log.js";
import { CommitGraph, hasBit } from "../../src/history/graph.js";
import { attachPullRequests, pullRequestsOfGraph } from "../../src/history/merge-prs.js";
import { precedes, serviceReleases } from "../../src/history/releases.js";
import { buildReleaseContext, type ReleaseContext } from "../../src/render/context.js";
import { formatDate } from "../../src/render/dates.js";
import type { RepoSession } from "../../src/session/session.js";
import type { ReleaseTag } from "../../src/versioning/service-tags.js";

/**
 * The whole-history changelog as relnotes built it before it read one walk
 * into typed arrays (src/changelog/regenerate.ts at 757eb38): a `git rev-list
 * --topo-order` graph of strings beside a path-limited `git log` whose
 * commits are all parsed and kept, a log of the merges for PR numbers, then
 * every context at once. Kept as the reference the lean path must equal.
 */
export async function referenceContexts(ctx: RepoSession, service: ResolvedService): Promise<ReleaseContext[]> {
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
  const ascending = [...stable].reverse();
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
  attachPullRequests(selection.commits, await pullRequestsOfGraph(ctx.git, graph));
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
