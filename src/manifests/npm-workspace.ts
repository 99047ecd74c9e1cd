import { posix } from "node:path";
import { isScalar, isSeq } from "yaml";
import type { WorkingFiles } from "../files/working-files.js";
import { memberDirs } from "./globs.js";
import { jsonAt, parseJson } from "./json.js";
import { stripBom } from "./text.js";
import { ManifestError } from "./types.js";
import { ancestors, existing, readFacts, type Workspace } from "./workspace.js";
import { parseYaml, yamlGet } from "./yaml.js";

/** The `workspaces` globs of a package.json (array or `{ packages }`, npm and yarn), or null when it declares none. */
function workspaceGlobs(text: string): string[] | null {
  const root = parseJson(stripBom(text).body);
  const node = jsonAt(root, ["workspaces"]) ?? null;
  const list = node?.type === "object" ? jsonAt(node, ["packages"]) : node;
  if (list?.type !== "array") return null;
  return (list.children ?? []).flatMap((c) => (c.type === "string" ? [String(c.value)] : []));
}

/** The `packages` globs of a pnpm-workspace.yaml (none: the root project alone). */
function pnpmWorkspaceGlobs(text: string): string[] {
  const packages = yamlGet(parseYaml(stripBom(text).body).contents, "packages");
  if (packages === undefined || packages === null) return [];
  if (!isSeq(packages))
    throw new ManifestError(
      "expected packages: to be a list of globs",
      isScalar(packages) && packages.range ? packages.range[0] : 0,
    );
  return packages.items.flatMap((item) => (isScalar(item) && typeof item.value === "string" ? [item.value] : []));
}

const LOCKFILES = ["package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock"];

/**
 * The JavaScript workspace a package.json belongs to: its root found upwards
 * by a pnpm-workspace.yaml (pnpm reads only that) or a package.json with
 * `workspaces` (npm, yarn); a lone package is its own. The lockfiles are those
 * at the root, whichever package manager wrote them.
 */
export function npmWorkspace(files: WorkingFiles, manifest: string): Workspace {
  const packageDir = posix.dirname(manifest);
  for (const dir of ancestors(packageDir)) {
    const rootManifest = posix.join(dir, "package.json");
    const globs =
      readFacts(files, posix.join(dir, "pnpm-workspace.yaml"), pnpmWorkspaceGlobs) ??
      readFacts(files, rootManifest, workspaceGlobs);
    if (!globs) continue;
    const members = memberDirs(files.root, dir, globs);
    if (dir !== packageDir && !members.includes(packageDir)) continue;
    const manifests = existing(files, [
      rootManifest,
      ...members.map((m) => posix.join(m, "package.json")).filter((m) => m !== rootManifest),
    ]);
    return {
      manifests,
      locks: existing(
        files,
        LOCKFILES.map((l) => posix.join(dir, l)),
      ),
    };
  }
  return {
    manifests: [manifest],
    locks: existing(
      files,
      LOCKFILES.map((l) => posix.join(packageDir, l)),
    ),
  };
}
