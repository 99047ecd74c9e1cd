import { RelnotesError } from "./errors.js";

/** 1-based line and column of an offset into `text` without its byte-order mark (parsers' offsets skip it). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const body = (text.startsWith("\uFEFF") ? text.slice(1) : text).slice(0, offset);
  const lines = body.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.replace(/\r$/, "").length + 1 };
}

/** Two lines of context around `line`, with a caret under `column` (both 1-based). */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const source = lines[n - 1] ?? "";
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${source}`.trimEnd());
    if (n === line) {
      const pad = source.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, " ");
      out.push(`  ${" ".repeat(width)} | ${pad}^`);
    }
  }
  return out.join("\n");
}

/** An error at a place in a file the user wrote: `file:line:column: message`, then a code frame. */
export class LocatedError extends RelnotesError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
    source: string | null,
    hint?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${file}:${line}:${column}: ${message}${source === null ? "" : `\n${codeFrame(source, line, column)}`}`,
      hint,
      options,
    );
    this.name = "LocatedError";
  }
}
