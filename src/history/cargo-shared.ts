/**
 * Reading what a Cargo workspace root shares with its members, for counting
 * commits: loaded only when a service has a Cargo.toml (the TOML parser is
 * heavy, and most commands never need it). Self-contained: history sits
 * below manifests/ and must not import it.
 */
import { parseTOML, type AST } from "toml-eslint-parser";

export type Flat = Map<string, string>;
// The value a table header is recorded with (so `[workspace]` alone is seen): never a JSON text.
const TABLE = "table";

function flatten(prefix: string[], node: AST.TOMLContentNode, out: Flat): void {
  if (node.type === "TOMLInlineTable") {
    for (const kv of node.body) flatten([...prefix, ...keyOf(kv)], kv.value, out);
  } else if (node.type === "TOMLArray") {
    for (const [i, e] of node.elements.entries()) flatten([...prefix, String(i)], e, out);
  } else out.set(JSON.stringify(prefix), JSON.stringify(node.value));
}

function keyOf(kv: AST.TOMLKeyValue): string[] {
  return kv.key.keys.map((k) => (k.type === "TOMLBare" ? k.name : k.value));
}

/** Every value of a TOML document by its full key path (JSON), or null when it is not valid TOML. */
export function entries(text: string): Flat | null {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(text.replace(/^\uFEFF/, ""), { tomlVersion: "1.0" });
  } catch {
    return null;
  }
  const out: Flat = new Map();
  for (const item of program.body[0].body) {
    if (item.type === "TOMLTable") {
      out.set(JSON.stringify(item.resolvedKey), TABLE);
      for (const kv of item.body) flatten([...item.resolvedKey.map(String), ...keyOf(kv)], kv.value, out);
    } else flatten(keyOf(item), item.value, out);
  }
  return out;
}

export const paths = (flat: Flat): string[][] => [...flat.keys()].map((k) => JSON.parse(k) as string[]);

/** `[workspace.dependencies]` of a root Cargo.toml: each key with all that is written for it, as one comparable string. */
export function workspaceDependencies(text: string | null): Map<string, string> | null {
  if (text === null) return new Map();
  const flat = entries(text);
  if (flat === null) return null;
  const deps = new Map<string, string[]>();
  for (const path of paths(flat)) {
    const value = flat.get(JSON.stringify(path));
    if (path[0] !== "workspace" || path[1] !== "dependencies" || path.length < 3 || value === TABLE) continue;
    const rest = JSON.stringify(path.slice(3));
    deps.set(path[2]!, [...(deps.get(path[2]!) ?? []), `${rest}=${value}`]);
  }
  return new Map([...deps].map(([key, values]) => [key, values.sort().join("\n")]));
}

/** The `[workspace.dependencies]` keys whose entry differs between two texts of a root (null: one side is not TOML). */
export function changedWorkspaceDependencies(before: string | null, after: string | null): string[] | null {
  const [a, b] = [workspaceDependencies(before), workspaceDependencies(after)];
  if (a === null || b === null) return null;
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

const DEPENDENCY_TABLES = new Set([
  "dependencies",
  "dev-dependencies",
  "build-dependencies",
  "dev_dependencies",
  "build_dependencies",
]);

/** Keys a member Cargo.toml inherits from `[workspace.dependencies]` (`X.workspace = true` in any dependency table). */
export function inheritedDependencies(text: string): string[] {
  const flat = entries(text);
  if (flat === null) return [];
  const keys = new Set<string>();
  for (const path of paths(flat)) {
    if (path.at(-1) !== "workspace" || flat.get(JSON.stringify(path)) !== "true") continue;
    const table = path.slice(0, -2);
    const direct = table.length === 1 && DEPENDENCY_TABLES.has(table[0]!);
    const target = table.length === 3 && table[0] === "target" && DEPENDENCY_TABLES.has(table[2]!);
    if (direct || target) keys.add(path.at(-2)!);
  }
  return [...keys].sort();
}
