import { parseCommandArgs } from "../cli/args.js";
import { PLAN_OPTIONS, PLAN_OPTIONS_HELP, planRequestFrom } from "../cli/plan-args.js";
import { reporter } from "../cli/reporter.js";
import { UsageError } from "../errors.js";
import { planVersions } from "../release/versions.js";
import { openSession } from "../session/session.js";
import type { Command } from "./command.js";

export const next: Command = {
  summary: "print only the next version (or tag) of a service; nothing when there is nothing to release",
  help: `Usage: relnotes next [service] [options]

Prints the version the next release would get, and nothing else, for scripts
(like git-cliff --bumped-version or cog bump --dry-run). Prints nothing and
exits 0 when there is nothing to release. In a monorepo without a service
name: one "<service> <version>" line per service with releasable changes.

Options:
${PLAN_OPTIONS_HELP}
  --tag               print the next tag instead of the bare version
  --json              print [{ service, version, tag }]
  --cwd <dir>         run in this repository (default: current directory)

Examples:
  relnotes next                      1.4.0
  relnotes next api --tag            api/v1.4.0
  relnotes next api --rc             1.4.0-rc.1
  version=$(relnotes next) && [ -n "$version" ] && echo "releasing $version"
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("next", argv, {
      ...PLAN_OPTIONS,
      tag: { type: "boolean" },
      json: { type: "boolean" },
    });
    if (positionals.length > 1)
      throw new UsageError("relnotes next takes at most one service", "e.g. relnotes next api");
    const request = planRequestFrom(positionals, values);
    // Versions only: no renderer, no file edits, no links (so no remote URL either).
    const ctx = await openSession(
      values.cwd ?? io.cwd,
      { emit: reporter(io, { quiet: true }), env: io.env },
      { services: request.services, foreignConfigNote: true, locate: false },
    );
    const rows = await planVersions(ctx, request);
    if (values.json) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const value = (r: (typeof rows)[number]) => (values.tag ? r.tag : r.version);
    if (positionals.length === 1 || !ctx.config.monorepo) {
      if (rows[0]) io.out(value(rows[0]));
      return 0;
    }
    const width = Math.max(0, ...rows.map((r) => (r.service ?? "").length));
    for (const r of rows) io.out(`${(r.service ?? "").padEnd(width)}  ${value(r)}`);
    return 0;
  },
};
