import { describe, expect, it } from "vitest";
import { pnpmLock, withoutResolutions } from "../../src/manifests/pnpm-lock.js";
import type { ManifestChange } from "../../src/manifests/types.js";

/** A v9 lockfile of two workspace projects; the resolution sections come after the importers, as pnpm writes them. */
const LOCK = [
  "lockfileVersion: '9.0'",
  "",
  "settings:",
  "  autoInstallPeers: true",
  "",
  "importers:",
  "",
  "  .: {}",
  "",
  "  packages/app:",
  "    dependencies:",
  "      '@acme/lib':",
  "        specifier: workspace:^1.2.0",
  "        version: link:../lib",
  "",
  "packages:",
  "",
  "  '@acme/lib@1.2.0':",
  "    resolution: {integrity: sha512-AAAA}",
  "    # importers: not a section, a comment inside one",
  "",
  "snapshots:",
  "",
  "  left-pad@1.3.0: {}",
  "",
].join("\r\n");

const change = (released: Record<string, string>): ManifestChange =>
  ({ version: "0.0.0", released: new Map(Object.entries(released)) }) as unknown as ManifestChange;

describe("pnpm-lock.yaml read without its resolutions", () => {
  it("blanks packages: and snapshots: byte for byte, keeping every offset and the importers", () => {
    const lean = withoutResolutions(LOCK);
    expect(lean.length).toBe(LOCK.length);
    expect(lean.split("\n").length).toBe(LOCK.split("\n").length);
    const importers = LOCK.slice(0, LOCK.indexOf("packages:"));
    expect(lean.startsWith(importers)).toBe(true);
    expect(lean.slice(importers.length).trim()).toBe("");
  });

  it("still moves an importer's specifier, and only its bytes", () => {
    const after = pnpmLock.update(LOCK, change({ "@acme/lib": "2.0.0" }));
    expect(after).toBe(LOCK.replace("workspace:^1.2.0", "workspace:^2.0.0"));
  });
});
