import {
  isMap,
  isScalar,
  parseAllDocuments,
  parseDocument,
  type Document,
  type Pair,
  type Scalar,
  type YAMLMap,
} from "yaml";
import type { Splice } from "./text.js";
import { ManifestError } from "./types.js";

function checked(doc: Document.Parsed): Document.Parsed {
  const error = doc.errors[0];
  if (error)
    throw new ManifestError(`not valid YAML (${error.message.split(" at line")[0]!.toLowerCase()})`, error.pos[0]);
  return doc;
}

/** Parse YAML keeping source ranges; the first syntax error is a ManifestError at its offset. */
export function parseYaml(body: string): Document.Parsed {
  return checked(parseDocument(body, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true }));
}

/** Every document of a YAML stream (pnpm may put an environment document before the lockfile's own). */
export function parseYamlDocuments(body: string): Document.Parsed[] {
  return Array.from(
    parseAllDocuments(body, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true }),
    checked,
  );
}

/** The pairs of a mapping node as [key text, value node, key node]; nothing for anything else. */
export function yamlEntries(node: unknown): [string, unknown, Scalar][] {
  if (!isMap(node)) return [];
  return (node as YAMLMap<unknown, unknown>).items.flatMap((pair: Pair<unknown, unknown>) =>
    isScalar(pair.key) && typeof pair.key.value === "string"
      ? [[pair.key.value, pair.value, pair.key] as [string, unknown, Scalar]]
      : [],
  );
}

/** The value of `key` in a mapping node (undefined when absent or not a mapping). */
export function yamlGet(node: unknown, key: string): unknown {
  return yamlEntries(node).find(([k]) => k === key)?.[1];
}

/** A string scalar's value, or undefined for anything else. */
export function yamlString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === "string" ? node.value : undefined;
}

/** `text` written in the scalar style of `node` (plain, 'single' or "double" quoted), as YAML would read it back. */
function inStyle(node: Scalar, text: string): string {
  if (node.type === "QUOTE_DOUBLE") return JSON.stringify(text);
  if (node.type === "QUOTE_SINGLE") return `'${text.replaceAll("'", "''")}'`;
  return text;
}

/**
 * A splice replacing a string scalar's source by `text` in the same quoting
 * style. Refuses (ManifestError) a scalar it cannot rewrite in place — a
 * block scalar, or a plain one the new text would change the meaning of.
 */
export function yamlSetString(body: string, node: unknown, what: string, text: string): Splice {
  if (!isScalar(node) || !node.range || typeof node.value !== "string")
    throw new ManifestError(`expected ${what} to be a string`, isScalar(node) && node.range ? node.range[0] : 0);
  const [start, end] = node.range;
  const source = inStyle(node, text);
  const styles = ["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"];
  // The source must be exactly the value in its style (no escapes, no folding), and so must the replacement.
  const readBack = (s: string): unknown => {
    const doc = parseDocument(`x: ${s}\n`, { prettyErrors: false });
    const v = doc.errors.length === 0 && isMap(doc.contents) ? doc.contents.get("x", true) : undefined;
    return isScalar(v) && v.type === node.type ? v.value : undefined;
  };
  if (
    !styles.includes(node.type ?? "") ||
    body.slice(start, end) !== inStyle(node, node.value) ||
    readBack(source) !== text
  ) {
    throw new ManifestError(
      `cannot rewrite ${what} in place as ${JSON.stringify(text)}: expected a plain or quoted one-line string`,
      start,
    );
  }
  return { start, end, text: source };
}
