import { parseTOML, ParseError, type AST } from "toml-eslint-parser";
import { ManifestError, type DeclaredVersion } from "./types.js";
import type { Splice } from "./text.js";

export type TomlPath = readonly (string | number)[];

/** Every key-value of a TOML document by its full path (table headers, dotted keys and inline tables resolved). */
export class TomlEntries {
  private readonly byPath = new Map<string, AST.TOMLContentNode>();
  readonly tables: { path: TomlPath; node: AST.TOMLTable }[] = [];

  constructor(body: string) {
    let program: AST.TOMLProgram;
    try {
      program = parseTOML(body, { tomlVersion: "1.0" });
    } catch (e) {
      if (e instanceof ParseError) throw new ManifestError(`not valid TOML (${e.message.toLowerCase()})`, e.index);
      throw e;
    }
    for (const item of program.body[0].body) {
      if (item.type === "TOMLTable") {
        this.tables.push({ path: item.resolvedKey, node: item });
        for (const kv of item.body) this.add(item.resolvedKey, kv);
      } else this.add([], item);
    }
  }

  private add(prefix: TomlPath, kv: AST.TOMLKeyValue): void {
    const path = [...prefix, ...kv.key.keys.map((k) => (k.type === "TOMLBare" ? k.name : k.value))];
    this.byPath.set(JSON.stringify(path), kv.value);
    if (kv.value.type === "TOMLInlineTable") for (const inner of kv.value.body) this.add(path, inner);
  }

  get(path: TomlPath): AST.TOMLContentNode | undefined {
    return this.byPath.get(JSON.stringify(path));
  }

  has(path: TomlPath): boolean {
    return this.byPath.has(JSON.stringify(path));
  }

  /** Paths of every entry, parsed back. */
  *paths(): Generator<(string | number)[]> {
    for (const key of this.byPath.keys()) yield JSON.parse(key) as (string | number)[];
  }

  /** A string value, or undefined when absent or not a string. */
  string(path: TomlPath): string | undefined {
    const node = this.get(path);
    return node?.type === "TOMLValue" && node.kind === "string" ? node.value : undefined;
  }

  /** Offset of the header of table `path` (for "missing key" errors), or 0. */
  tableOffset(path: TomlPath): number {
    const key = JSON.stringify(path);
    return this.tables.find((t) => JSON.stringify(t.path) === key)?.node.range[0] ?? 0;
  }
}

/** Where a version string value sits: its text and the span inside the quotes. */
export function tomlVersionSpan(
  body: string,
  node: AST.TOMLContentNode,
  what: string,
): DeclaredVersion & { end: number } {
  if (node.type !== "TOMLValue" || node.kind !== "string" || node.multiline) {
    throw new ManifestError(`expected ${what} to be a one-line string like "1.2.3"`, node.range[0]);
  }
  const [start, end] = [node.range[0] + 1, node.range[1] - 1];
  // Escapes would make the source differ from the value: refuse rather than guess.
  if (body.slice(start, end) !== node.value)
    throw new ManifestError(`expected ${what} without escape sequences`, node.range[0]);
  return { version: node.value, offset: start, end };
}

/** The splice that sets a version string value to `text`. */
export function tomlSetString(body: string, node: AST.TOMLContentNode, what: string, text: string): Splice {
  const span = tomlVersionSpan(body, node, what);
  return { start: span.offset, end: span.end, text };
}
