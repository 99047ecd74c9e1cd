import { editBody, stripBom } from "./text.js";
import { TomlEntries, tomlSetString, tomlVersionSpan } from "./toml.js";
import { ManifestError, type DeclaredVersion, type ManifestChange, type ManifestUpdater } from "./types.js";

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
    throw new ManifestError("the version is dynamic ([project] dynamic contains \"version\"): expected a static version = \"…\", or list the file that sets it (kind \"pattern\")", dynamic.range[0]);
  }
  throw new ManifestError('no version key: expected version = "…" in [project] or [tool.poetry]', entries.tableOffset(["project"]) || entries.tableOffset(["tool", "poetry"]));
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
    if (change.version === null) return text;
    const version = change.version;
    return editBody(text, (body) => {
      const entries = new TomlEntries(body);
      return present(entries).map((k) => tomlSetString(body, entries.get(k.path)!, k.what, version));
    });
  },
};
