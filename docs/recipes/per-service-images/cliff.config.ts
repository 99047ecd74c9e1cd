import { defineConfig } from "relnotes";

// A monorepo of services, each released on its own: tag <service>/vX.Y.Z from main,
// one container image per service (ghcr.io/acme/<service>:vX.Y.Z), never a moving alias.
export default defineConfig({
  services: {
    api: { paths: ["svc/api/", "pkg/"], image: "ghcr.io/acme/api" },
    frontline: { paths: ["svc/frontline/", "pkg/"], image: "ghcr.io/acme/frontline" },
    vault: { paths: ["svc/vault/", "pkg/"], image: "ghcr.io/acme/vault" },
    // Shipped as an npm package by its own workflow: no image.
    cli: { paths: ["cmd/cli/"] },
  },
  tag: { format: "{service}/v{version}" },
  branches: { stable: ["main"], remote: "origin" },
  // Auto-numbered as a patch unless told otherwise (--bump minor, --auto).
  bump: { default: "patch" },
  // The tag workflow creates the GitHub release (relnotes release).
  github: { release: "publish" },
  // Immutable version tags only: vX.Y.Z, no latest, no X.Y.
  distribution: { tags: "immutable" },
});
