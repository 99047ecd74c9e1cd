import { rmSync } from "node:fs";
import { loadConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/types.js";
import { ProblemsError, RelnotesError } from "../errors.js";
import type { Emit } from "../events.js";
import { fetchBranchesAndTags, stableRemoteBranches } from "../git/fetch.js";
import { leftoverGitLocks } from "../git/locks.js";
import { listRemoteRefs, type RemoteRefs } from "../git/remote-refs.js";
import { openRepository, readHead } from "../git/repo.js";
import type { Git } from "../git/run.js";
import type { PlanRequest } from "../plan/build.js";
import { currentPlan } from "../plan/current.js";
import { openRenderSession } from "../render/render.js";
import { resolveRepository } from "../session/repository.js";
import type { ReleasePlan } from "../plan/types.js";
import { abortRelease, type AbortReport } from "./abort.js";
import { applyRelease } from "./apply.js";
import type { LockOwner } from "./lock.js";
import { planRelease } from "./planners.js";
import { preflight } from "./preflight.js";
import { prepareRelease } from "./prepare.js";
import { forgePublisher, publishMode } from "./publish.js";
import { recheckPending } from "./recheck.js";
import { StateStore, type ReleaseState } from "./state.js";
import { publishSettings } from "../forge/settings.js";
import { agree } from "../text/words.js";

export interface BumpOptions {
  cwd: string;
  request: PlanRequest;
  /** A plan made earlier (e.g. read back from JSON): applied instead of planning again, if HEAD and its files are unchanged. */
  plan?: ReleasePlan;
  fetch: boolean;
  dryRun: boolean;
  allowDirty: boolean;
  yes: boolean;
  resume: boolean;
  abort: boolean;
  /** Skip publishing the forge releases (the explicit way; missing credentials are an error). */
  skipPublish: boolean;
  /** A terminal is attached: confirmation can be asked. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  emit: Emit;
  confirm(question: string): Promise<boolean>;
  /** Called once the plan is built, before any check or write. */
  showPlan(plan: ReleasePlan): void;
  /** Called when an unfinished release is found. */
  showUnfinished(state: ReleaseState): void;
}

export type BumpOutcome =
  | { kind: "nothing"; plan: ReleasePlan }
  | { kind: "dry-run"; plan: ReleasePlan; refusals: string[]; unchecked: string[] }
  | { kind: "declined" }
  | { kind: "unfinished" }
  | { kind: "aborted"; report: AbortReport | null }
  | { kind: "released"; state: ReleaseState; releaseUrls: Map<string, string | null>; resumed: boolean };

/** The repository, its config and its journal, while the release lock is held. */
export interface ReleaseSession {
  git: Git;
  config: ResolvedConfig;
  store: StateStore;
}

type Session = ReleaseSession;

async function approve(options: BumpOptions, question: string, flag: string): Promise<boolean> {
  if (options.yes) return true;
  if (!options.interactive)
    throw new RelnotesError(
      `no terminal to confirm on, and ${flag} was not passed`,
      `pass ${flag} to go ahead without a prompt (after checking the plan above)`,
    );
  return options.confirm(question);
}

/** Run the saved release's pending steps (bump, resume, tag-merged): publishing opens the forge first. */
export async function applyState(
  session: Session,
  state: ReleaseState,
  options: Pick<BumpOptions, "env" | "emit">,
  resumed: boolean,
): Promise<Extract<BumpOutcome, { kind: "released" }>> {
  const { git, config, store } = session;
  const publishing = state.publish !== false && state.steps.some((s) => s.kind === "publish" && !s.done);
  const publish = publishing
    ? forgePublisher(git, config, options.env, await resolveRepository(git, config, options.env), options.emit)
    : null;
  const releaseUrls = new Map<string, string | null>();
  await applyRelease(state, {
    git,
    store,
    emit: options.emit,
    publish,
    releaseUrls,
    hookTimeoutMs: config.timeouts.hooks * 1000,
  });
  return { kind: "released", state, releaseUrls, resumed };
}

/** An unfinished release was found: show it, then finish it (--resume / confirmation) or undo its local part (--abort). */
async function unfinished(session: Session, state: ReleaseState, options: BumpOptions): Promise<BumpOutcome> {
  const { git, store } = session;
  options.showUnfinished(state);
  if (options.abort) return { kind: "aborted", report: await abortRelease(git, store, state, options.emit) };
  const saved = state.releases.map((r) => r.service ?? "");
  const named = options.request.services;
  if (named.length > 0 && (named.length !== saved.length || named.some((n) => !saved.includes(n)))) {
    throw new RelnotesError(
      `an unfinished release of ${state.releases.map((r) => r.tag).join(", ")} is in progress`,
      "finish it first (relnotes bump --resume) or undo its local part (relnotes bump --abort)",
    );
  }
  if (options.dryRun) return { kind: "unfinished" };
  if (!options.resume && !(await approve(options, "Complete the unfinished release?", "--resume")))
    return { kind: "declined" };
  const head = await readHead(git);
  if (head.branch !== state.branch)
    throw new RelnotesError(
      `the unfinished release was started on ${state.branch}, but HEAD is on ${head.branch ?? "a detached HEAD"}`,
      `git checkout ${state.branch}, then run relnotes bump --resume`,
    );
  await recheckPending(git, session.config, state, store, options);
  return applyState(session, state, options, true);
}

/**
 * Git lock files a killed run left behind. Removed when they date from a
 * relnotes run that died holding the release lock (its own git commands made
 * them); otherwise named, with the command that removes them.
 */
async function clearGitLocks(git: Git, deadRun: LockOwner | null, emit: Emit): Promise<void> {
  const locks = await leftoverGitLocks(git);
  if (locks.length === 0) return;
  const since = deadRun ? Date.parse(deadRun.startedAt) : NaN;
  const ours = locks.filter((l) => l.modified.getTime() >= since);
  for (const l of ours) {
    rmSync(l.path, { force: true });
    emit({ type: "warning", message: `removed ${l.shown}, left by the killed relnotes run (pid ${deadRun!.pid})` });
  }
  const others = locks.filter((l) => !ours.includes(l));
  if (others.length === 0) return;
  throw new RelnotesError(
    `git ${agree(others.length, "lock file", "lock files")} ` +
      `${others.map((l) => `${l.shown} (from ${l.modified.toISOString()})`).join(", ")} ` +
      (`${agree(others.length, "exists", "exist")}: a git command is running, or one was killed and left ` +
        `${agree(others.length, "it", "them")}, `) +
      `and git refuses to work until ${agree(others.length, "it is", "they are")} gone`,
    `if no git command is running in this repository, remove ${agree(others.length, "it", "them")}: rm -f ` +
      `${others.map((l) => `'${l.path}'`).join(" ")}`,
  );
}

/**
 * `relnotes bump`: lock, fetch, plan, pre-flight (every check before the
 * first write), confirm, then apply with a saved, resumable state.
 */
export async function runBump(options: BumpOptions): Promise<BumpOutcome> {
  return underReleaseLock(options.cwd, options.emit, (session) => locked(session, options));
}

/**
 * Open the repository and its config, take the one-release-at-a-time lock,
 * clear what a killed run left (temp files, its git lock files), run `work`,
 * and let the lock go.
 */
export async function underReleaseLock<T>(
  cwd: string,
  emit: Emit,
  work: (session: ReleaseSession) => Promise<T>,
): Promise<T> {
  const repo = await openRepository(cwd);
  // Config paths are confined at load, before anything else reads or writes.
  const config = await loadConfig(repo.cwd);
  const git = repo.withNetworkTimeout(config.timeouts.network * 1000);
  const store = await StateStore.open(git);
  const lock = store.lock(emit);
  try {
    await store.sweepTemp();
    await clearGitLocks(git, lock.tookOverFrom, emit);
    return await work({ git, config, store });
  } finally {
    lock.release();
  }
}

async function locked(session: Session, options: BumpOptions): Promise<BumpOutcome> {
  const { git, config, store } = session;
  const pending = await store.load(publishSettings(config).terms);
  if (pending) return unfinished(session, pending, options);
  if (options.abort) return { kind: "aborted", report: null };
  if (options.resume)
    throw new RelnotesError("there is no unfinished release to resume", "run relnotes bump <service…> to start one");

  const { remote, stable } = config.branches;
  let remoteRefs: RemoteRefs | null = null;
  if (options.fetch) {
    options.emit({ type: "progress", step: `fetching ${remote}`, detail: "stable branches and tags" });
    remoteRefs = await listRemoteRefs(git, remote);
    await fetchBranchesAndTags(git, remote, stableRemoteBranches(remoteRefs, stable));
  }

  const ctx = {
    ...(await openRenderSession(git.cwd, { emit: options.emit, env: options.env }, { foreignConfigNote: true })),
    git,
  };
  const plan = options.plan
    ? currentPlan(ctx, options.plan)
    : await planRelease(ctx, { ...options.request, skipPublish: options.skipPublish });
  options.showPlan(plan);
  if (plan.releases.length === 0) return { kind: "nothing", plan };

  // The dry run makes every check of the real run; with --no-fetch it stays offline and names the checks it left out.
  const offline = options.dryRun && !options.fetch;
  if (!offline) remoteRefs ??= await listRemoteRefs(git, remote);
  const publish = publishMode(config, options.skipPublish);
  const checked = await preflight(ctx, plan, { remoteRefs, allowDirty: options.allowDirty, publish, env: options.env });
  for (const message of checked.warnings) options.emit({ type: "warning", message });
  if (options.dryRun) return { kind: "dry-run", plan, refusals: checked.problems, unchecked: checked.unchecked };
  if (checked.problems.length > 0) {
    throw new ProblemsError(
      `refusing to release ${plan.releases.map((r) => r.tag).join(", ")}; nothing was written:`,
      checked.problems,
      "fix the problems above and run relnotes bump again (relnotes bump --dry-run lists them without changing " +
        "anything)",
    );
  }
  if (!(await approve(options, `Release ${plan.releases.map((r) => r.tag).join(", ")}?`, "--yes")))
    return { kind: "declined" };

  const state = prepareRelease(ctx, plan, ctx.head.branch!, checked.dirty, publish !== false);
  return applyState(session, state, options, false);
}
