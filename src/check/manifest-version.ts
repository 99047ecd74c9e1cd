import { inheritedVersionRoot } from "../manifests/cargo-workspace.js";
import { guarded, latestRelease, listedManifests, listedUpdater, missingManifest } from "../manifests/current.js";
import { lineColumn } from "../source-location.js";
import { serviceLabel } from "../config/label.js";
import { WorkingFiles } from "../files/working-files.js";
import { RelnotesError } from "../errors.js";
import type { Checker, Problem } from "./types.js";

/**
 * Every listed manifest declares the version of its service's latest tag
 * (`manifest-version`); one that cannot be read is a `manifest-invalid` problem.
 */
export const checkManifestVersions: Checker = async (ctx) => {
  const files = new WorkingFiles(ctx.git.cwd);
  const problems: Problem[] = [];
  for (const service of ctx.config.services) {
    if (service.manifests.length === 0) continue;
    const latest = await latestRelease(ctx, service);
    for (const manifest of listedManifests(service)) {
      try {
        const updater = listedUpdater(service, manifest);
        const listed = files.readDisk(manifest.path);
        if (listed === null) throw missingManifest(service, manifest.path);
        // A member crate inheriting its version declares it through the workspace root.
        const root =
          updater.kind === "cargo-toml"
            ? guarded(service, manifest.path, listed, () => inheritedVersionRoot(files, manifest.path))
            : null;
        const path = root ?? manifest.path;
        const text = root === null ? listed : files.readDisk(root)!;
        const declared = guarded(service, path, text, () => updater.read(text));
        if (declared === null || latest === null || declared.version === latest.version) continue;
        problems.push({
          code: "manifest-version",
          message:
            `${serviceLabel(service.name)}: ${path} declares version ${declared.version}, but the latest release ` +
            `is ${latest.tag}; set it to ${latest.version}`,
          file: path,
          line: lineColumn(text, declared.offset).line,
        });
      } catch (e) {
        if (!(e instanceof RelnotesError)) throw e;
        problems.push({ code: "manifest-invalid", message: e.message, file: manifest.path });
      }
    }
  }
  return problems;
};
