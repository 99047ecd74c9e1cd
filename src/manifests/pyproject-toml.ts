import { movedOrError, pep440Requirement, pep508, type MoveOptions } from "./requirements.js";
import { editBody, stripBom, type Splice } from "./text.js";
import { TomlEntries, tomlSetString, tomlVersionSpan } from "./toml.js";
import { ManifestError, type DeclaredVersion, type ManifestChange, type ManifestUpdater } from "./types.js";

const normalized = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, "-");

/**
 * Splices moving the PEP 440 specifiers of `[project] dependencies` and
 * `[project.optional-dependencies]` on released packages (names compared as
 * PEP 503 normalizes them), operator and precision kept.
 */
function requirementSplices(
  body: string,
  entries: TomlEntries,
  released: ReadonlyMap<string, string>,
  options: MoveOptions,
): Splice[] {
  if (released.size === 0) return [];
  const byName = new Map([...released].map(([name, version]) => [normalized(name), version]));
  const lists = [...entries.paths()].filter(
    (p) =>
      (p.length === 2 && p[0] === "project" && p[1] === "dependencies") ||
      (p.length === 3 && p[0] === "project" && p[1] === "optional-dependencies"),
  );
  const splices: Splice[] = [];
  for (const path of lists) {
    const node = entries.get(path);
    if (node?.type !== "TOMLArray") continue;
    for (const element of node.elements) {
      if (element.type !== "TOMLValue" || element.kind !== "string") continue;
      const dep = pep508(element.value);
      const version = dep === null ? undefined : byName.get(normalized(dep.name));
      if (dep === null || version === undefined) continue;
      const what = `the requirement "${element.value}"`;
      const span = tomlVersionSpan(body, element, what);
      const moved = movedOrError(() => pep440Requirement(dep.specifier, version, options), what, span.offset);
      if (moved !== null && moved !== dep.specifier)
        splices.push({ start: span.offset + dep.start, end: span.offset + dep.end, text: moved });
    }
  }
  return splices;
}

const VERSION_KEYS = [
  { path: ["project", "version"], what: "[project] version" },
  { path: ["tool", "poetry", "version"], what: "[tool.poetry] version" },
];

/** The version keys present: PEP 621 `[project]` and/or Poetry's `[tool.poetry]` (Poetry 2 may have both). */
function present(entries: TomlEntries): typeof VERSION_KEYS {
  const found = VERSION_KEYS.filter((k) => entries.has(k.path));
  if (found.length > 0) return found;
  const dynamic = entries.get(["project", "dynamic"]);
  if (dynamic?.type === "TOMLArray" && dynamic.elements.some((e) => e.type === "TOMLValue" && e.value === "version")) {
    throw new ManifestError(
      'the version is dynamic ([project] dynamic contains "version"): expected a static version = "…", or list ' +
        'the file that sets it (kind "pattern")',
      dynamic.range[0],
    );
  }
  throw new ManifestError(
    'no version key: expected version = "…" in [project] or [tool.poetry]',
    entries.tableOffset(["project"]) || entries.tableOffset(["tool", "poetry"]),
  );
}

export const pyprojectToml: ManifestUpdater = {
  kind: "pyproject-toml",
  read(text: string): DeclaredVersion {
    const body = stripBom(text).body;
    const entries = new TomlEntries(body);
    const [first] = present(entries);
    const { version, offset } = tomlVersionSpan(body, entries.get(first!.path)!, first!.what);
    return { version, offset };
  },
  update(text: string, change: ManifestChange): string {
    const version = change.version;
    if (version === null && change.released.size === 0) return text;
    return editBody(text, (body) => {
      const entries = new TomlEntries(body);
      const splices = requirementSplices(body, entries, change.released, change);
      if (version !== null)
        splices.push(...present(entries).map((k) => tomlSetString(body, entries.get(k.path)!, k.what, version)));
      return splices;
    });
  },
};
