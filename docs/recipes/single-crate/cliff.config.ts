import { defineConfig } from "relnotes";

// One Rust crate, tagged vX.Y.Z. `relnotes bump --auto` does what
// `cog bump --auto && git-cliff -o CHANGELOG.md && gh release create && cargo release version` did.
export default defineConfig({
  package: {
    changelog: "CHANGELOG.md",
    // Cargo.lock follows Cargo.toml (its entry for the crate is updated too).
    manifests: ["Cargo.toml"],
  },
  // The GitHub release is created by the local release, published (not a draft).
  github: { release: "publish", owner: "acme", repo: "gateway" },
  // The tag workflow publishes X.Y.Z, X.Y, X (from 1.0.0), latest and sha-<short>.
  distribution: { tags: "semver-aliases" },
});
