import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { movedOrError, npmRange, peerMoveOptions, type MoveOptions } from "./requirements.js";
import type { Splice } from "./text.js";
import { ManifestError, type DeclaredVersion } from "./types.js";

export const DEPENDENCY_FIELDS = [
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
] as const;

/** Parse JSON keeping offsets; the first syntax error is a ManifestError at its offset. */
export function parseJson(body: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first) throw new ManifestError(`not valid JSON (${printParseErrorCode(first.error)})`, first.offset);
  if (root?.type !== "object") throw new ManifestError("expected a JSON object", root?.offset ?? 0);
  rejectDuplicateKeys(body, root);
  return root;
}

function lineAt(body: string, offset: number): number {
  let line = 1;
  for (let i = body.indexOf("\n"); i !== -1 && i < offset; i = body.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * A key twice in one object: relnotes would edit one and npm (like most JSON
 * readers) use the last, so the release would say one version and ship another.
 */
function rejectDuplicateKeys(body: string, node: Node): void {
  if (node.type === "object") {
    const seen = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key) continue;
      const name = String(key.value);
      const first = seen.get(name);
      if (first) {
        throw new ManifestError(
          `duplicate key ${JSON.stringify(name)} on lines ${lineAt(body, first.offset)} and ` +
            `${lineAt(body, key.offset)}: JSON readers such as npm use the last one; remove one of them`,
          key.offset,
        );
      }
      seen.set(name, key);
    }
  }
  for (const child of node.children ?? []) rejectDuplicateKeys(body, child);
}

export function jsonAt(root: Node, path: (string | number)[]): Node | undefined {
  return findNodeAtLocation(root, path);
}

/** A string value's text and the span inside its quotes. */
export function jsonVersionSpan(body: string, node: Node, what: string): DeclaredVersion & { end: number } {
  if (node.type !== "string") throw new ManifestError(`expected ${what} to be a string like "1.2.3"`, node.offset);
  const [start, end] = [node.offset + 1, node.offset + node.length - 1];
  // Escapes would make the source differ from the value: refuse rather than guess.
  if (body.slice(start, end) !== node.value)
    throw new ManifestError(`expected ${what} without escape sequences`, node.offset);
  return { version: String(node.value), offset: start, end };
}

export function jsonSetString(body: string, node: Node, what: string, text: string): Splice {
  const span = jsonVersionSpan(body, node, what);
  return { start: span.offset, end: span.end, text };
}

/** Properties of an object node as [name, value node]. */
export function jsonProperties(node: Node | undefined): [string, Node][] {
  if (node?.type !== "object") return [];
  return (node.children ?? []).flatMap((p) => {
    const [key, value] = p.children ?? [];
    return key && value ? [[String(key.value), value] as [string, Node]] : [];
  });
}

/** Splices moving dependency ranges (in `owner`'s dependency fields) on released packages, prefix kept. */
export function rangeSplices(
  body: string,
  owner: Node | undefined,
  released: ReadonlyMap<string, string>,
  options: MoveOptions = {},
  fields: readonly string[] = DEPENDENCY_FIELDS,
): Splice[] {
  const splices: Splice[] = [];
  for (const [field, deps] of jsonProperties(owner)) {
    if (!fields.includes(field)) continue;
    const moveOptions = field === "peerDependencies" ? peerMoveOptions(options) : options;
    for (const [name, value] of jsonProperties(deps)) {
      const version = released.get(name);
      if (version === undefined || value.type !== "string") continue;
      const moved = movedOrError(
        () => npmRange(String(value.value), version, moveOptions),
        `${field}.${name}`,
        value.offset,
      );
      if (moved !== null && moved !== value.value)
        splices.push(jsonSetString(body, value, `the range of ${name}`, moved));
    }
  }
  return splices;
}
