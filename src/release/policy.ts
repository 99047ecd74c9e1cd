import picomatch from "picomatch";
import { commitExists, isAncestor } from "../git/repo.js";
import type { RemoteRefs } from "../git/remote-refs.js";
import { changedTrackedFiles } from "../git/status.js";
import { readLocalTag } from "../git/tag.js";
import { remoteBranches } from "../git/verify.js";
import type { RepoSession } from "../session/session.js";
import type { ReleasePlan } from "../plan/types.js";
import { agree, commandLine } from "../text/words.js";

export interface PolicyInput {
  ctx: RepoSession;
  plan: ReleasePlan;
  /** The remote's refs, read just now; null when not read (a dry run with --no-fetch). */
  remoteRefs: RemoteRefs | null;
  allowDirty: boolean;
}

export interface PolicyResult {
  problems: string[];
  warnings: string[];
  dirty: string[];
}

/**
 * The release policy: work tree, branch, stable-branch reachability,
 * freshness, tags that exist. Problems are collected, each with what to do.
 */
export async function checkPolicy(input: PolicyInput): Promise<PolicyResult> {
  const { ctx, plan, remoteRefs } = input;
  const warnings: string[] = [];
  const { config, head, git } = ctx;
  const remote = config.branches.remote;
  const problems: string[] = [];
  const planned = new Set(plan.files.map((f) => f.path));
  const committing = planned.size > 0;

  const dirty = await changedTrackedFiles(git);
  if (dirty.length > 0 && !input.allowDirty) {
    problems.push(
      "the work tree has uncommitted changes " +
        `(${dirty.slice(0, 5).join(", ")}${dirty.length > 5 ? ", …" : ""}): commit or stash them, or pass ` +
        "--allow-dirty",
    );
  }
  const dirtyPlanned = dirty.filter((p) => planned.has(p));
  if (dirtyPlanned.length > 0 && input.allowDirty) {
    problems.push(
      `${dirtyPlanned.join(", ")} ${agree(dirtyPlanned.length, "has", "have")} uncommitted changes and the ` +
        `release edits ${agree(dirtyPlanned.length, "it", "them")}: commit or stash them first`,
    );
  }

  if (head.branch === null) {
    problems.push(
      "HEAD is detached: bump commits and pushes to a branch; check out the branch to release from (e.g. git " +
        "checkout main)",
    );
  }

  const stable = plan.releases.filter((r) => !r.prerelease);
  if (stable.length > 0) {
    const what = stable.map((r) => r.tag).join(", ");
    const globs = config.branches.stable.join(", ");
    const isStable = picomatch(config.branches.stable);
    // The remote-tracking branches (origin/main, origin/hotfix/1.2) that already hold HEAD.
    const holdingHead = await remoteBranches(git, remote, head.sha);
    if (committing && !(head.branch !== null && isStable(head.branch))) {
      problems.push(
        `${what} ${agree(stable.length, "is a stable release", "are stable releases")}, ` +
          `but the release commit would go to ${head.branch ?? "a detached HEAD"}, ` +
          `which is not a stable branch (branches.stable: ${globs}): ` +
          "release from a stable branch, or cut a pre-release here (--rc)",
      );
    } else if (committing && head.branch !== null && !holdingHead.includes(head.branch)) {
      problems.push(
        `${head.branch} has commits that are not on ${remote}/${head.branch} ` +
          `(or ${remote}/${head.branch} is unknown): stable releases ship what ${remote} has; ` +
          "push or pull first (git pull --ff-only && git push), then run again",
      );
    } else if (!committing && !holdingHead.some((b) => isStable(b))) {
      const tracking = (await remoteBranches(git, remote)).filter((b) => isStable(b));
      const onBranch = head.branch ? ` on ${head.branch}` : "";
      const stableRemotes =
        tracking.length > 0
          ? tracking.map((b) => `${remote}/${b}`).join(", ")
          : `any ${remote} branch matching branches.stable (${globs})`;
      problems.push(
        `HEAD (${head.sha.slice(0, 7)}${onBranch}) is not reachable from ${stableRemotes}: ` +
          "stable tags must be on a stable branch; merge first and release from there, or cut a pre-release (--rc)",
      );
    }
  }

  const fresh = await freshness(ctx, remoteRefs);
  if (fresh) problems.push(fresh);

  for (const r of plan.releases) {
    const local = await readLocalTag(git, r.tag);
    const onRemote = remoteRefs?.tags.get(r.tag);
    const bumpPatch = commandLine("relnotes", "bump", r.service, "--bump", "patch");
    const next = `release the next version instead (e.g. ${bumpPatch})`;
    if (local)
      problems.push(
        `tag ${r.tag} already exists locally (on ${local.commit.slice(0, 7)}): tags are immutable and never ` +
          `moved; if it was never published, delete it (git tag -d ${r.tag}), else ${next}`,
      );
    if (onRemote)
      problems.push(
        `tag ${r.tag} already exists on ${remote} (on ${onRemote.commit.slice(0, 7)}): tags are immutable; ` +
          `fetch tags (git fetch ${remote} --tags) and ${next}`,
      );
  }

  for (const r of plan.releases) {
    // The changelog's compare link and the notes' range start at the previous tag: a tag only this clone has breaks them for everyone else.
    if (r.previousTag && remoteRefs && !remoteRefs.tags.has(r.previousTag)) {
      warnings.push(
        `the previous tag ${r.previousTag} exists locally but not on ${remote}: ${r.tag}'s compare link and ` +
          `notes start from it; push it (git push ${remote} refs/tags/${r.previousTag}) or delete it if it was ` +
          `never released (git tag -d ${r.previousTag})`,
      );
    }
  }
  return { problems, warnings, dirty };
}

/** A stable branch that is behind its remote (after the fetch): releasing it would leave out what others pushed. */
async function freshness(ctx: RepoSession, remoteRefs: RemoteRefs | null): Promise<string | null> {
  const { head, git, config } = ctx;
  const remote = config.branches.remote;
  if (head.branch === null || !picomatch(config.branches.stable)(head.branch) || !remoteRefs) return null;
  const theirs = remoteRefs.heads.get(head.branch);
  if (!theirs || theirs === head.sha) return null;
  const pull = `pull first (git pull --ff-only ${remote} ${head.branch}), then run relnotes bump again`;
  if (!(await commitExists(git, theirs)))
    return `${remote}/${head.branch} has commits this clone has not fetched (${theirs.slice(0, 7)}): ${pull}`;
  if (await isAncestor(git, head.sha, theirs))
    return `${head.branch} is behind ${remote}/${head.branch} (${theirs.slice(0, 7)}): ${pull}`;
  return null;
}
