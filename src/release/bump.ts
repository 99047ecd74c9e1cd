import { loadConfig } from "../config/load.js";
import { RelnotesError } from "../errors.js";
import type { Emit } from "../events.js";
import { fetchBranchesAndTags, stableRemoteBranches } from "../git/fetch.js";
import { listRemoteRefs, type RemoteRefs } from "../git/remote-refs.js";
import { openRepository, readHead } from "../git/repo.js";
import { buildPlan, type PlanRequest } from "../plan/build.js";
import { openPlanContext, resolveRepository } from "../plan/open.js";
import type { ReleasePlan } from "../plan/types.js";
import { abortRelease, type AbortReport } from "./abort.js";
import { applyRelease } from "./apply.js";
import { checkPolicy } from "./policy.js";
import { prepareRelease } from "./prepare.js";
import { githubEnabled, githubPublisher } from "./publish.js";
import { StateStore, type ReleaseState } from "./state.js";

export interface BumpOptions {
  cwd: string;
  request: PlanRequest;
  fetch: boolean;
  dryRun: boolean;
  allowDirty: boolean;
  yes: boolean;
  resume: boolean;
  abort: boolean;
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
  | { kind: "nothing" | "dry-run"; plan: ReleasePlan }
  | { kind: "declined" }
  | { kind: "unfinished" }
  | { kind: "aborted"; report: AbortReport | null }
  | { kind: "released"; state: ReleaseState; releaseUrls: Map<string, string | null>; resumed: boolean };

async function approve(options: BumpOptions, question: string, flag: string): Promise<boolean> {
  if (options.yes) return true;
  if (!options.interactive) throw new RelnotesError(`no terminal to confirm on, and ${flag} was not passed`, `pass ${flag} to go ahead without a prompt (after checking the plan above)`);
  return options.confirm(question);
}

async function apply(state: ReleaseState, options: BumpOptions, resumed: boolean): Promise<BumpOutcome> {
  const git = await openRepository(options.cwd);
  const store = await StateStore.open(git);
  const config = await loadConfig(git.cwd);
  const publish = state.github !== false && githubEnabled(config, options.env) ? githubPublisher(git, config, options.env, await resolveRepository(git, config), options.emit) : null;
  const releaseUrls = new Map<string, string | null>();
  await applyRelease(state, { git, store, emit: options.emit, publish, releaseUrls, killAfter: options.env.RELNOTES_TEST_KILL_AFTER || undefined });
  return { kind: "released", state, releaseUrls, resumed };
}

/** An unfinished release was found: show it, then finish it (--resume / confirmation) or undo its local part (--abort). */
async function unfinished(state: ReleaseState, options: BumpOptions): Promise<BumpOutcome> {
  const git = await openRepository(options.cwd);
  options.showUnfinished(state);
  if (options.abort) return { kind: "aborted", report: await abortRelease(git, await StateStore.open(git), state, options.emit) };
  const saved = state.releases.map((r) => r.service ?? "");
  const named = options.request.services;
  if (named.length > 0 && (named.length !== saved.length || named.some((n) => !saved.includes(n)))) {
    throw new RelnotesError(`an unfinished release of ${state.releases.map((r) => r.tag).join(", ")} is in progress`, "finish it first (relnotes bump --resume) or undo its local part (relnotes bump --abort)");
  }
  if (options.dryRun) return { kind: "unfinished" };
  if (!options.resume && !(await approve(options, "Complete the unfinished release?", "--resume"))) return { kind: "declined" };
  const head = await readHead(git);
  if (head.branch !== state.branch) throw new RelnotesError(`the unfinished release was started on ${state.branch}, but HEAD is on ${head.branch ?? "a detached HEAD"}`, `git checkout ${state.branch}, then run relnotes bump --resume`);
  return apply(state, options, true);
}

/**
 * `relnotes bump`: fetch, plan, check policy, confirm, then apply with a
 * saved, resumable state. Every check happens before the first write.
 */
export async function runBump(options: BumpOptions): Promise<BumpOutcome> {
  const git = await openRepository(options.cwd);
  const pending = await (await StateStore.open(git)).load();
  if (pending) return unfinished(pending, options);
  if (options.abort) return { kind: "aborted", report: null };
  if (options.resume) throw new RelnotesError("there is no unfinished release to resume", "run relnotes bump <service…> to start one");

  let remoteRefs: RemoteRefs | null = null;
  if (options.fetch) {
    const config = await loadConfig(git.cwd);
    const { remote, stable } = config.branches;
    options.emit({ type: "progress", step: `fetching ${remote}`, detail: "stable branches and tags" });
    remoteRefs = await listRemoteRefs(git, remote);
    await fetchBranchesAndTags(git, remote, stableRemoteBranches(remoteRefs, stable));
  }

  const ctx = await openPlanContext(git.cwd, options.emit);
  const plan = await buildPlan(ctx, options.request);
  options.showPlan(plan);
  if (plan.releases.length === 0) return { kind: "nothing", plan };
  if (options.dryRun) return { kind: "dry-run", plan };

  remoteRefs ??= await listRemoteRefs(git, ctx.config.branches.remote);
  const github = githubEnabled(ctx.config, options.env);
  if (!github && ctx.config.github.release !== false) {
    const tags = plan.releases.map((r) => r.tag);
    options.emit({ type: "warning", message: `GITHUB_TOKEN and GH_TOKEN are unset, so no GitHub release will be created (github.release: "${ctx.config.github.release}"); afterwards run: ${tags.map((t) => `relnotes release ${t}`).join("; ")}` });
  }
  const { dirty } = await checkPolicy({ ctx, plan, remoteRefs, allowDirty: options.allowDirty, github });
  if (!(await approve(options, `Release ${plan.releases.map((r) => r.tag).join(", ")}?`, "--yes"))) return { kind: "declined" };

  const state = prepareRelease(ctx, plan, ctx.head.branch!, dirty, github);
  return apply(state, options, false);
}
