import { cargoRequirement, movedOrError, type MoveOptions } from "./requirements.js";
import { editBody, stripBom, type Splice } from "./text.js";
import { TomlEntries, tomlSetString, tomlVersionSpan, type TomlPath } from "./toml.js";
import { ManifestError, type DeclaredVersion, type ManifestChange, type ManifestUpdater } from "./types.js";

const DEPENDENCY_TABLES = new Set([
  "dependencies",
  "dev-dependencies",
  "build-dependencies",
  "dev_dependencies",
  "build_dependencies",
]);

/** What the workspace logic needs to know about one Cargo.toml. */
export interface CrateFacts {
  name: string | null;
  /** `version.workspace = true`: the crate is released at `[workspace.package] version`. */
  inheritsVersion: boolean;
  /** Present when this file is a workspace root. */
  workspace: { members: string[]; exclude: string[]; packageVersion: boolean } | null;
}

function strings(entries: TomlEntries, path: TomlPath): string[] {
  const node = entries.get(path);
  if (node?.type !== "TOMLArray") return [];
  return node.elements.flatMap((e) => (e.type === "TOMLValue" && e.kind === "string" ? [e.value] : []));
}

export function crateFacts(text: string): CrateFacts {
  const entries = new TomlEntries(stripBom(text).body);
  const isRoot =
    entries.tables.some((t) => t.path[0] === "workspace") || [...entries.paths()].some((p) => p[0] === "workspace");
  return {
    name: entries.string(["package", "name"]) ?? null,
    inheritsVersion: isTrue(entries, ["package", "version", "workspace"]),
    workspace: isRoot
      ? {
          members: strings(entries, ["workspace", "members"]),
          exclude: strings(entries, ["workspace", "exclude"]),
          packageVersion: entries.has(["workspace", "package", "version"]),
        }
      : null,
  };
}

function isTrue(entries: TomlEntries, path: TomlPath): boolean {
  const node = entries.get(path);
  return node?.type === "TOMLValue" && node.kind === "boolean" && node.value;
}

/** The version value nodes this file declares: `[package] version` and/or `[workspace.package] version`. */
function versionNodes(entries: TomlEntries): { path: TomlPath; what: string }[] {
  const found: { path: TomlPath; what: string }[] = [];
  if (entries.has(["package", "version"]) && !entries.has(["package", "version", "workspace"]))
    found.push({ path: ["package", "version"], what: "[package] version" });
  if (entries.has(["workspace", "package", "version"]))
    found.push({ path: ["workspace", "package", "version"], what: "[workspace.package] version" });
  if (found.length > 0) return found;
  if (isTrue(entries, ["package", "version", "workspace"])) {
    throw new ManifestError(
      "the version is inherited (version.workspace = true): expected the workspace root Cargo.toml, whose " +
        "[workspace.package] version is the one to bump, in manifests",
      entries.get(["package", "version", "workspace"])!.range[0],
    );
  }
  throw new ManifestError(
    'no version key: expected version = "…" in [package] or [workspace.package]',
    entries.tableOffset(["package"]),
  );
}

/** Is `path` (minus its last two keys) a dependency table: [dependencies], [target.'cfg(…)'.dev-dependencies], [workspace.dependencies]? */
function isDependencyTable(table: TomlPath): boolean {
  if (table.length === 1) return DEPENDENCY_TABLES.has(String(table[0]));
  if (table.length === 2) return table[0] === "workspace" && table[1] === "dependencies";
  return table.length === 3 && table[0] === "target" && DEPENDENCY_TABLES.has(String(table[2]));
}

/** Splices moving version requirements of path dependencies on released crates, operator kept. */
function requirementSplices(
  body: string,
  entries: TomlEntries,
  released: ReadonlyMap<string, string>,
  options: MoveOptions,
): Splice[] {
  const splices: Splice[] = [];
  for (const path of entries.paths()) {
    if (path.length < 3 || path[path.length - 1] !== "version") continue;
    const dep = path.slice(0, -1);
    if (!isDependencyTable(dep.slice(0, -1)) || !entries.has([...dep, "path"])) continue;
    const crate = entries.string([...dep, "package"]) ?? String(dep[dep.length - 1]);
    const version = released.get(crate);
    if (version === undefined) continue;
    const node = entries.get(path)!;
    const span = tomlVersionSpan(body, node, `the version requirement of ${String(dep[dep.length - 1])}`);
    const moved = movedOrError(
      () => cargoRequirement(span.version, version, options),
      `the version requirement of ${String(dep[dep.length - 1])}`,
      span.offset,
    );
    if (moved !== null && moved !== span.version) splices.push({ start: span.offset, end: span.end, text: moved });
  }
  return splices;
}

export const cargoToml: ManifestUpdater = {
  kind: "cargo-toml",
  read(text: string): DeclaredVersion {
    const body = stripBom(text).body;
    const entries = new TomlEntries(body);
    const [first] = versionNodes(entries);
    const { version, offset } = tomlVersionSpan(body, entries.get(first!.path)!, first!.what);
    return { version, offset };
  },
  update(text: string, change: ManifestChange): string {
    return editBody(text, (body) => {
      const entries = new TomlEntries(body);
      const splices = requirementSplices(body, entries, change.released, change);
      if (change.version !== null) {
        for (const v of versionNodes(entries))
          splices.push(tomlSetString(body, entries.get(v.path)!, v.what, change.version));
      }
      return splices;
    });
  },
};

/** A dependency a Cargo.toml declares: the crate it names, its requirement (null: none), and whether it comes from `[workspace.dependencies]`. */
export interface CrateDependency {
  crate: string;
  requirement: string | null;
  inherited: boolean;
}

/** The dependencies of every dependency table of a Cargo.toml (`[workspace.dependencies]` included), by the crate they name. */
export function crateDependencies(text: string): { table: "member" | "workspace"; dependency: CrateDependency }[] {
  const entries = new TomlEntries(stripBom(text).body);
  const out: { table: "member" | "workspace"; dependency: CrateDependency }[] = [];
  const seen = new Set<string>();
  for (const path of entries.paths()) {
    for (let n = 1; n <= 3; n++) {
      const table = path.slice(0, n);
      if (path.length <= n || !isDependencyTable(table)) continue;
      const dep = path.slice(0, n + 1);
      const key = JSON.stringify(dep);
      if (seen.has(key)) continue;
      seen.add(key);
      const whole = entries.get(dep);
      const requirement =
        whole?.type === "TOMLValue" && whole.kind === "string"
          ? whole.value
          : (entries.string([...dep, "version"]) ?? null);
      out.push({
        table: table[0] === "workspace" ? "workspace" : "member",
        dependency: {
          crate: entries.string([...dep, "package"]) ?? String(dep[dep.length - 1]),
          requirement,
          inherited: isTrue(entries, [...dep, "workspace"]),
        },
      });
    }
  }
  return out;
}
