import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  cwd: { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

type Values<T extends OptionSpec> = {
  [K in keyof T]?: T[K] extends { type: "boolean" } ? boolean : T[K] extends { multiple: true } ? string[] : string;
} & { cwd?: string; debug?: boolean; help?: boolean };

/** Parse a command's arguments strictly; a bad flag is a usage error (exit 2) that points at --help. */
export function parseCommandArgs<T extends OptionSpec>(command: string, argv: string[], options: T): { values: Values<T>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true, allowNegative: true });
    return { values: parsed.values as Values<T>, positionals: parsed.positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""), `see: relnotes ${command} --help`);
  }
}
