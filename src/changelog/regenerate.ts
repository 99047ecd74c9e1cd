import type { ConventionalCommit } from "../commits/types.js";
import type { ResolvedService } from "../config/types.js";
import { assertHistoryComplete, assertWalkComplete } from "../history/complete.js";
import { hasBit } from "../history/graph.js";
import { selectRange } from "../history/range.js";
import { precedes, releasesAtHead, serviceReleases } from "../history/releases.js";
import type { RepoSession } from "../session/session.js";
import { serviceLabel } from "../config/label.js";
import { buildReleaseContext, type ReleaseContext } from "../render/context.js";
import { formatDate } from "../render/dates.js";
import type { ReleaseTag } from "../versioning/service-tags.js";
import { keptCommit, readWholeHistory } from "./history-walk.js";

export interface ChangelogOptions {
  /** Only the changes since the latest stable release. */
  unreleasedOnly: boolean;
}

/**
 * The render contexts of a service's whole changelog, newest first: the
 * unreleased changes (when there are any), then every stable release from
 * its tags, built one at a time as they are iterated. A fixed number of git
 * processes whatever the number of tags (src/changelog/history-walk.ts): for
 * a single package one `git log`, whose parents are the graph the release
 * model is answered from; for a service's paths a path-limited log beside a
 * `git rev-list` for the graph, and a log of the merges when there are any.
 */
export async function changelogContexts(
  ctx: RepoSession,
  service: ResolvedService,
  options: ChangelogOptions,
): Promise<Iterable<ReleaseContext>> {
  if (ctx.linksNote) ctx.emit({ type: "warning", message: ctx.linksNote });
  const tags = serviceReleases(ctx, service);
  const stable = tags.releases.filter((r) => !r.prerelease);
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
  const tips = [...new Set([ctx.head.sha, ...ascending.map((r) => r.ref.commit)])];
  const history = await readWholeHistory(ctx.git, ctx.config.commits, service.name, tips, service.paths);
  const { graph } = history;
  await assertWalkComplete(ctx.git, graph, `${serviceLabel(service.name)}'s releases`);

  // The release model (src/history/releases.ts), answered from the graph in memory.
  const idOf = (sha: string) => graph.ids.numberOfHex(sha);
  const marks = ascending.map((r) => idOf(r.ref.commit));
  const head = idOf(ctx.head.sha);
  const reach = graph.reachableMarks(marks, [...marks, head]);
  const highestBelow = (commit: number, accept: (candidate: ReleaseTag) => boolean): ReleaseTag | null => {
    const set = reach.get(commit)!;
    for (let i = ascending.length - 1; i >= 0; i--) if (accept(ascending[i]!) && hasBit(set, i)) return ascending[i]!;
    return null;
  };
  // A release's commits in the order the log printed them, each parsed only now: one release in memory at a time.
  const contained = (tip: number, previous: ReleaseTag | null): ConventionalCommit[] => {
    const found: number[] = [];
    for (const id of graph.only([tip], previous ? [idOf(previous.ref.commit)] : [])) {
      const k = history.keptIndex[id]!;
      if (k !== -1) found.push(k);
    }
    return found.sort((a, b) => a - b).map((k) => keptCommit(history, k, ctx.config.commits));
  };
  const latest = highestBelow(head, () => true);
  return (function* releases(): Generator<ReleaseContext> {
    const unreleased = contained(head, latest);
    if (unreleased.length > 0) yield context(unreleased, null, latest);
    for (let i = ascending.length - 1; i >= 0; i--) {
      const release = ascending[i]!;
      const previous = highestBelow(marks[i]!, (candidate) => precedes(candidate, release));
      yield context(contained(marks[i]!, previous), release, previous);
    }
  })();
}
