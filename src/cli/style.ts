import { styleText } from "node:util";

/** NO_COLOR (any value) turns colour off, FORCE_COLOR on (0 or false: off); otherwise a terminal that is not "dumb" gets it. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.FORCE_COLOR !== undefined) return !["0", "false"].includes(env.FORCE_COLOR);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY && env.TERM !== "dumb";
}

type Format = Parameters<typeof styleText>[0];
// Node >= 22.13 would check process.stdout itself; relnotes decided above, per stream.
const style = styleText as (format: Format, text: string, options?: { validateStream?: boolean }) => string;

/** Node's util.styleText when colour is on, the text as it is when off. */
export function paint(enabled: boolean): (format: Format, text: string) => string {
  return enabled ? (format, text) => style(format, text, { validateStream: false }) : (_format, text) => text;
}
