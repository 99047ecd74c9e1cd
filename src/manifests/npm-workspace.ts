import { posix } from "node:path";
import type { WorkingFiles } from "../plan/working-files.js";
import { memberDirs } from "./globs.js";
import { jsonAt, parseJson } from "./json.js";
import { stripBom } from "./text.js";
import { ancestors, existing, readFacts, type Workspace } from "./workspace.js";

/** The `workspaces` globs of a package.json (array or `{ packages }`), or null when it declares none. */
function workspaceGlobs(text: string): string[] | null {
  const root = parseJson(stripBom(text).body);
  const node = jsonAt(root, ["workspaces"]) ?? null;
  const list = node?.type === "object" ? jsonAt(node, ["packages"]) : node;
  if (list?.type !== "array") return null;
  return (list.children ?? []).flatMap((c) => (c.type === "string" ? [String(c.value)] : []));
}

const LOCKFILES = ["package-lock.json", "npm-shrinkwrap.json"];

/** The npm workspace a package.json belongs to (root found upwards by its `workspaces`); a lone package is its own. */
export function npmWorkspace(files: WorkingFiles, manifest: string): Workspace {
  const packageDir = posix.dirname(manifest);
  for (const dir of ancestors(packageDir)) {
    const rootManifest = posix.join(dir, "package.json");
    const globs = readFacts(files, rootManifest, workspaceGlobs);
    if (!globs) continue;
    const members = memberDirs(files.root, dir, globs);
    if (dir !== packageDir && !members.includes(packageDir)) continue;
    const manifests = [rootManifest, ...existing(files, members.map((m) => posix.join(m, "package.json")).filter((m) => m !== rootManifest))];
    return { manifests, locks: existing(files, LOCKFILES.map((l) => posix.join(dir, l))) };
  }
  return { manifests: [manifest], locks: existing(files, LOCKFILES.map((l) => posix.join(packageDir, l))) };
}
