import { ProblemsError, RelnotesError } from "../../errors.js";
import type { Emit } from "../../events.js";
import { openPullRequests } from "../../forge/open.js";
import type { ForgePullRequests } from "../../forge/port.js";
import { publishSettings } from "../../forge/settings.js";
import { fetchBranchesAndTags, stableRemoteBranches } from "../../git/fetch.js";
import { listRemoteRefs } from "../../git/remote-refs.js";
import { openRenderSession, type RenderSession } from "../../render/render.js";
import { resolveRepository } from "../../session/repository.js";
import { applyState, underReleaseLock, type ReleaseSession } from "../bump.js";
import { checkNeeds } from "../preflight.js";
import { hookEnvironment } from "../prepare.js";
import { publishMode, type PublishMode } from "../publish.js";
import { recheckPending } from "../recheck.js";
import type { ReleaseState, SavedRelease, Step } from "../state.js";
import { targetBranch } from "./branch.js";
import { PENDING_LABEL, TAGGED_LABEL } from "./labels.js";
import { findMergedRelease, type MergedRelease } from "./merged.js";
import { checkMergedRelease, type CheckedMerge } from "./merged-check.js";

export interface TagMergedOptions {
  cwd: string;
  /** Tag this merged release pull request (when several wait); null: the one that waits. */
  pullRequest: number | null;
  dryRun: boolean;
  /** Do not publish the forge releases (the same switch as bump's --no-github). */
  skipPublish: boolean;
  env: NodeJS.ProcessEnv;
  emit: Emit;
  /** Called when an unfinished tag-merged release is found, before it is completed. */
  showUnfinished(state: ReleaseState): void;
}

export type TagMergedOutcome =
  | { kind: "nothing"; branch: string }
  | { kind: "dry-run"; merged: MergedRelease; checked: CheckedMerge; refusals: string[] }
  | { kind: "unfinished"; state: ReleaseState }
  | {
      kind: "tagged";
      pullRequest: { number: number; url: string | null };
      state: ReleaseState;
      releaseUrls: Map<string, string | null>;
      resumed: boolean;
    };

/**
 * `relnotes tag-merged`: after a release pull request was merged, tag the
 * commit its merge left on the stable branch, push each tag in a push of its
 * own and publish the releases, with bump's journal and steps (no release
 * commit: the merge made it). Then the pull request's label becomes
 * "autorelease: tagged", so a second run finds nothing to do.
 */
export function runTagMerged(options: TagMergedOptions): Promise<TagMergedOutcome> {
  return underReleaseLock(options.cwd, options.emit, (session) => locked(session, options));
}

async function locked(session: ReleaseSession, options: TagMergedOptions): Promise<TagMergedOutcome> {
  const { git, config, store } = session;
  const pending = await store.load(publishSettings(config).terms);
  if (pending) return resume(session, pending, options);

  const remote = config.branches.remote;
  options.emit({ type: "progress", step: `fetching ${remote}`, detail: "stable branches and tags" });
  const remoteRefs = await listRemoteRefs(git, remote);
  await fetchBranchesAndTags(git, remote, stableRemoteBranches(remoteRefs, config.branches.stable));
  const ctx: RenderSession = {
    ...(await openRenderSession(git.cwd, { emit: options.emit, env: options.env })),
    git,
  };
  const branch = targetBranch(ctx.head.branch, config.branches.stable);
  const pullRequests = await forgePullRequests(session, options);
  const lookup = await findMergedRelease(git, pullRequests, {
    branch,
    head: ctx.head.sha,
    number: options.pullRequest,
  });
  for (const message of lookup.notes) options.emit({ type: "warning", message });
  const merged = lookup.found;
  if (merged === null) return { kind: "nothing", branch };

  const checked = await checkMergedRelease(ctx, merged, remoteRefs);
  const publish = publishMode(config, options.skipPublish);
  const unpushed = checked.releases.map((r) => r.release).filter((r) => !checked.pushed.includes(r.tag));
  const needs = await checkNeeds(
    git,
    {
      commit: false,
      tags: unpushed.map((r) => ({ name: r.tag, sign: r.sign })),
      push: unpushed.length > 0 ? { remote, branch: null, commit: merged.mergeCommit } : null,
      publish,
    },
    options.env,
    { repository: await resolveRepository(git, config, options.env), config, emit: options.emit },
  );
  const refusals = [...checked.problems, ...needs];
  if (options.dryRun) return { kind: "dry-run", merged, checked, refusals };
  const tags = merged.block.releases.map((r) => r.tag).join(", ");
  if (refusals.length > 0)
    throw new ProblemsError(
      `refusing to tag ${tags}, the release of pull request #${merged.pr.number} (${merged.pr.url}), on its merge ` +
        `commit ${merged.mergeCommit.slice(0, 7)}; nothing was written:`,
      refusals,
      "the merge commit must carry what the release pull request planned. If the merge lost or changed the " +
        `release's edits, remove the label "${PENDING_LABEL}" from pull request #${merged.pr.number} and run ` +
        "relnotes pr for a new release pull request; otherwise fix the cause above and run relnotes tag-merged " +
        "again (--dry-run lists the problems without writing)",
    );

  const state = mergedState(
    ctx,
    merged,
    branch,
    checked.releases.map((r) => r.release),
    publish,
  );
  const released = await applyState(session, state, options, false);
  await markTagged(pullRequests, merged.pr.number);
  return {
    kind: "tagged",
    pullRequest: { number: merged.pr.number, url: merged.pr.url },
    state,
    releaseUrls: released.releaseUrls,
    resumed: false,
  };
}

/** An unfinished release was found: complete it when tag-merged started it; bump's own is bump's to finish. */
async function resume(session: ReleaseSession, state: ReleaseState, options: TagMergedOptions) {
  const tags = state.releases.map((r) => r.tag).join(", ");
  const number = state.pullRequest;
  if (number === undefined)
    throw new RelnotesError(
      `an unfinished release of ${tags}, started by relnotes bump, is in progress`,
      "finish it with relnotes bump --resume (or undo its local part with relnotes bump --abort), then run " +
        "relnotes tag-merged again",
    );
  if (options.pullRequest !== null && options.pullRequest !== number)
    throw new RelnotesError(
      `the unfinished release of ${tags} is the one of pull request #${number}, not #${options.pullRequest}`,
      "finish it first: relnotes tag-merged (without --pr)",
    );
  options.showUnfinished(state);
  if (options.dryRun) return { kind: "unfinished" as const, state };
  await recheckPending(session.git, session.config, state, session.store, options);
  const released = await applyState(session, state, options, true);
  await markTagged(await forgePullRequests(session, options), number);
  return {
    kind: "tagged" as const,
    pullRequest: { number, url: null },
    state,
    releaseUrls: released.releaseUrls,
    resumed: true,
  };
}

async function forgePullRequests(session: ReleaseSession, options: TagMergedOptions): Promise<ForgePullRequests> {
  const repository = await resolveRepository(session.git, session.config, options.env);
  return openPullRequests(publishSettings(session.config), { env: options.env, repository, emit: options.emit });
}

/** The journal of tagging a merge commit: bump's tag, push and publish steps, nothing to write or commit. */
function mergedState(
  ctx: RenderSession,
  merged: MergedRelease,
  branch: string,
  releases: SavedRelease[],
  publish: PublishMode,
): ReleaseState {
  const steps: Step[] = [
    ...releases.map((r): Step => ({ id: `tag:${r.tag}`, kind: "tag", tag: r.tag, done: false })),
    ...releases.map((r): Step => ({ id: `push:${r.tag}`, kind: "push-tag", tag: r.tag, done: false })),
    ...(publish === false
      ? []
      : releases.map((r): Step => ({ id: `publish:${r.tag}`, kind: "publish", tag: r.tag, done: false }))),
  ];
  return {
    format: 2,
    startedAt: ctx.now.toISOString(),
    remote: ctx.config.branches.remote,
    branch,
    startHead: merged.mergeCommit,
    dirtyAtStart: [],
    hooks: [],
    hookEnv: hookEnvironment(releases),
    commitMessage: null,
    releases,
    files: [],
    hookChanged: [],
    commit: null,
    tagObjects: {},
    publish,
    host: publishSettings(ctx.config).terms,
    repositoryUrl: ctx.repository?.url ?? null,
    pullRequest: merged.pr.number,
    steps,
  };
}

/** The release is complete: the pull request's label says so (added before the old one goes, so it always has one). */
async function markTagged(pullRequests: ForgePullRequests, number: number): Promise<void> {
  try {
    await pullRequests.addLabels(number, [TAGGED_LABEL]);
    await pullRequests.removeLabel(number, PENDING_LABEL);
  } catch (e) {
    if (!(e instanceof RelnotesError)) throw e;
    throw new RelnotesError(
      `the release of pull request #${number} is complete, but its label could not be changed: ${e.message}`,
      "run relnotes tag-merged again (it completes only what is missing), or replace the label " +
        `"${PENDING_LABEL}" with "${TAGGED_LABEL}" by hand`,
      { cause: e },
    );
  }
}
