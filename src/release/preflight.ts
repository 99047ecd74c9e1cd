import type { ResolvedConfig } from "../config/types.js";
import type { Emit } from "../events.js";
import { publishSettings } from "../forge/settings.js";
import { identityProblem } from "../git/commit.js";
import { dryRunPush } from "../git/push.js";
import type { RemoteRefs } from "../git/remote-refs.js";
import type { Git } from "../git/run.js";
import { signingProblem, tagNameProblem, type TagSigning } from "../git/tag.js";
import type { RepoSession } from "../session/session.js";
import type { ReleasePlan } from "../plan/types.js";
import { publishAccessProblem, type PublishMode } from "./publish.js";
import { checkPolicy } from "./policy.js";

/** What the release will do, as far as the checks need to know. */
export interface ReleaseNeeds {
  /** Make the release commit (files change). */
  commit: boolean;
  /** Tags to create (and push), each with how it is signed (tag.sign per kind). */
  tags: { name: string; sign: TagSigning }[];
  /** Push the release commit to this branch, then each tag. */
  push: { remote: string; branch: string | null; commit: string } | null;
  /** Publish the releases on the forge (and how). */
  publish: PublishMode;
}

export interface PreflightResult {
  problems: string[];
  warnings: string[];
  /** Tracked files already modified (--allow-dirty). */
  dirty: string[];
  /** Checks left out because the remote was not read (dry run with --no-fetch). */
  unchecked: string[];
}

/**
 * The checks of the things a release step needs, apart from policy: git
 * identity, tag names, signing key, the remote accepting the pushes, the
 * forge credentials. Used before a new release and before resuming one (with
 * only the pending steps' needs).
 */
export async function checkNeeds(
  git: Git,
  needs: ReleaseNeeds,
  env: NodeJS.ProcessEnv,
  ctx: { repository: RepoSession["repository"]; config: ResolvedConfig; emit: Emit },
): Promise<string[]> {
  const problems: string[] = [];
  if (needs.commit || needs.tags.length > 0) {
    const identity = await identityProblem(git);
    if (identity) problems.push(identity);
  }
  for (const tag of needs.tags) {
    const bad = await tagNameProblem(git, tag.name);
    if (bad) problems.push(`${bad}: fix tag.format (or the service's tagFormat) in your relnotes config`);
  }
  for (const sign of new Set(needs.tags.map((t) => t.sign))) {
    if (sign === false) continue;
    const bad = await signingProblem(git, sign);
    if (bad) problems.push(bad);
  }
  if (needs.push)
    problems.push(
      ...(await pushProblems(
        git,
        needs.push,
        needs.tags.map((t) => t.name),
      )),
    );
  if (needs.publish !== false) {
    const bad = await publishAccessProblem(ctx.config, env, ctx.repository, needs.publish, ctx.emit);
    if (bad) problems.push(bad);
  }
  return problems;
}

/** `git push --dry-run` of the branch and the tags: the remote is reachable, lets us in, and would take them. */
async function pushProblems(
  git: Git,
  push: NonNullable<ReleaseNeeds["push"]>,
  tags: readonly string[],
): Promise<string[]> {
  const refspecs = [
    ...(push.branch ? [`${push.commit}:refs/heads/${push.branch}`] : []),
    ...tags.filter((t) => !t.startsWith("-")).map((t) => `${push.commit}:refs/tags/${t}`),
  ];
  if (refspecs.length === 0) return [];
  const outcomes = await dryRunPush(git, push.remote, refspecs);
  const problems: string[] = [];
  const failed = outcomes.find((o) => o.status === "failed");
  if (failed && failed.status === "failed") {
    problems.push(
      `${push.remote} cannot be pushed to (git push --dry-run ${push.remote} failed: ` +
        `${failed.reason.replace(/\n+/g, " / ")}): check the remote's URL (git remote -v), your access, and the ` +
        "network",
    );
    return problems;
  }
  outcomes.forEach((o, i) => {
    if (o.status !== "rejected") return;
    const ref = refspecs[i]!.split(":")[1]!;
    problems.push(
      o.cause === "non-fast-forward"
        ? `${push.remote} would refuse ${ref} (${o.reason}): it moved on; pull first (git pull --ff-only), then ` +
            "run relnotes bump again"
        : `${push.remote} would refuse ${ref} (${o.reason}): check your access to the remote and its rules`,
    );
  });
  return problems;
}

/** What the release needs, from the plan. */
export function planNeeds(ctx: RepoSession, plan: ReleasePlan, publish: PublishMode): ReleaseNeeds {
  const commit = plan.files.length > 0;
  return {
    commit,
    tags: plan.releases.map((r) => ({
      name: r.tag,
      sign: ctx.config.tag.signing[r.prerelease ? "prerelease" : "stable"],
    })),
    // The dry-run push sends HEAD as the tags' commit: the release commit does not exist yet, and HEAD is its parent, so the answer is the same.
    push: { remote: ctx.config.branches.remote, branch: commit ? ctx.head.branch : null, commit: ctx.head.sha },
    publish,
  };
}

/**
 * Everything that can be known before the first write, in one place: the
 * real run refuses on any problem, and `bump --dry-run` reports the same list.
 */
export async function preflight(
  ctx: RepoSession,
  plan: ReleasePlan,
  options: { remoteRefs: RemoteRefs | null; allowDirty: boolean; publish: PublishMode; env: NodeJS.ProcessEnv },
): Promise<PreflightResult> {
  const policy = await checkPolicy({ ctx, plan, remoteRefs: options.remoteRefs, allowDirty: options.allowDirty });
  const offline = options.remoteRefs === null;
  const wanted = planNeeds(ctx, plan, options.publish);
  const needs = await checkNeeds(ctx.git, offline ? { ...wanted, push: null, publish: false } : wanted, options.env, {
    repository: ctx.repository,
    config: ctx.config,
    emit: ctx.emit,
  });
  const remote = ctx.config.branches.remote;
  const unchecked = offline
    ? [
        `the refs of ${remote} (tags that exist there, freshness) and that it accepts the pushes`,
        ...(options.publish !== false ? [`the ${publishSettings(ctx.config).terms.host} token`] : []),
      ]
    : [];
  return { problems: [...policy.problems, ...needs], warnings: policy.warnings, dirty: policy.dirty, unchecked };
}
