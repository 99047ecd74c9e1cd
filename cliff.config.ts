import { defineConfig } from "relnotes";

// relnotes releases itself: a single package tagged v1.2.3, changelog at CHANGELOG.md.
export default defineConfig({
  package: { changelog: "CHANGELOG.md", manifests: ["package.json", "package-lock.json"] },
  bump: { initialVersion: "0.1.0" },
  github: { owner: "relnotes", repo: "relnotes", release: "publish" },
});
