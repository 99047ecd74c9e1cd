import { EXIT, RelnotesError, UsageError } from "../errors.js";
import { COMMANDS, commandNames, commandTable } from "./commands.js";
import { didYouMean } from "../suggest.js";
import { CancelledError, type CliIO } from "./io.js";

export { processIO } from "./io.js";
import { paint } from "./style.js";
import { packageVersion } from "../package-root.js";

async function mainHelp(): Promise<string> {
  const rows = (await commandTable()).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`);
  return `relnotes — release engine: versions from Conventional Commits, changelogs, manifests, tags, GitHub releases

Usage: relnotes <command> [options]

Commands:
${rows.join("\n")}

Global options (before or after the command):
  --cwd <dir>    run in this repository (default: the current directory)
  --debug        on errors, show the stack trace of the cause
  -h, --help     show help (also: relnotes help <command>)
  --no-color     no colour (also NO_COLOR=1); --color forces it (also FORCE_COLOR=1)
  -V, --version  print relnotes' version

Examples:
  relnotes preview                 what would each service release, and why?
  relnotes bump --dry-run api      the plan for api with the exact file diffs
  relnotes help bump               every option of bump

Exit codes: 0 success (including "nothing to release"), 1 failure, 2 usage error.
`;
}

/** Split argv into the command name and the rest (global options may come first). */
export function splitCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === "--cwd") {
      i++;
      continue;
    }
    if (arg.startsWith("-")) continue;
    return { name: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: undefined, rest: [...argv] };
}

function unknownCommand(name: string): UsageError {
  return new UsageError(
    `unknown command "${name}"${didYouMean(name, commandNames())}`,
    `commands: ${commandNames().join(", ")}; see relnotes --help`,
  );
}

function report(io: CliIO, e: unknown, debug: boolean): number {
  const c = paint(io.color.err);
  if (e instanceof CancelledError) {
    io.err(e.message);
    return e.exitCode;
  }
  if (e instanceof RelnotesError) {
    io.err(`${c(["red", "bold"], "error:")} ${e.message}`);
    if (e.hint) io.err(`${c("cyan", "hint:")} ${e.hint}`);
    // The cause's own stack says where the problem is; relnotes' stack only where it was noticed.
    const cause = e.cause instanceof Error ? e.cause : e;
    if (debug && cause.stack) io.err(cause.stack);
    return e.exitCode;
  }
  const err = e as Error;
  io.err(`${c(["red", "bold"], "error:")} ${err?.message ?? String(e)}`);
  io.err(debug && err?.stack ? err.stack : "hint: this is unexpected; run again with --debug and report the output");
  return EXIT.failure;
}

/** Run the CLI and return the exit code. Errors become messages; stack traces only with --debug. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const { name, rest } = splitCommand(argv);
  const flags = rest.slice(0, rest.indexOf("--") === -1 ? rest.length : rest.indexOf("--"));
  const debug = flags.includes("--debug");
  const wantsHelp = flags.includes("--help") || flags.includes("-h");
  // --color / --no-color win over the environment; the last one given counts.
  const colorFlag = flags.filter((f) => f === "--color" || f === "--no-color").pop();
  if (colorFlag) io.color = { out: colorFlag === "--color", err: colorFlag === "--color" };
  try {
    if (name === undefined && (flags.includes("--version") || flags.includes("-V"))) {
      io.out(packageVersion());
      return EXIT.ok;
    }
    if (name === undefined) {
      // Bare `relnotes` is a usage error: help goes to stderr so a script's stdout stays clean.
      if (wantsHelp) io.out(await mainHelp());
      else io.err(await mainHelp());
      return wantsHelp ? EXIT.ok : EXIT.usage;
    }
    if (name === "help") {
      const topic = rest.find((a) => !a.startsWith("-"));
      if (topic === undefined) {
        io.out(await mainHelp());
        return EXIT.ok;
      }
      const load = COMMANDS[topic];
      if (!load) throw unknownCommand(topic);
      io.out((await load()).help);
      return EXIT.ok;
    }
    const load = COMMANDS[name];
    if (!load) throw unknownCommand(name);
    const command = await load();
    if (wantsHelp) {
      io.out(command.help);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (e) {
    return report(io, e, debug);
  }
}
