import { posix } from "node:path";
import type { ResolvedManifest, ResolvedService } from "../config/types.js";
import { RelnotesError } from "../errors.js";
import type { RepoSession } from "../session/session.js";
import { serviceLabel } from "../config/label.js";
import { assertCompleteSince, headReleases } from "../history/current-version.js";
import { updaterFor } from "./registry.js";
import { lineColumn } from "../source-location.js";
import { ManifestError, ManifestFileError, type ManifestUpdater } from "./types.js";

/** The service's latest release reachable from HEAD (what its manifests should declare); stops in a too-shallow clone. */
export async function latestRelease(
  ctx: RepoSession,
  service: ResolvedService,
): Promise<{ version: string; tag: string } | null> {
  const { latest } = await headReleases(ctx, service);
  await assertCompleteSince(ctx, service, latest);
  return latest && { version: latest.version, tag: latest.ref.name };
}

/** The RelnotesError for bad input in a manifest: service, file, line:column, what was expected. */
export function manifestError(
  service: ResolvedService,
  path: string,
  text: string | null,
  error: ManifestError,
): RelnotesError {
  const at = text === null ? "" : (({ line, column }) => `:${line}:${column}`)(lineColumn(text, error.offset));
  return new RelnotesError(
    `${serviceLabel(service.name)}: ${path}${at}: ${error.message}`,
    `fix ${path}, or the manifests listed for ${serviceLabel(service.name)} in the relnotes config; nothing ` +
      "was written",
  );
}

/** Run `work` on a manifest's text, reporting a ManifestError (in it or in a file it led to) as a RelnotesError. */
export function guarded<T>(service: ResolvedService, path: string, text: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ManifestError) throw manifestError(service, path, text, e);
    if (e instanceof ManifestFileError) throw manifestError(service, e.path, e.text, e.error);
    throw e;
  }
}

/** A service's manifests with repository-relative paths as the plan names files (`./a/b` and `a//b` become `a/b`). */
export function listedManifests(service: ResolvedService): ResolvedManifest[] {
  return service.manifests.map((m) => ({ ...m, path: posix.normalize(m.path) }));
}

/** The updater of a listed manifest, or a RelnotesError that says which kinds exist. */
export function listedUpdater(service: ResolvedService, manifest: ResolvedManifest): ManifestUpdater {
  const updater = updaterFor(manifest);
  if ("problem" in updater) {
    throw new RelnotesError(
      `${serviceLabel(service.name)}: ${manifest.path}: ${updater.problem}`,
      `set { path: "${manifest.path}", kind: "…" } in the service's manifests`,
    );
  }
  return updater;
}

export function missingManifest(service: ResolvedService, path: string): RelnotesError {
  return new RelnotesError(
    `${serviceLabel(service.name)}: ${path}: listed in manifests but does not exist; expected a manifest file ` +
      "at that path (relative to the repository root)",
    `create it, or fix the path in the manifests listed for ${serviceLabel(service.name)} in the relnotes ` +
      "config; nothing was written",
  );
}
