import type { CliIO } from "../cli/io.js";

export interface Command {
  /** One line for `relnotes --help`. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run(argv: string[], io: CliIO): Promise<number>;
}
