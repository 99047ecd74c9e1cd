import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { formatPlan } from "../cli/show-plan.js";
import { findConfigFile } from "../config/load.js";
import { resolveConfig } from "../config/schema.js";
import { RelnotesError, UsageError } from "../errors.js";
import { writeFileAtomic } from "../fs/atomic.js";
import { openRepository } from "../git/repo.js";
import { detectLayout } from "../init/detect.js";
import { migrate } from "../init/migrate.js";
import { propose } from "../init/propose.js";
import { configJson, configTypeScript } from "../init/write.js";
import { planRelease } from "../release/planners.js";
import { openRenderSession } from "../render/render.js";
import type { Command } from "./command.js";

const SCHEMA = "./node_modules/relnotes/dist/config.schema.json";

export const init: Command = {
  summary:
    "detect the repository's layout and write a commented cliff.config.ts (or .json); --from cliff.toml / " +
    "cog.toml migrates",
  help: `Usage: relnotes init [options]

Looks at the repository — release tags and their namespaces, npm or Cargo
workspaces, root manifests and lockfiles, an existing CHANGELOG.md, the
origin remote — and writes cliff.config.ts at the repository root, each
setting commented with where it came from. Then prints the first preview.

With --from, settings of git-cliff's cliff.toml or cocogitto's cog.toml are
carried over (tag pattern, commit types and sections, packages and paths,
skip rules, branches, hooks); what cannot be is listed, and written as a
comment in the config.

Options:
  --json           write cliff.config.json instead, with "$schema" for editors
  --from <file>    migrate a cliff.toml (git-cliff) or cog.toml (cocogitto)
  --force          replace an existing config file
  --cwd <dir>      run in this repository (default: current directory)

Examples:
  relnotes init
  relnotes init --json
  relnotes init --from cliff.toml
  relnotes init --from cog.toml --force
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("init", argv, {
      json: { type: "boolean" },
      from: { type: "string" },
      force: { type: "boolean" },
    });
    if (positionals.length > 0)
      throw new UsageError(
        `relnotes init takes no arguments (got "${positionals[0]}")`,
        "e.g. relnotes init --from cliff.toml",
      );
    const cwd = values.cwd ?? io.cwd;
    const git = await openRepository(cwd);
    const root = git.cwd;
    const existing = findConfigFile(root);
    if (existing && !values.force)
      throw new RelnotesError(`${existing} already exists`, "edit it, or pass --force to replace it with a new one");
    const migration = values.from !== undefined ? await migrate(resolve(cwd, values.from)) : null;
    const layout = await detectLayout(git);
    const proposal = propose(root, layout, migration);
    const name = values.json ? "cliff.config.json" : "cliff.config.ts";
    // What init writes must load: a detection mistake is caught here, not at the first release.
    resolveConfig(proposal.config, name, root);
    if (existing && existing !== name)
      throw new RelnotesError(
        `${existing} already exists and ${name} would be a second config`,
        `delete ${existing} first`,
      );
    writeFileAtomic(join(root, name), values.json ? configJson(proposal.config, SCHEMA) : configTypeScript(proposal));
    io.err(`wrote ${name}: ${proposal.facts.join("; ")}`);
    for (const u of migration?.untranslated ?? []) io.err(`  not carried over: ${u}`);
    if (!migration) {
      const other = ["cliff.toml", "cog.toml"].find((f) => existsSync(join(root, f)));
      if (other) io.err(`hint: ${other} is here too; relnotes init --from ${other} --force carries over its settings`);
    }
    const ctx = await openRenderSession(
      root,
      { emit: reporter(io, { quiet: true }), env: io.env },
      { foreignConfigNote: true },
    );
    try {
      io.out(
        formatPlan(await planRelease(ctx, { services: [], versions: new Map() }), {
          log: false,
          notes: false,
          diffs: false,
        }),
      );
    } catch (e) {
      if (!(e instanceof RelnotesError)) throw e;
      io.out(`${e.message}${e.hint ? `\n  → ${e.hint}` : ""}`);
    }
    return 0;
  },
};
