import { parseCommandArgs } from "../cli/args.js";
import { PLAN_OPTIONS, PLAN_OPTIONS_HELP, planRequestFrom } from "../cli/plan-args.js";
import { reporter } from "../cli/reporter.js";
import { formatPlan } from "../cli/show-plan.js";
import { UsageError } from "../errors.js";
import { planToJson } from "../plan/json.js";
import { runBump } from "../release/bump.js";
import { formatAbort, formatReleased, formatUnfinished } from "../release/report.js";
import type { Command } from "./command.js";

export const bump: Command = {
  summary: "plan, confirm and apply a release: changelogs, manifests, release commit, tags, push, GitHub releases",
  help: `Usage: relnotes bump [service…] [options]

Fetches the remote's stable branches and tags, plans the next release of each
named service (default: every service with releasable changes), prints the
plan, checks the release policy, asks for confirmation, then applies it:
writes the changelog and manifest edits, runs hooks.beforeCommit, makes one
release commit (when files changed; otherwise HEAD is tagged), creates
annotated (optionally signed) tags, pushes the commit and then each tag in a
push of its own, and creates the GitHub releases.

Checked before anything is written (and reported by --dry-run as "would be
refused: …"): a dirty work tree, a detached HEAD, a stable version
whose commit is not on <remote>/<stable branch>, a stable branch behind its
remote (pull first), a planned tag that exists locally or on the remote, an
invalid tag name, a missing git identity, a signing key that cannot sign, a
remote that cannot be pushed to, and, when GitHub releases are on, a missing
or rejected GitHub token. A previous tag that exists only locally is warned
about.

One release at a time: .git/relnotes/lock names the run holding it; a lock
left by a run that died is taken over with a warning.

The progress is saved in .git/relnotes/release.json. If a run dies or times
out, running relnotes bump again shows what is done and completes the rest.

Timeouts (seconds, in the config's "timeouts"): network (each fetch, ls-remote
or push; default 120), github (each GitHub request, retries together get 3x;
default 30), hooks (each hooks.beforeCommit command; default 300).

Options:
${PLAN_OPTIONS_HELP}
  --dry-run           stop after the plan (shows the file diffs); writes nothing
  --json              with --dry-run: print the plan as JSON (the public plan shape)
  --yes, -y           do not ask for confirmation (required without a terminal)
  --no-log            do not list the commits of each release
  --no-fetch          do not fetch the remote first (offline planning)
  --allow-dirty       release even with uncommitted changes to tracked files
  --resume            complete an unfinished release
  --abort             undo the local part of an unfinished release (never what was pushed)
  --no-github         do not create GitHub releases (also with --resume: drops the pending ones)
  --cwd <dir>         run in this repository (default: current directory)
  --debug             show stack traces on errors

hooks.beforeCommit: each entry is an argument array (run directly) or a string
(run by the shell: sh -c, cmd on Windows). They run in the repository root
after the files are written, with RELNOTES_RELEASES ("api v1.3.0, vault v0.4.1"),
RELNOTES_TAGS, RELNOTES_<SERVICE>_VERSION and RELNOTES_<SERVICE>_TAG (single
package: RELNOTES_VERSION, RELNOTES_TAG) in the environment. Tracked files they
change go into the release commit. A failing hook stops the release and
restores the files.

Examples:
  relnotes bump --dry-run api          the plan with the exact file diffs; writes nothing
  relnotes bump api frontline          fetch, plan, confirm, tag and push both
  relnotes bump cli@v0.1.0 --yes       a first release, without a prompt (CI)
  relnotes bump --resume               finish an interrupted release
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("bump", argv, {
      ...PLAN_OPTIONS,
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      log: { type: "boolean", default: true },
      fetch: { type: "boolean", default: true },
      "allow-dirty": { type: "boolean" },
      resume: { type: "boolean" },
      abort: { type: "boolean" },
      github: { type: "boolean", default: true },
    });
    if (values.json && !values["dry-run"])
      throw new UsageError("--json prints the plan and needs --dry-run", "relnotes bump --dry-run --json …");
    if (values.resume && values.abort) throw new UsageError("--resume and --abort cannot be used together");
    const dryRun = values["dry-run"] ?? false;
    const outcome = await runBump({
      cwd: values.cwd ?? io.cwd,
      request: planRequestFrom(positionals, values),
      fetch: values.fetch ?? true,
      dryRun,
      allowDirty: values["allow-dirty"] ?? false,
      yes: values.yes ?? false,
      resume: values.resume ?? false,
      abort: values.abort ?? false,
      skipPublish: values.github === false,
      interactive: io.interactive,
      env: io.env,
      emit: reporter(io, { quiet: values.json }),
      confirm: (q) => io.confirm(q),
      showPlan: (plan) =>
        io.out(
          values.json
            ? JSON.stringify(planToJson(plan), null, 2)
            : formatPlan(plan, { log: values.log ?? true, notes: false, diffs: dryRun }),
        ),
      showUnfinished: (state) => io.err(formatUnfinished(state)),
    });
    switch (outcome.kind) {
      case "dry-run":
        for (const what of outcome.unchecked) io.err(`not checked in this dry run (--no-fetch): ${what}`);
        if (outcome.refusals.length > 0) {
          io.err(
            "Dry run: nothing was written. The real run would be " +
              `refused:\n${outcome.refusals.map((p) => `  - would be refused: ${p}`).join("\n")}`,
          );
          return 0;
        }
        if (!values.json) io.err("Dry run: nothing was written. Every check the real run makes before writing passed.");
        return 0;
      case "nothing":
      case "unfinished":
        return 0;
      case "declined":
        io.err("Cancelled: nothing was written.");
        return 1;
      case "aborted":
        io.out(formatAbort(outcome.report));
        return 0;
      case "released":
        io.out(formatReleased(outcome.state, outcome.releaseUrls, outcome.resumed));
        return 0;
    }
  },
};
