import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { RelnotesError, UsageError } from "../errors.js";
import { selectServices } from "../plan/select.js";
import { serviceLabel } from "../config/label.js";
import { openSession } from "../session/session.js";
import { currentVersion } from "../history/current-version.js";
import type { Command } from "./command.js";

export const version: Command = {
  summary: "print the current version of a service (its latest stable release reachable from HEAD)",
  help: `Usage: relnotes version [service] [options]

Prints the current version: the highest stable SemVer release of the service
that is reachable from HEAD. In a monorepo without a service name, prints
one line per service. In a shallow clone whose history ends before that
release it stops and says how to fetch the history.

Options:
  --pre        include pre-releases (an open line like 2.0.0-rc.3)
  --tag        print the tag instead of the bare version
  --json       print { service, version, tag } objects
  --cwd <dir>  run in this repository

Examples:
  relnotes version api                 1.3.0
  relnotes version api --tag           api/v1.3.0
  relnotes version --json
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("version", argv, {
      tag: { type: "boolean" },
      json: { type: "boolean" },
      pre: { type: "boolean" },
    });
    if (positionals.length > 1)
      throw new UsageError("relnotes version takes at most one service", "e.g. relnotes version api");
    const ctx = await openSession(values.cwd ?? io.cwd, { emit: reporter(io), env: io.env }, { locate: false });
    const services = selectServices(ctx, positionals);
    const rows = await Promise.all(services.map((s) => currentVersion(ctx, s, values.pre ?? false)));
    if (values.json) {
      io.out(JSON.stringify(positionals.length === 1 || !ctx.config.monorepo ? rows[0] : rows, null, 2));
      return rows.some((r) => r.version === null) && rows.length === 1 ? 1 : 0;
    }
    if (rows.length === 1) {
      const row = rows[0]!;
      if (row.version === null) {
        throw new RelnotesError(
          `${serviceLabel(row.service)} has no ${values.pre ? "" : "stable "}release reachable from HEAD`,
          "a first release needs an explicit version, e.g. relnotes bump " +
            (row.service ? `${row.service}@v0.1.0` : "--version v0.1.0"),
        );
      }
      io.out(values.tag ? row.tag! : row.version);
      return 0;
    }
    const width = Math.max(...rows.map((r) => (r.service ?? "").length));
    for (const r of rows) io.out(`${(r.service ?? "").padEnd(width)}  ${(values.tag ? r.tag : r.version) ?? "(none)"}`);
    return 0;
  },
};
