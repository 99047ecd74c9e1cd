import { EXIT, RelnotesError } from "../errors.js";
import type { Command } from "../commands/command.js";
import type { CliIO } from "./io.js";
import { packageVersion } from "../package-root.js";

/** Commands are imported only when run, so `relnotes --version` loads nothing heavy. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  preview: async () => (await import("../commands/preview.js")).preview,
  version: async () => (await import("../commands/version.js")).version,
  changelog: async () => (await import("../commands/changelog.js")).changelog,
  check: async () => (await import("../commands/check.js")).check,
  bump: async () => (await import("../commands/bump.js")).bump,
  release: async () => (await import("../commands/release.js")).release,
  promote: async () => (await import("../commands/promote.js")).promote,
  deprecate: async () => (await import("../commands/deprecate.js")).deprecate,
  "verify-tag": async () => (await import("../commands/verify-tag.js")).verifyTagCommand,
  tags: async () => (await import("../commands/tags.js")).tags,
};

/** Register a command module (kept in one table so `--help` lists every command). */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

async function mainHelp(): Promise<string> {
  const rows = await Promise.all(Object.entries(COMMANDS).map(async ([name, load]) => `  ${name.padEnd(12)} ${(await load()).summary}`));
  return `relnotes — release engine: versions from Conventional Commits, changelogs, manifests, tags, GitHub releases

Usage: relnotes <command> [options]

Commands:
${rows.join("\n")}

Run "relnotes <command> --help" for a command's options.
Global: --version prints relnotes' version; --debug shows stack traces.
Exit codes: 0 success (including "nothing to release"), 1 failure, 2 usage error.
`;
}

/** Run the CLI and return the exit code. Errors become messages; stack traces only with --debug. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const debug = argv.includes("--debug");
  const [name, ...rest] = argv;
  try {
    if (name === "--version" || name === "-V") {
      io.out(packageVersion());
      return EXIT.ok;
    }
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.out(await mainHelp());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const load = COMMANDS[name];
    if (!load) {
      io.err(`error: unknown command "${name}"\nhint: commands are ${Object.keys(COMMANDS).join(", ")}; see relnotes --help`);
      return EXIT.usage;
    }
    const command = await load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(command.help);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof RelnotesError) {
      io.err(`error: ${e.message}`);
      if (e.hint) io.err(`hint: ${e.hint}`);
      if (debug && e.stack) io.err(e.stack);
      return e.exitCode;
    }
    const err = e as Error;
    io.err(`error: ${err?.message ?? String(e)}`);
    io.err(debug && err?.stack ? err.stack : "hint: this is unexpected; run again with --debug and report the output");
    return EXIT.failure;
  }
}
