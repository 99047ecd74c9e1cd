import { posix } from "node:path";
import type { WorkingFiles } from "../files/working-files.js";
import { crateFacts, type CrateFacts } from "./cargo-toml.js";
import { memberDirs } from "./globs.js";
import { ancestors, existing, readFacts, type Workspace } from "./workspace.js";

const facts = (files: WorkingFiles, path: string): CrateFacts | null => readFacts(files, path, crateFacts);

/** The Cargo workspace a Cargo.toml belongs to (its root found upwards, members from `[workspace] members` globs); a lone crate is its own. */
export function cargoWorkspace(files: WorkingFiles, manifest: string): Workspace {
  const crateDir = posix.dirname(manifest);
  for (const dir of ancestors(crateDir)) {
    const rootManifest = posix.join(dir, "Cargo.toml");
    const ws = facts(files, rootManifest)?.workspace;
    if (!ws) continue;
    const members = memberDirs(files.root, dir, ws.members, ws.exclude);
    if (dir !== crateDir && !members.includes(crateDir)) continue;
    const manifests = [
      rootManifest,
      ...existing(
        files,
        members.map((m) => posix.join(m, "Cargo.toml")).filter((m) => m !== rootManifest),
      ),
    ];
    return { manifests, locks: existing(files, [posix.join(dir, "Cargo.lock")]) };
  }
  return { manifests: [manifest], locks: existing(files, [posix.join(crateDir, "Cargo.lock")]) };
}

/**
 * Crates a listed Cargo.toml releases at `version`: its own `[package]`, and
 * when it sets `[workspace.package] version`, every crate inheriting it
 * (`version.workspace = true`). `inherited` lists the latter for the report.
 */
export function releasedCrates(
  files: WorkingFiles,
  manifest: string,
  workspace: Workspace,
  version: string,
): { released: Map<string, string>; inherited: string[] } {
  const released = new Map<string, string>();
  const inherited: string[] = [];
  const own = facts(files, manifest);
  if (own?.name && !own.inheritsVersion) released.set(own.name, version);
  if (own?.workspace?.packageVersion) {
    for (const path of workspace.manifests) {
      const crate = facts(files, path);
      if (crate?.name && crate.inheritsVersion) {
        released.set(crate.name, version);
        inherited.push(crate.name);
      }
    }
  }
  return { released, inherited };
}

/**
 * For a member Cargo.toml that inherits its version (`version.workspace = true`),
 * the workspace root Cargo.toml that declares it (`[workspace.package] version`);
 * null for any other file (which declares its own version, or fails to when read).
 */
export function inheritedVersionRoot(files: WorkingFiles, manifest: string): string | null {
  if (!facts(files, manifest)?.inheritsVersion) return null;
  const root = cargoWorkspace(files, manifest).manifests[0]!;
  return root !== manifest && facts(files, root)?.workspace?.packageVersion ? root : null;
}
