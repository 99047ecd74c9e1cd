import { parseCommandArgs } from "../cli/args.js";
import { PLAN_OPTIONS, PLAN_OPTIONS_HELP, planRequestFrom } from "../cli/plan-args.js";
import { reporter } from "../cli/reporter.js";
import { formatPlan } from "../cli/show-plan.js";
import { planToJson } from "../plan/json.js";
import { type ReleasePullRequest, runReleasePullRequest } from "../release/pr/open.js";
import type { Command } from "./command.js";

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => (l ? `    ${l}` : ""))
    .join("\n");
}

/** The JSON of `pr --json`: the plan as `preview --json` prints it, plus the pull request. */
/** The plan as `preview --json` prints it, the pull request, and in a dry run what the real run would refuse. */
function pullRequestJson(
  plan: Parameters<typeof planToJson>[0],
  pr: ReleasePullRequest | null,
  refusals?: string[],
): string {
  return JSON.stringify({ ...planToJson(plan), pullRequest: pr, ...(refusals ? { refusals } : {}) }, null, 2);
}

export const pr: Command = {
  summary: "open or update the release pull request: changelogs and manifests on a release branch (protected main)",
  help: `Usage: relnotes pr [service…] [options]

For a stable branch nobody may push to directly. Fetches the remote's stable
branches and tags and plans the next release of each named service (default:
every service with releasable changes), exactly as relnotes bump does. Then,
without touching the work tree, the index or the current branch:

- writes the changelog and manifest edits as one release commit on the branch
  relnotes/release (relnotes/release-<service> when one service is named),
  built on the remote's stable branch with git plumbing, signed when commits
  are, and pushes it (with a lease: never over commits relnotes did not make);
- opens the pull request from it into the stable branch, or updates the open
  one's title and description, and labels it "autorelease: pending".

Its title is the release commit's first line (release.commitMessage, e.g.
"chore(release): api v1.3.0"), so the commit a squash merge leaves releases
nothing by itself. Its description has each release's version and notes, the
files changed, and a hidden block relnotes tag-merged reads after the merge.

When nothing is left to release, the open release pull request is closed with
a comment saying why. A release pull request that was merged but whose
releases are not tagged yet stops relnotes pr before it writes anything: run
relnotes tag-merged first.

HEAD must be the remote's stable branch (<remote>/<stable>): the release
commit is built there. Credentials as for releases: GITHUB_TOKEN (or
GH_TOKEN) with "Contents" and "Pull requests" write access. Release pull
requests are opened on GitHub only for now.

Options:
${PLAN_OPTIONS_HELP}
  --dry-run           print the pull request's title, description and file diffs;
                      push nothing, call no forge
  --json              print the plan as JSON (the public plan shape) with "pullRequest":
                      number, url, action (opened, updated, unchanged, closed), branch, commit
  --no-log            do not list the commits of each release
  --cwd <dir>         run in this repository (default: current directory)
  --debug             show stack traces on errors

Examples:
  relnotes pr --dry-run                the pull request relnotes would open, with the file diffs
  relnotes pr                          open or update the release pull request of every service
  relnotes pr api --json | jq .pullRequest.url
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("pr", argv, {
      ...PLAN_OPTIONS,
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
      log: { type: "boolean", default: true },
    });
    const dryRun = values["dry-run"] ?? false;
    const outcome = await runReleasePullRequest({
      cwd: values.cwd ?? io.cwd,
      request: planRequestFrom(positionals, values),
      dryRun,
      env: io.env,
      emit: reporter(io, { quiet: values.json }),
    });
    const plan = outcome.plan;
    if (values.json) {
      io.out(
        pullRequestJson(
          plan,
          outcome.kind === "nothing" ? null : outcome.pullRequest,
          outcome.kind === "dry-run" ? outcome.refusals : undefined,
        ),
      );
      return 0;
    }
    const log = values.log ?? true;
    switch (outcome.kind) {
      case "nothing":
        io.out(formatPlan(plan, { log, notes: false, diffs: false }));
        io.err(`No release pull request from ${outcome.branch} into ${outcome.base} is open: nothing to do.`);
        return 0;
      case "dry-run": {
        const { pullRequest: p } = outcome;
        io.out(formatPlan(plan, { log, notes: false, diffs: true }));
        if (plan.releases.length === 0) {
          io.err("Dry run: nothing to release; relnotes pr would close an open release pull request.");
          return 0;
        }
        io.out(`\nPull request ${p.branch} → ${p.base}:\n  title: ${p.title}\n  description:\n${indent(p.body)}\n`);
        if (outcome.refusals.length > 0) {
          io.err(
            "Dry run: nothing was pushed, and no forge was called. The real run would be refused:\n" +
              outcome.refusals.map((p) => `  - would be refused: ${p}`).join("\n"),
          );
          return 0;
        }
        io.err(
          "Dry run: nothing was pushed, and no forge was called. Every check the real run makes before writing " +
            "passed, but the forge's (the token's access, a merged release pull request not tagged yet).",
        );
        return 0;
      }
      case "done": {
        const { pullRequest: p } = outcome;
        io.out(formatPlan(plan, { log, notes: false, diffs: false }));
        io.out(`\nPull request #${p.number} ${p.action}: ${p.url}`);
        return 0;
      }
    }
  },
};
