import { defineConfig } from "relnotes";

// Strict SemVer, GPG-signed stable tags vX.Y.Z (release candidates need not be
// signed), hotfix branches cut from the last stable tag, and the full image
// tag matrix: X.Y.Z, X.Y, X, latest for stable releases; X.Y.Z-rc.N for
// candidates; sha-<short> always; edge and nightly-YYYY-MM-DD for main.
export default defineConfig({
  package: { changelog: "CHANGELOG.md", manifests: ["Cargo.toml"], image: "ghcr.io/acme/share-backend" },
  tag: {
    // Only annotated tags are releases: a lightweight tag is ignored by every command and refused by verify-tag.
    annotated: "required",
    sign: { stable: "gpg", prerelease: false },
    message: "{{#if prerelease}}Release candidate {{version}}{{else}}Release v{{version}}{{/if}}",
  },
  // A hotfix is released from hotfix/<anything>, which must be on origin.
  branches: { stable: ["main", "hotfix/*"] },
  // Below 1.0.0 a breaking change bumps the minor.
  bump: { zeroMajor: "minor-for-breaking" },
  github: { release: "publish" },
  distribution: { tags: "semver-aliases" },
});
