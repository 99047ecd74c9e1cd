import { parseCommandArgs } from "../cli/args.js";
import { PLAN_OPTIONS, PLAN_OPTIONS_HELP, planRequestFrom } from "../cli/plan-args.js";
import { reporter } from "../cli/reporter.js";
import { formatPlan } from "../cli/show-plan.js";
import { planRelease } from "../release/planners.js";
import { planToJson } from "../plan/json.js";
import { openRenderSession } from "../render/render.js";
import type { Command } from "./command.js";

export const preview: Command = {
  summary: "show the next release of each service: version, why, commits, notes, file diffs (read-only)",
  help: `Usage: relnotes preview [service…] [options]

Read-only: works out the next release of each named service (default: every
service with releasable changes) and prints the plan. Writes nothing.

Options:
${PLAN_OPTIONS_HELP}
  --json              print the plan as JSON (the public plan shape)
  --context           print the render contexts the templates receive (see docs/render-context.md)
  --no-notes          leave the rendered release notes out
  --diff              show the full diff of every file the release would write
  --cwd <dir>         run in this repository (default: current directory)
  --debug             show stack traces on errors

Examples:
  relnotes preview                     every service with releasable changes
  relnotes preview api --rc            api's next release candidate
  relnotes preview --json | jq '.releases[].tag'
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("preview", argv, {
      ...PLAN_OPTIONS,
      json: { type: "boolean" },
      notes: { type: "boolean", default: true },
      diff: { type: "boolean" },
      context: { type: "boolean" },
    });
    const request = planRequestFrom(positionals, values);
    const emit = reporter(io, { quiet: values.json || values.context });
    const ctx = await openRenderSession(
      values.cwd ?? io.cwd,
      { emit, env: io.env },
      { services: request.services, foreignConfigNote: true, plain: false },
    );
    const plan = await planRelease(ctx, request);
    if (values.context)
      io.out(
        JSON.stringify(
          plan.releases.map((r) => r.context),
          null,
          2,
        ),
      );
    else if (values.json) io.out(JSON.stringify(planToJson(plan), null, 2));
    else io.out(formatPlan(plan, { log: true, notes: values.notes ?? true, diffs: values.diff ?? false }));
    return 0;
  },
};
