import { defineConfig } from "relnotes";

// Publish, then promote: a release tag publishes versioned images and a draft
// GitHub release; after inspection, promote publishes the release and only
// then moves `latest`.
export default defineConfig({
  package: { changelog: "CHANGELOG.md", manifests: ["package.json"], image: "ghcr.io/acme/relay" },
  github: {
    release: "draft",
    // promote refuses a draft without these attached (and with TBD in its notes or changelog heading).
    requiredAssets: ["relay-{version}.spdx.json", "relay-{version}.intoto.jsonl"],
  },
  // X.Y.Z, X.Y, X and sha-<short> at publish; latest waits for promote.
  distribution: { tags: "semver-aliases", promote: ["latest"] },
});
