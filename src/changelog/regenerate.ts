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
import { keptCommit, readWholeHistory, type WholeHistory } from "./history-walk.js";

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
  const { graph, kept } = history;
  await assertWalkComplete(ctx.git, graph, `${serviceLabel(service.name)}'s releases`);

  // The release model (src/history/releases.ts), answered from the graph in memory: every release's
  // previous release and commits (kept commits' numbers, in the order the log printed them), before any is parsed.
  const idOf = (sha: string) => graph.ids.numberOfHex(sha);
  const marks = ascending.map((r) => idOf(r.ref.commit));
  const head = idOf(ctx.head.sha);
  // `ascending` is in version order, so no release from `below` up can precede the one at `below`:
  // the scan starts under it (it started at the top: a SemVer comparison per pair, 23,000 tags took minutes).
  const highestIn = (set: Uint32Array, accept: (candidate: ReleaseTag) => boolean, below: number) => {
    for (let i = below - 1; i >= 0; i--) if (hasBit(set, i) && accept(ascending[i]!)) return ascending[i]!;
    return null;
  };
  const releasesAt = new Map<number, number[]>();
  for (const [i, id] of marks.entries()) releasesAt.set(id, [...(releasesAt.get(id) ?? []), i]);
  const previousOf: (ReleaseTag | null)[] = ascending.map(() => null);
  const atHead: { latest: ReleaseTag | null } = { latest: null };
  graph.forEachReach(marks, [...marks, head], (target, set) => {
    for (const i of releasesAt.get(target) ?? [])
      previousOf[i] = highestIn(set, (candidate) => precedes(candidate, ascending[i]!), i);
    if (target === head) atHead.latest = highestIn(set, () => true, ascending.length);
  });
  const { latest } = atHead;
  const contained = (tip: number, previous: ReleaseTag | null): Int32Array => {
    const found: number[] = [];
    for (const id of graph.only([tip], previous ? [idOf(previous.ref.commit)] : [])) {
      const k = history.keptIndex[id]!;
      if (k !== -1) found.push(k);
    }
    return Int32Array.from(found).sort();
  };
  const plan: { release: ReleaseTag | null; previous: ReleaseTag | null; commits: Int32Array }[] = [];
  const unreleased = contained(head, latest);
  if (unreleased.length > 0) plan.push({ release: null, previous: latest, commits: unreleased });
  for (let i = ascending.length - 1; i >= 0; i--) {
    const release = ascending[i]!;
    const previous = previousOf[i] ?? null;
    plan.push({ release, previous, commits: contained(marks[i]!, previous) });
  }
  // Rendering reads only ids and parents: the lookup table and the topological numbering go.
  graph.keepOnlyCommits();
  history.keptIndex = new Int32Array(0);
  // Each chunk of kept commits is let go once the last release that shows one of them is rendered.
  const lastUse = new Int32Array(kept.chunkCount).fill(-1);
  plan.forEach((p, r) => {
    for (const k of p.commits) lastUse[kept.chunkOf(k)] = r;
  });
  return releaseContexts({ history }, plan, lastUse, context);
}

/** The contexts of `plan`, each parsed only when asked for; the history is let go as it is read. */
function* releaseContexts(
  holder: { history: WholeHistory | null },
  plan: readonly { release: ReleaseTag | null; previous: ReleaseTag | null; commits: Int32Array }[],
  lastUse: Int32Array,
  context: (commits: ConventionalCommit[], release: ReleaseTag | null, previous: ReleaseTag | null) => ReleaseContext,
): Generator<ReleaseContext> {
  for (let r = 0; r < plan.length; r++) {
    const history = holder.history!;
    const { release, previous, commits } = plan[r]!;
    yield context(
      Array.from(commits, (k) => keptCommit(history, k)),
      release,
      previous,
    );
    for (let c = 0; c < lastUse.length; c++) if (lastUse[c] === r) history.kept.drop(c);
  }
  // The graph too, before the caller writes the changelog out.
  holder.history = null;
}
