import { CommitSelection } from "../commits/classify.js";
import type { ConventionalCommit } from "../commits/types.js";
import type { ResolvedService } from "../config/types.js";
import { streamCommits } from "../git/log.js";
import { selectRange } from "../history/range.js";
import { labelCommits } from "../history/release-map.js";
import type { PlanContext } from "../plan/context.js";
import { buildReleaseContext, type ReleaseContext } from "../render/context.js";
import { formatDate } from "../render/dates.js";
import { highestReachable } from "../versioning/reachable.js";
import { collectServiceTags, type ReleaseTag } from "../versioning/service-tags.js";

export interface ChangelogOptions {
  /** Only the changes since the latest stable release. */
  unreleasedOnly: boolean;
}

/**
 * The render contexts of a service's whole changelog, newest first: the
 * unreleased changes (when there are any), then every stable release from
 * its tags. Two git processes whatever the number of tags: one topology
 * walk to assign commits to releases, one path-filtered log for messages,
 * run side by side.
 */
export async function changelogContexts(ctx: PlanContext, service: ResolvedService, options: ChangelogOptions): Promise<ReleaseContext[]> {
  const stable = collectServiceTags(ctx.tags, service).releases.filter((r) => !r.prerelease);
  const noMerges = ctx.config.commits.merges === "skip";
  const context = (commits: readonly ConventionalCommit[], release: ReleaseTag | null, previous: ReleaseTag | null): ReleaseContext =>
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
    const latest = await highestReachable(ctx.git, stable, ctx.head.sha);
    const selection = await selectRange(ctx, service, latest?.ref.commit ?? null, ctx.head.sha);
    return [context(selection.commits, null, latest)];
  }

  const ascending = [...stable].reverse();
  ctx.emit({ type: "progress", step: "reading history", detail: `${ascending.length} releases of ${service.name ?? "the package"}` });
  // A whole history can be millions of commits: keep only those a section shows.
  const types = ctx.config.commits.types;
  const shown = (c: ConventionalCommit) => c.breaking || c.type === null || Boolean(types[c.type]?.section);
  const selection = new CommitSelection(ctx.config.commits, service.name, shown);
  const tips = [...new Set([ctx.head.sha, ...ascending.map((r) => r.ref.commit)])];
  const [labels] = await Promise.all([
    labelCommits(ctx.git, ascending.map((r) => r.ref.commit), ctx.head.sha),
    streamCommits(ctx.git, { revisions: [], stdinRevisions: tips, paths: service.paths, noMerges }, (raw) => selection.add(raw)),
  ]);

  const byRelease: ConventionalCommit[][] = ascending.map(() => []);
  const unreleased: ConventionalCommit[] = [];
  for (const commit of selection.commits) {
    const label = labels.get(commit.sha);
    if (label === undefined) unreleased.push(commit);
    else byRelease[label]!.push(commit);
  }
  const contexts: ReleaseContext[] = [];
  if (unreleased.length > 0) contexts.push(context(unreleased, null, ascending.at(-1) ?? null));
  for (let i = ascending.length - 1; i >= 0; i--) contexts.push(context(byRelease[i]!, ascending[i]!, ascending[i - 1] ?? null));
  return contexts;
}
