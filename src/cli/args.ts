import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.js";
import { didYouMean } from "../suggest.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Options every command accepts, before or after the command name. */
export const COMMON_OPTIONS = {
  cwd: { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  color: { type: "boolean" },
} as const satisfies OptionSpec;

type Values<T extends OptionSpec> = {
  [K in keyof T]?: T[K] extends { type: "boolean" } ? boolean : T[K] extends { multiple: true } ? string[] : string;
} & { cwd?: string; debug?: boolean; help?: boolean; color?: boolean };

/** Every spelling of the options in `options`, for "did you mean". */
export function optionNames(options: OptionSpec): string[] {
  return Object.entries(options).flatMap(([name, o]) => [
    `--${name}`,
    ...(o.type === "boolean" ? [`--no-${name}`] : []),
    ...(o.short ? [`-${o.short}`] : []),
  ]);
}

/** Parse a command's arguments strictly; a bad flag is a usage error (exit 2) that points at --help. */
export function parseCommandArgs<T extends OptionSpec>(
  command: string,
  argv: string[],
  options: T,
): { values: Values<T>; positionals: string[] } {
  const all = { ...COMMON_OPTIONS, ...options };
  let parsed: { values: Values<T>; positionals: string[] };
  try {
    const result = parseArgs({ args: argv, options: all, allowPositionals: true, strict: true, allowNegative: true });
    parsed = { values: result.values as Values<T>, positionals: result.positionals };
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    if (unknown)
      throw new UsageError(
        `unknown option ${unknown[1]} for relnotes ${command}${didYouMean(unknown[1]!, optionNames(all))}`,
        `see: relnotes ${command} --help`,
      );
    throw new UsageError(
      message.replace(/^Option '([^']+)' argument missing$/, "option $1 needs a value"),
      `see: relnotes ${command} --help`,
    );
  }
  if (parsed.values.cwd !== undefined) {
    const dir = resolve(parsed.values.cwd);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir)
      throw new UsageError(
        `--cwd ${parsed.values.cwd}: no such directory`,
        "pass the path of a directory inside the repository",
      );
  }
  return parsed;
}
