import { posix } from "node:path";
import type { WorkingFiles } from "../files/working-files.js";
import { memberDirs } from "./globs.js";
import { pep508 } from "./requirements.js";
import { stripBom } from "./text.js";
import { TomlEntries } from "./toml.js";
import { ancestors, existing, readFacts, type Workspace } from "./workspace.js";

/** A Python package name as uv and pip compare them (PEP 503): lower case, runs of `-_.` as one `-`. */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function strings(entries: TomlEntries, path: readonly string[]): string[] {
  const node = entries.get(path);
  if (node?.type !== "TOMLArray") return [];
  return node.elements.flatMap((e) => (e.type === "TOMLValue" && e.kind === "string" ? [e.value] : []));
}

/** What the workspace logic needs to know about one pyproject.toml. */
export interface PythonFacts {
  name: string | null;
  /** `[project] dependencies`, by normalized name, with the specifier as written ("" for none). */
  dependencies: { name: string; requirement: string }[];
  /** Names `[tool.uv.sources]` points at the workspace (`X = { workspace = true }`). */
  workspaceSources: string[];
  /** `[tool.uv.workspace]` members and exclude globs, when this is a workspace root. */
  workspace: { members: string[]; exclude: string[] } | null;
}

export function pythonFacts(text: string): PythonFacts {
  const entries = new TomlEntries(stripBom(text).body);
  const name = entries.string(["project", "name"]);
  const dependencies = strings(entries, ["project", "dependencies"]).flatMap((d) => {
    const parsed = pep508(d);
    return parsed ? [{ name: normalizedName(parsed.name), requirement: parsed.specifier.trim() }] : [];
  });
  const workspaceSources = [...entries.paths()]
    .filter((p) => p.length === 5 && p[0] === "tool" && p[1] === "uv" && p[2] === "sources" && p[4] === "workspace")
    .filter((p) => {
      const node = entries.get(p);
      return node?.type === "TOMLValue" && node.value === true;
    })
    .map((p) => normalizedName(String(p[3])));
  const isRoot =
    [...entries.paths()].some((p) => p[0] === "tool" && p[1] === "uv" && p[2] === "workspace") ||
    entries.tables.some((t) => t.path.join(".") === "tool.uv.workspace");
  return {
    name: name === undefined ? null : normalizedName(name),
    dependencies,
    workspaceSources,
    workspace: isRoot
      ? {
          members: strings(entries, ["tool", "uv", "workspace", "members"]),
          exclude: strings(entries, ["tool", "uv", "workspace", "exclude"]),
        }
      : null,
  };
}

export const pythonFactsOf = (files: WorkingFiles, path: string): PythonFacts | null =>
  readFacts(files, path, pythonFacts);

/**
 * The uv workspace a pyproject.toml belongs to: its root found upwards by
 * `[tool.uv.workspace]`, members from its `members` globs less `exclude`; a
 * lone project is its own. `locks` holds the root's uv.lock when there is one
 * (relnotes does not edit it: the planner says so and names `uv lock`).
 */
export function uvWorkspace(files: WorkingFiles, manifest: string): Workspace {
  const projectDir = posix.dirname(manifest);
  for (const dir of ancestors(projectDir)) {
    const rootManifest = posix.join(dir, "pyproject.toml");
    const ws = pythonFactsOf(files, rootManifest)?.workspace;
    if (!ws) continue;
    const members = memberDirs(files.root, dir, ws.members, ws.exclude);
    if (dir !== projectDir && !members.includes(projectDir)) continue;
    const others = members.map((m) => posix.join(m, "pyproject.toml")).filter((m) => m !== rootManifest);
    return {
      manifests: [rootManifest, ...existing(files, others)],
      locks: existing(files, [posix.join(dir, "uv.lock")]),
    };
  }
  return { manifests: [manifest], locks: existing(files, [posix.join(projectDir, "uv.lock")]) };
}

/** What releasing a listed pyproject.toml reaches: its name, the workspace's manifests, and a uv.lock left alone. */
export function uvRelease(
  files: WorkingFiles,
  manifest: string,
): { name: string | null; workspace: Workspace; lock: string | null } {
  const ws = uvWorkspace(files, manifest);
  return {
    name: pythonFactsOf(files, manifest)?.name ?? null,
    workspace: { manifests: ws.manifests, locks: [] },
    lock: ws.locks[0] ?? null,
  };
}

/** uv.lock records each member's version: relnotes does not edit it (uv is not on npm to check an edit), and says so. */
export function uvLockWarning(service: string | null, lock: string): string {
  const who = service === null ? "" : `${service}: `;
  const where = lock === "uv.lock" ? "the repository root" : lock.slice(0, -"/uv.lock".length);
  const stale = "is left as it is and will be stale after this release: relnotes does not edit uv.lock";
  return `${who}${lock} ${stale}; run \`uv lock\` in ${where} and commit the result`;
}
