import { posix } from "node:path";
import type { ResolvedManifest } from "../config/types.js";
import { cargoLock } from "./cargo-lock.js";
import { cargoToml } from "./cargo-toml.js";
import { chartYaml } from "./chart-yaml.js";
import { packageJson } from "./package-json.js";
import { packageLock } from "./package-lock.js";
import { patternFile } from "./pattern.js";
import { pnpmLock } from "./pnpm-lock.js";
import { pyprojectToml } from "./pyproject-toml.js";
import type { ManifestUpdater } from "./types.js";
import { versionFile } from "./version-file.js";
import { yarnLock } from "./yarn-lock.js";

/** Updater factories by kind name (the `kind` users write in config). */
const KINDS: Record<string, (m: ResolvedManifest) => ManifestUpdater> = {
  "cargo-toml": () => cargoToml,
  "cargo-lock": () => cargoLock,
  "package-json": () => packageJson,
  "package-lock": () => packageLock,
  "pnpm-lock": () => pnpmLock,
  "yarn-lock": () => yarnLock,
  "pyproject-toml": () => pyprojectToml,
  "chart-yaml": (m) => chartYaml(m.fields),
  "version-file": () => versionFile,
  pattern: (m) => patternFile(m.pattern ?? ""),
};

/** The kind a file name implies when the config names none. */
const BY_FILE_NAME: Record<string, string> = {
  "Cargo.toml": "cargo-toml",
  "Cargo.lock": "cargo-lock",
  "package.json": "package-json",
  "package-lock.json": "package-lock",
  "npm-shrinkwrap.json": "package-lock",
  "pnpm-lock.yaml": "pnpm-lock",
  "yarn.lock": "yarn-lock",
  "pyproject.toml": "pyproject-toml",
  "Chart.yaml": "chart-yaml",
  VERSION: "version-file",
};

export const MANIFEST_KINDS = Object.keys(KINDS);

/** The kind of a manifest entry, or an explanation of why there is none. */
export function manifestKind(manifest: ResolvedManifest): { kind: string } | { problem: string } {
  const kind = manifest.kind ?? BY_FILE_NAME[posix.basename(manifest.path)];
  if (kind === undefined)
    return {
      problem:
        `cannot tell the manifest kind from the file name; expected a "kind" (${MANIFEST_KINDS.join(", ")}) or a ` +
        `"pattern"`,
    };
  if (!(kind in KINDS))
    return { problem: `unknown manifest kind "${kind}"; expected one of ${MANIFEST_KINDS.join(", ")}` };
  if (kind === "pattern" && manifest.pattern === null)
    return { problem: 'kind "pattern" needs a "pattern" with a (?<version>…) group' };
  return { kind };
}

/** The updater of a manifest entry; null with a problem when the entry names no usable kind. */
export function updaterFor(manifest: ResolvedManifest): ManifestUpdater | { problem: string } {
  const k = manifestKind(manifest);
  return "kind" in k ? KINDS[k.kind]!(manifest) : k;
}

/** The updater for a file found by workspace discovery (not listed in config): its file name's kind, else `kind`. */
export function updaterForKind(kind: string, path = ""): ManifestUpdater {
  const named = BY_FILE_NAME[posix.basename(path)] ?? kind;
  return KINDS[named]!({ path, kind: named, pattern: null, fields: null });
}
