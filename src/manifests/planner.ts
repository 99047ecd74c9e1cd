import type { ResolvedService } from "../config/types.js";
import type { RepoSession } from "../session/session.js";
import type { FilePlanner, PlannedVersion } from "../files/planner.js";
import { serviceLabel } from "../config/label.js";
import { agree } from "../text/words.js";
import type { FileChange } from "../files/diff.js";
import type { WorkingFiles } from "../files/working-files.js";
import { cargoWorkspace, inheritedVersionRoot, releasedCrates } from "./cargo-workspace.js";
import { guarded, latestRelease, listedManifests, listedUpdater, missingManifest } from "./current.js";
import { npmWorkspace } from "./npm-workspace.js";
import { packageName } from "./package-json.js";
import { updaterForKind } from "./registry.js";
import { uvLockWarning, uvRelease } from "./uv-workspace.js";
import { lineColumn } from "../source-location.js";
import type { DeclaredVersion, ManifestUpdater } from "./types.js";
import type { Workspace } from "./workspace.js";

// Lockfiles follow the packages they lock; they have no version of their own to set.
const LOCK_KINDS = new Set(["cargo-lock", "package-lock"]);

interface Edit {
  updater: ManifestUpdater;
  version: string | null;
}

interface Reached {
  workspace: Workspace;
  manifestKind: string;
  lockKind: string;
}

/** Add the workspace files a release reaches, after the listed ones (listed files keep their own edit). */
function addWorkspaces(edits: Map<string, Edit>, reached: Reached[]): void {
  for (const { workspace, manifestKind } of reached) {
    for (const path of workspace.manifests)
      if (!edits.has(path)) edits.set(path, { updater: updaterForKind(manifestKind), version: null });
  }
  for (const { workspace, lockKind } of reached) {
    for (const path of workspace.locks)
      if (!edits.has(path)) edits.set(path, { updater: updaterForKind(lockKind, path), version: null });
  }
}

/** Warn when a manifest on disk disagrees with the service's latest tag (relnotes check makes it an error). */
function warnDisagreement(
  ctx: RepoSession,
  service: ResolvedService,
  path: string,
  text: string,
  declared: DeclaredVersion,
  latest: { version: string; tag: string },
  next: string,
): void {
  ctx.emit({
    type: "warning",
    message:
      `${serviceLabel(service.name)}: the manifest declares version ${declared.version}, but the latest release ` +
      `is ${latest.tag}; the release sets it to ${next}`,
    file: path,
    line: lineColumn(text, declared.offset).line,
  });
}

async function planEdits(
  ctx: RepoSession,
  service: ResolvedService,
  release: PlannedVersion,
  files: WorkingFiles,
): Promise<{ edits: Map<string, Edit>; released: Map<string, string> }> {
  const latest = await latestRelease(ctx, service);
  const edits = new Map<string, Edit>();
  const released = new Map<string, string>();
  const reached: Reached[] = [];
  for (const manifest of listedManifests(service)) {
    const updater = listedUpdater(service, manifest);
    const text = files.read(manifest.path);
    if (text === null) throw missingManifest(service, manifest.path);
    // A member crate inheriting its version is released by setting the workspace root's version.
    const root =
      updater.kind === "cargo-toml"
        ? guarded(service, manifest.path, text, () => inheritedVersionRoot(files, manifest.path))
        : null;
    const versionPath = root ?? manifest.path;
    const onDisk = files.readDisk(versionPath) ?? files.read(versionPath)!;
    const declared = guarded(service, versionPath, onDisk, () => updater.read(onDisk));
    if (declared && latest && declared.version !== latest.version)
      warnDisagreement(ctx, service, versionPath, onDisk, declared, latest, release.version);
    edits.set(manifest.path, {
      updater,
      version: LOCK_KINDS.has(updater.kind) || root !== null ? null : release.version,
    });
    if (root !== null) edits.set(root, { updater, version: release.version });
    if (updater.kind === "cargo-toml") {
      const workspace = guarded(service, manifest.path, text, () => cargoWorkspace(files, manifest.path));
      const crates = guarded(service, versionPath, onDisk, () =>
        releasedCrates(files, versionPath, workspace, release.version),
      );
      for (const [name, version] of crates.released) released.set(name, version);
      if (crates.inherited.length > 0) {
        ctx.emit({
          type: "info",
          message:
            `${serviceLabel(service.name)}: ${crates.inherited.join(", ")} ` +
            `${agree(crates.inherited.length, "inherits", "inherit")} the workspace version (version.workspace = true) ` +
            `and ${agree(crates.inherited.length, "is", "are")} released at ${release.version}`,
        });
      }
      reached.push({ workspace, manifestKind: "cargo-toml", lockKind: "cargo-lock" });
    } else if (updater.kind === "package-json") {
      const name = guarded(service, manifest.path, text, () => packageName(text));
      if (name !== null) released.set(name, release.version);
      reached.push({
        workspace: guarded(service, manifest.path, text, () => npmWorkspace(files, manifest.path)),
        manifestKind: "package-json",
        lockKind: "package-lock",
      });
    } else if (updater.kind === "pyproject-toml") {
      const uv = guarded(service, manifest.path, text, () => uvRelease(files, manifest.path));
      if (uv.name !== null) released.set(uv.name, release.version);
      if (uv.lock !== null) ctx.emit({ type: "warning", message: uvLockWarning(service.name, uv.lock), file: uv.lock });
      reached.push({ workspace: uv.workspace, manifestKind: "pyproject-toml", lockKind: "" });
    }
  }
  addWorkspaces(edits, reached);
  return { edits, released };
}

/**
 * Plans the version edits of every manifest a service lists, plus what a
 * careful human would also touch: dependents' requirements across the
 * Cargo or npm workspace and the workspace lockfiles. Reads and writes
 * only through `files`; an error leaves nothing planned for the release.
 */
export const planManifests: FilePlanner = async (ctx, service, release, _context, files) => {
  if (service.manifests.length === 0) return [];
  const { edits, released } = await planEdits(ctx, service, release, files);
  // Compute every edit before recording any, so a failure leaves the overlay untouched.
  const results: [string, string][] = [];
  // With dependents: "out-of-range", a requirement that still admits the new version stays as written (its service is not released).
  const onlyOutOfRange = ctx.config.dependents === "out-of-range";
  for (const [path, edit] of edits) {
    const text = files.read(path)!;
    results.push([
      path,
      guarded(service, path, text, () =>
        edit.updater.update(text, { version: edit.version, released, onlyOutOfRange }),
      ),
    ]);
  }
  const changes: FileChange[] = [];
  for (const [path, after] of results) {
    const change = files.write(path, after);
    if (change) changes.push(change);
  }
  return changes;
};
