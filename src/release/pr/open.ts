import { loadConfig } from "../../config/load.js";
import { RelnotesError } from "../../errors.js";
import type { Emit } from "../../events.js";
import { openPullRequests } from "../../forge/open.js";
import type { ForgePullRequests, PullRequest } from "../../forge/port.js";
import { publishSettings } from "../../forge/settings.js";
import { fetchBranchesAndTags, stableRemoteBranches } from "../../git/fetch.js";
import { listRemoteRefs } from "../../git/remote-refs.js";
import { openRepository } from "../../git/repo.js";
import type { PlanRequest } from "../../plan/build.js";
import type { ReleasePlan } from "../../plan/types.js";
import { openRenderSession } from "../../render/render.js";
import { planRelease } from "../planners.js";
import { releaseCommitMessage } from "../prepare.js";
import { releaseBlock } from "./block.js";
import { checkReleaseBranch, releaseBranchName, targetBranch, writeReleaseBranch } from "./branch.js";
import { PENDING_LABEL } from "./labels.js";
import { pullRequestBody, pullRequestTitle } from "./text.js";

export interface PullRequestOptions {
  cwd: string;
  request: PlanRequest;
  /** Plan and show the pull request; push nothing, call no forge. */
  dryRun: boolean;
  env: NodeJS.ProcessEnv;
  emit: Emit;
}

/** What `relnotes pr` did to the release pull request. */
export type PullRequestAction = "opened" | "updated" | "unchanged" | "closed";

/** The release pull request as `relnotes pr` leaves it. */
export interface ReleasePullRequest {
  /** null in a dry run. */
  number: number | null;
  url: string | null;
  /** null in a dry run. */
  action: PullRequestAction | null;
  /** The release branch it comes from, and the stable branch it goes to. */
  branch: string;
  base: string;
  /** The release commit at the head of the branch; null in a dry run. */
  commit: string | null;
  title: string;
  body: string;
}

export type PullRequestOutcome =
  /** Nothing to release and no release pull request open: nothing to do. */
  | { kind: "nothing"; plan: ReleasePlan; branch: string; base: string }
  /** `refusals`: what the real run would stop on (no forge is called to find out; the rest is checked). */
  | { kind: "dry-run"; plan: ReleasePlan; pullRequest: ReleasePullRequest; refusals: string[] }
  | { kind: "done"; plan: ReleasePlan; pullRequest: ReleasePullRequest };

/** Why a plan releases nothing, in a sentence for the closing comment. */
function nothingLeft(plan: ReleasePlan): string {
  const why = plan.skipped.map((s) => `- ${s.message}`);
  return [
    "Nothing left to release, so relnotes closes this pull request" +
      (why.length > 0 ? ":" : " (no service has releasable changes)."),
    ...why,
    "",
    "`relnotes pr` opens a new one when there is something to release again.",
  ].join("\n");
}

/**
 * A merged release pull request still labelled pending holds releases nobody tagged yet: planning again would
 * plan them a second time (their tags do not exist), so nothing is written until `relnotes tag-merged` ran.
 */
async function refuseUntagged(pulls: ForgePullRequests, base: string): Promise<void> {
  const untagged = (await pulls.findClosedWithLabel(PENDING_LABEL, base, 5)).filter((p) => p.state === "merged");
  if (untagged.length === 0) return;
  const pr = untagged[0]!;
  throw new RelnotesError(
    `pull request #${pr.number} was merged but its releases are not tagged: run \`relnotes tag-merged\`` +
      ` (${pr.url})`,
    `on ${base} at the merged commit, relnotes tag-merged tags the releases and marks the pull request ` +
      `"autorelease: tagged"; then run relnotes pr again`,
  );
}

function nothingToMerge(plan: ReleasePlan): RelnotesError {
  return new RelnotesError(
    `the release of ${plan.releases.map((r) => r.tag).join(", ")} changes no file (no changelog nor manifest ` +
      "is configured for it), so a pull request would carry nothing to merge",
    "tag it directly with relnotes bump, or configure a changelog for the service",
  );
}

/** A RelnotesError as one line of a dry run's refusals; anything else is thrown on. */
async function refusal(check: () => unknown): Promise<string | null> {
  try {
    await check();
    return null;
  } catch (e) {
    if (!(e instanceof RelnotesError)) throw e;
    return e.hint ? `${e.message}: ${e.hint}` : e.message;
  }
}

/**
 * `relnotes pr`: plan as bump does, write the release commit on the release branch (never the work tree, the
 * index nor the current branch) and open or update the one release pull request into the stable branch;
 * close it with a comment when nothing is left to release.
 */
export async function runReleasePullRequest(options: PullRequestOptions): Promise<PullRequestOutcome> {
  const { emit, env } = options;
  const repo = await openRepository(options.cwd);
  const config = await loadConfig(repo.cwd);
  const git = repo.withNetworkTimeout(config.timeouts.network * 1000);
  const { remote, stable } = config.branches;

  emit({ type: "progress", step: `fetching ${remote}`, detail: "stable branches and tags" });
  const remoteRefs = await listRemoteRefs(git, remote);
  await fetchBranchesAndTags(git, remote, stableRemoteBranches(remoteRefs, stable));
  const ctx = {
    ...(await openRenderSession(git.cwd, { emit, env }, { foreignConfigNote: true })),
    git,
  };
  const base = targetBranch(ctx.head.branch, stable);
  const branch = releaseBranchName(options.request.services);
  const remoteBase = remoteRefs.heads.get(base);
  // The pull request's commit is built on the remote's stable branch: a plan from another commit would describe
  // a release that is not the one merged.
  if (remoteBase !== undefined && remoteBase !== ctx.head.sha) {
    throw new RelnotesError(
      `HEAD (${ctx.head.sha.slice(0, 12)}) is not ${remote}/${base} (${remoteBase.slice(0, 12)}): the release pull ` +
        `request is built on ${remote}/${base}, so it is planned from there`,
      `check out ${base} at ${remote}/${base} (git checkout ${base} && git pull ${remote} ${base}; commits of your ` +
        "own go in through pull requests first), then run again",
    );
  }

  // A merged release not tagged yet stops everything, planning included (its versions are in the changelogs).
  let pulls: ForgePullRequests | null = null;
  if (!options.dryRun) {
    pulls = await openPullRequests(publishSettings(config), { env, repository: ctx.repository, emit });
    emit({ type: "progress", step: `reading the release pull requests on ${pulls.host}`, detail: pulls.repository });
    await refuseUntagged(pulls, base);
  }

  emit({ type: "progress", step: "planning" });
  const plan = await planRelease(ctx, options.request);
  const title = pullRequestTitle(releaseCommitMessage(ctx, plan.releases));
  if (pulls === null) {
    // What the real run checks before its first write, but calling no forge: the forge and its credentials as
    // far as they are known without a request, the release branch's name, that there is something to merge.
    const checks = [
      () => openPullRequests(publishSettings(config), { env, repository: ctx.repository, emit }),
      () => checkReleaseBranch(branch, stable),
      () => {
        if (plan.releases.length > 0 && plan.files.length === 0) throw nothingToMerge(plan);
      },
    ];
    const refusals: string[] = [];
    for (const check of checks) {
      const problem = await refusal(check);
      if (problem !== null) refusals.push(problem);
    }
    const pullRequest = {
      number: null,
      url: null,
      action: null,
      branch,
      base,
      commit: null,
      title,
      body: pullRequestBody(plan, null),
    };
    return { kind: "dry-run", plan, pullRequest, refusals };
  }

  const open = await pulls.findOpen(branch, base);

  if (plan.releases.length === 0) {
    if (open === null) return { kind: "nothing", plan, branch, base };
    emit({ type: "progress", step: `closing pull request #${open.number}`, detail: "nothing left to release" });
    await pulls.comment(open.number, nothingLeft(plan));
    await pulls.removeLabel(open.number, PENDING_LABEL);
    const closed = await pulls.close(open.number);
    emit({ type: "step-done", step: `closed pull request #${closed.number}`, detail: closed.url });
    return { kind: "done", plan, pullRequest: described(closed, "closed", base, closed.headCommit) };
  }
  if (plan.files.length === 0) throw nothingToMerge(plan);

  emit({ type: "progress", step: `pushing ${branch}`, detail: `the release commit on ${remote}/${base}` });
  const written = await writeReleaseBranch(ctx, plan, options.request.services);
  emit({
    type: "step-done",
    step: written.pushed ? `pushed ${branch}` : `${branch} is up to date`,
    detail: written.commit.slice(0, 12),
  });
  const body = pullRequestBody(plan, releaseBlock(plan, written));

  let pr: PullRequest;
  let action: PullRequestAction;
  if (open === null) {
    emit({ type: "progress", step: `opening the pull request ${branch} → ${base}` });
    pr = await pulls.create({ head: branch, base, title, body });
    action = "opened";
  } else if (open.title !== title || open.body !== body) {
    emit({ type: "progress", step: `updating pull request #${open.number}` });
    pr = await pulls.update(open.number, {
      ...(open.title === title ? {} : { title }),
      ...(open.body === body ? {} : { body }),
    });
    action = "updated";
  } else {
    pr = open;
    action = "unchanged";
  }
  if (!pr.labels.includes(PENDING_LABEL)) await pulls.addLabels(pr.number, [PENDING_LABEL]);
  emit({ type: "step-done", step: `pull request #${pr.number} ${action}`, detail: pr.url });
  return { kind: "done", plan, pullRequest: { ...described(pr, action, base, written.commit), title, body } };
}

function described(pr: PullRequest, action: PullRequestAction, base: string, commit: string): ReleasePullRequest {
  return {
    number: pr.number,
    url: pr.url,
    action,
    branch: pr.head,
    base,
    commit,
    title: pr.title,
    body: pr.body,
  };
}
