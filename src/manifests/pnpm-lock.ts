import { isScalar } from "yaml";
import { movedOrError, npmRange } from "./requirements.js";
import { editBody, type Splice } from "./text.js";
import { ManifestError, type ManifestChange, type ManifestUpdater } from "./types.js";
import { parseYamlDocuments, yamlEntries, yamlGet, yamlSetString, yamlString } from "./yaml.js";

const IMPORTER_FIELDS = ["dependencies", "devDependencies", "optionalDependencies"];

/** A specifier scalar moved like the package.json range it records (the same rule, so the two stay equal). */
function specifierSplice(body: string, node: unknown, name: string, where: string, change: ManifestChange): Splice[] {
  const version = change.released.get(name);
  const specifier = yamlString(node);
  if (version === undefined || specifier === undefined) return [];
  const offset = isScalar(node) && node.range ? node.range[0] : 0;
  const moved = movedOrError(() => npmRange(specifier, version, change), `${where}.${name}`, offset);
  return moved === null || moved === specifier ? [] : [yamlSetString(body, node, `the specifier of ${name}`, moved)];
}

/** Splices for one importer (a workspace project): `<field>.<name>.specifier` (v6, v9) or `specifiers.<name>` (v5). */
function importerSplices(
  body: string,
  importer: unknown,
  path: string,
  major: number,
  change: ManifestChange,
): Splice[] {
  if (major === 5) {
    return yamlEntries(yamlGet(importer, "specifiers")).flatMap(([name, node]) =>
      specifierSplice(body, node, name, `${path}specifiers`, change),
    );
  }
  return IMPORTER_FIELDS.flatMap((field) =>
    yamlEntries(yamlGet(importer, field)).flatMap(([name, dep]) =>
      specifierSplice(body, yamlGet(dep, "specifier"), name, `${path}${field}`, change),
    ),
  );
}

/** Top-level sections that hold resolutions, not importers: most of a lockfile's bytes, never edited. */
const RESOLUTION_SECTIONS = new Set(["packages", "snapshots"]);

/**
 * The lockfile with its resolution sections blanked: every byte of them but
 * line ends turned into spaces, so offsets into it are offsets into the file.
 * pnpm writes block-style YAML with top-level keys at column 0; the importers
 * are a small part of the file and the YAML parser then reads only them
 * (a 500 KB lockfile: ~1 s parsed whole, a few ms blanked).
 */
export function withoutResolutions(body: string): string {
  const blank = (text: string): string =>
    text
      .split("\n")
      .map((line) => " ".repeat(line.length))
      .join("\n");
  const parts: string[] = [];
  let blanking = false;
  let from = 0;
  for (let start = 0; start < body.length; ) {
    const nl = body.indexOf("\n", start);
    const end = nl === -1 ? body.length : nl + 1;
    const first = body.charCodeAt(start);
    // A line starting at column 0 with something other than a comment or a line end starts a new section.
    if (first !== 32 && first !== 9 && first !== 10 && first !== 13 && first !== 35) {
      const key = /^([A-Za-z]+):\s*$/.exec(body.slice(start, end))?.[1];
      const next = key !== undefined && RESOLUTION_SECTIONS.has(key);
      if (next !== blanking) {
        const chunk = body.slice(from, start);
        parts.push(blanking ? blank(chunk) : chunk);
        from = start;
        blanking = next;
      }
    }
    start = end;
  }
  const rest = body.slice(from);
  parts.push(blanking ? blank(rest) : rest);
  return parts.join("");
}

/** The last lockfile read: a plan of several releases edits the same text in turn, mostly unchanged. */
let lastRead: { body: string; docs: ReturnType<typeof parseYamlDocuments> } | null = null;

/** The lockfile's YAML documents, resolutions blanked; parsed once per text. */
function importerDocuments(body: string): ReturnType<typeof parseYamlDocuments> {
  if (lastRead?.body !== body) lastRead = { body, docs: parseYamlDocuments(withoutResolutions(body)) };
  return lastRead.docs;
}

/**
 * pnpm-lock.yaml (lockfile v5, v6 and v9): the specifiers each importer
 * records for its dependencies on released packages, moved exactly as the
 * importer's package.json ranges are (`workspace:^1.2.0` → `workspace:^2.0.0`,
 * `workspace:^` left alone). pnpm records no version of an importer itself,
 * and resolved `version: link:…` entries do not change, so nothing else moves.
 * Only the bytes of the specifiers change; the file is never re-serialized.
 */
export const pnpmLock: ManifestUpdater = {
  kind: "pnpm-lock",
  read: () => null,
  update(text: string, change: ManifestChange): string {
    return editBody(text, (body) => {
      const splices: Splice[] = [];
      for (const doc of importerDocuments(body)) {
        const versionNode = yamlGet(doc.contents, "lockfileVersion");
        if (versionNode === undefined) continue;
        const written = isScalar(versionNode) ? String(versionNode.value) : "";
        const major = Number(/^(\d+)(?:\.\d+)?$/.exec(written)?.[1]);
        if (![5, 6, 9].includes(major)) {
          const at = isScalar(versionNode) && versionNode.range ? versionNode.range[0] : 0;
          throw new ManifestError(
            `lockfileVersion ${JSON.stringify(written)} is not one relnotes can edit (5.x, 6.x or 9.x); run ` +
              "pnpm install after the release instead, or pin a pnpm that writes a known version",
            at,
          );
        }
        const importers = yamlGet(doc.contents, "importers");
        // A lockfile of a single project (before v9) keeps the root importer's fields at the top level.
        if (importers === undefined) splices.push(...importerSplices(body, doc.contents, "", major, change));
        for (const [path, importer] of yamlEntries(importers))
          splices.push(...importerSplices(body, importer, `importers["${path}"].`, major, change));
      }
      return splices;
    });
  },
};
