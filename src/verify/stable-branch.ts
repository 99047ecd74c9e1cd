import picomatch from "picomatch";
import type { ResolvedConfig } from "../config/types.js";
import { isShallow } from "../git/repo.js";
import type { Git } from "../git/run.js";
import { remoteBranches } from "../git/verify.js";
import type { Violation } from "./violation.js";

export type StableBranchResult =
  | { branch: string; violation?: undefined }
  | { branch?: undefined; violation: Violation };

/**
 * A stable release must be cut from the stable branch as the remote has it:
 * its commit must be in a remote-tracking branch `refs/remotes/<remote>/<b>`
 * where `b` matches one of `branches.stable` (globs such as `hotfix/*`).
 */
export async function checkOnStableBranch(
  git: Git,
  config: ResolvedConfig,
  tag: string,
  commit: string,
): Promise<StableBranchResult> {
  const { remote, stable } = config.branches;
  const isStable = picomatch(stable);
  const wanted = stable.map((b) => `${remote}/${b}`).join(", ");
  // The common case answers with one git process: a stable branch holds the commit.
  const containing = (await remoteBranches(git, remote, commit)).filter((b) => isStable(b));
  if (containing.length > 0)
    return { branch: `${remote}/${containing.includes(stable[0]!) ? stable[0]! : containing[0]!}` };
  const known = (await remoteBranches(git, remote)).filter((b) => isStable(b));
  if (known.length === 0) {
    return {
      violation: {
        message: `tag ${tag}: no remote-tracking branch ${wanted} to check that the commit is on a stable branch`,
        hint: `fetch it first: git fetch ${remote} (in GitHub Actions: actions/checkout with fetch-depth: 0)`,
      },
    };
  }
  if (await isShallow(git)) {
    return {
      violation: {
        message:
          `tag ${tag}: this is a shallow clone, so whether commit ${commit.slice(0, 12)} is on ${wanted} cannot ` +
          "be told",
        hint: "fetch the full history: git fetch --unshallow (in GitHub Actions: actions/checkout with fetch-depth: 0)",
      },
    };
  }
  return {
    violation: {
      message: `tag ${tag} is a stable release, but its commit ${commit.slice(0, 12)} is not on ${wanted}`,
      hint:
        `stable tags are cut from a commit already on ${wanted}: merge it there first, or release it as a ` +
        "pre-release (e.g. -rc.1), which may come from any branch",
    },
  };
}
