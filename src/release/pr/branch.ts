import picomatch from "picomatch";
import { RelnotesError } from "../../errors.js";
import { readCommit } from "../../git/commit.js";
import { fetchBranchesAndTags } from "../../git/fetch.js";
import {
  commitTree,
  hashBlob,
  refCommit,
  signsCommits,
  treeEntries,
  treeWithEdits,
  updateRef,
} from "../../git/plumbing.js";
import { pushRefspecs } from "../../git/push.js";
import { listRemoteRefs } from "../../git/remote-refs.js";
import type { Git } from "../../git/run.js";
import type { ReleasePlan } from "../../plan/types.js";
import type { RenderSession } from "../../render/render.js";
import { agree } from "../../text/words.js";
import { releaseCommitMessage } from "../prepare.js";

export interface ReleaseBranchResult {
  /** The release branch, e.g. `relnotes/release`. */
  branch: string;
  /** Its commit: the one made now, or the one already there when nothing changed. */
  commit: string;
  /** The stable branch the release goes to (`main`). */
  stable: string;
  /** The stable branch's commit on the remote that `commit` was built on (its one parent). */
  base: string;
  /** Whether the branch was pushed (false: the remote already had this release). */
  pushed: boolean;
}

/** `relnotes/release` for a release of all services, `relnotes/release-<service>` when the command names one. */
export function releaseBranchName(services: readonly string[]): string {
  return services.length === 1 ? `relnotes/release-${services[0]}` : "relnotes/release";
}

/** Refuse a release branch that is a stable branch: it is force-pushed, and a stable branch never is. */
export function checkReleaseBranch(branch: string, stableGlobs: readonly string[]): void {
  if (picomatch([...stableGlobs])(branch)) {
    throw new RelnotesError(
      `the release branch ${branch} matches branches.stable (${stableGlobs.join(", ")}): relnotes force-pushes the release branch and never a stable one`,
      "narrow branches.stable in the relnotes config so that it does not match relnotes/*",
    );
  }
}

/** The stable branch a release pull request goes to: the current branch when it is one, else the only literal stable branch. */
export function targetBranch(current: string | null, stableGlobs: readonly string[]): string {
  if (current !== null && picomatch([...stableGlobs])(current)) return current;
  const literal = stableGlobs.filter((g) => !picomatch.scan(g).isGlob);
  if (literal.length === 1) return literal[0]!;
  throw new RelnotesError(
    `cannot tell which stable branch the release goes to: ${current ?? "a detached HEAD"} is not one of branches.stable (${stableGlobs.join(", ")})`,
    "check out the stable branch the release pull request should go to",
  );
}

/** Paths whose text on `base` is not the text the plan was made from (`before`; null: the file did not exist). */
async function driftedFiles(git: Git, base: string, plan: ReleasePlan): Promise<string[]> {
  const entries = await treeEntries(
    git,
    base,
    plan.files.map((f) => f.path),
  );
  const drifted: string[] = [];
  for (const file of plan.files) {
    const entry = entries.get(file.path);
    if (
      file.before === null
        ? entry !== undefined
        : entry === undefined || entry.blob !== (await hashBlob(git, file.before, false))
    )
      drifted.push(file.path);
  }
  return drifted;
}

/**
 * Write the plan's file edits as one commit on the release branch, built from
 * the stable branch's tip on the remote with git plumbing (a temporary index),
 * and push it there with a lease. The work tree, the index and the current
 * branch are never touched. When the remote's release branch already holds
 * this exact release (same files, same base), nothing is made nor pushed.
 */
export async function writeReleaseBranch(
  ctx: RenderSession,
  plan: ReleasePlan,
  services: readonly string[],
): Promise<ReleaseBranchResult> {
  const { git, config } = ctx;
  const branch = releaseBranchName(services);
  checkReleaseBranch(branch, config.branches.stable);
  if (ctx.head.branch === branch) {
    throw new RelnotesError(
      `the release branch ${branch} is checked out: relnotes moves it and would leave your work tree behind`,
      "check out the stable branch and run again",
    );
  }
  const remote = config.branches.remote;
  const stable = targetBranch(ctx.head.branch, config.branches.stable);
  const ref = `refs/heads/${branch}`;
  const remoteRefs = await listRemoteRefs(git, remote, [`refs/heads/${stable}`, ref]);
  const base = remoteRefs.heads.get(stable);
  if (base === undefined)
    throw new RelnotesError(
      `remote ${remote} has no branch ${stable}`,
      `push ${stable} first (git push ${remote} ${stable})`,
    );
  const remoteTip = remoteRefs.heads.get(branch) ?? null;
  await fetchBranchesAndTags(git, remote, remoteTip === null ? [stable] : [stable, branch]);

  const drifted = await driftedFiles(git, base, plan);
  if (drifted.length > 0) {
    throw new RelnotesError(
      `${drifted.join(", ")} on ${remote}/${stable} (${base.slice(0, 12)}) ${agree(drifted.length, "differs", "differ")} from the text the release was planned from`,
      `plan from the branch the release goes to: git pull ${remote} ${stable}, then run again`,
    );
  }
  const tree = await treeWithEdits(
    git,
    base,
    plan.files.map((f) => ({ path: f.path, text: f.after })),
  );
  const local = await refCommit(git, ref);

  if (remoteTip !== null) {
    const tip = await readCommit(git, remoteTip);
    if (
      tip.parents.length === 1 &&
      tip.parents[0] === base &&
      (await git.out(["rev-parse", `${remoteTip}^{tree}`])) === tree
    ) {
      if (local !== remoteTip) await updateRef(git, ref, remoteTip, local, "relnotes: release branch as on the remote");
      return { branch, commit: remoteTip, stable, base, pushed: false };
    }
  }

  const expected = await leaseFor(git, { remote, branch, stable, base, local, remoteTip });
  const message = releaseCommitMessage(ctx, plan.releases);
  const commit = await commitTree(git, tree, base, message, await signsCommits(git));
  const [outcome] = await pushRefspecs(git, remote, [`${commit}:${ref}`], [`--force-with-lease=${ref}:${expected}`]);
  if (outcome!.status === "rejected" && outcome!.cause === "non-fast-forward") throw movedByOthers(remote, branch);
  if (outcome!.status === "rejected" || outcome!.status === "failed") {
    throw new RelnotesError(
      `pushing the release branch ${branch} to ${remote} failed: ${outcome!.reason}`,
      `check that ${remote} accepts pushes to ${branch}`,
    );
  }
  await updateRef(git, ref, commit, local, "relnotes: release branch");
  return { branch, commit, stable, base, pushed: true };
}

interface LeaseFacts {
  remote: string;
  branch: string;
  stable: string;
  base: string;
  local: string | null;
  remoteTip: string | null;
}

/**
 * What the remote's release branch must still be for the push to replace it:
 * absent when the remote has none; else the commit relnotes last pushed from
 * here (the local branch). Without a local branch (a fresh CI clone), the
 * remote's tip is replaced only when it is a release commit itself: one
 * parent, on the stable branch's history; a commit someone added on top is not.
 */
async function leaseFor(git: Git, facts: LeaseFacts): Promise<string> {
  const { remoteTip, local } = facts;
  if (remoteTip === null) return "";
  if (local !== null) return local;
  const tip = await readCommit(git, remoteTip);
  const parent = tip.parents.length === 1 ? tip.parents[0]! : null;
  if (parent !== null && (await git.test(["merge-base", "--is-ancestor", parent, facts.base]))) return remoteTip;
  throw movedByOthers(facts.remote, facts.branch);
}

function movedByOthers(remote: string, branch: string): RelnotesError {
  return new RelnotesError(
    `the release branch ${branch} on ${remote} has commits relnotes did not make (someone else pushed to it): not replacing them`,
    `look at them (git log ${remote}/${branch}); to let relnotes replace the branch, take the remote's as yours: git fetch ${remote} +refs/heads/${branch}:refs/heads/${branch}, then run again`,
  );
}
