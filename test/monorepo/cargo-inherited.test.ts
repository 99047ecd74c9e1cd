import { spawnSync } from "node:child_process";
import { afterAll, expect, test } from "vitest";
import { silent } from "../../src/events.js";
import { buildPlan } from "../../src/plan/build.js";
import { openPlanContext } from "../../src/plan/open.js";
import { cleanupTemp, repo, writeFiles, type TestRepo } from "../helpers/repo.js";

afterAll(cleanupTemp);

const ROOT = '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n\n[workspace.package]\nversion = "1.4.0" # set by relnotes\nedition = "2021"\n';
const APP = '[package]\nname = "acme-app"\nversion.workspace = true\nedition.workspace = true\n\n[dependencies]\nacme-lib = { path = "../lib", version = "0.3" }\n';
const LIB = '[package]\nname = "acme-lib"\nversion = "0.3.2"\nedition = "2021"\n';

function workspaceRepo(): TestRepo {
  const config = {
    services: {
      app: { paths: ["crates/app/"], changelog: false, manifests: ["crates/app/Cargo.toml"] },
      lib: { paths: ["crates/lib/"], changelog: false, manifests: ["crates/lib/Cargo.toml"] },
    },
  };
  return repo({
    files: { "cliff.config.json": JSON.stringify(config), "Cargo.toml": ROOT, "crates/app/Cargo.toml": APP, "crates/app/src/lib.rs": "\n", "crates/lib/Cargo.toml": LIB, "crates/lib/src/lib.rs": "\n" },
    commits: [
      { message: "chore: initial import", files: {}, tags: ["app/v1.4.0", "lib/v0.3.2"] },
      { message: "feat(lib): retries", files: { "crates/lib/src/lib.rs": "pub fn retry() {}\n" } },
      { message: "fix(app): exit code", files: { "crates/app/src/lib.rs": "pub fn main() {}\n" } },
    ],
  });
}

test("a member Cargo.toml with an inherited version, listed by hand, sets the root's version and its requirements keep their precision", async () => {
  const r = workspaceRepo();
  const ctx = await openPlanContext(r.dir, silent);
  const plan = await buildPlan(ctx, { services: ["app", "lib"], versions: new Map() });
  expect(plan.releases.map((x) => [x.service, x.version])).toEqual([["app", "1.4.1"], ["lib", "0.4.0"]]);
  const files = Object.fromEntries(plan.files.finalFiles().map((f) => [f.path, f.after]));
  expect(files).toEqual({
    "Cargo.toml": ROOT.replace('"1.4.0"', '"1.4.1"'),
    "crates/app/Cargo.toml": APP.replace('version = "0.3"', 'version = "0.4"'),
    "crates/lib/Cargo.toml": LIB.replace('"0.3.2"', '"0.4.0"'),
  });
  writeFiles(r.dir, files);
  const cargo = spawnSync("cargo", ["metadata", "--offline", "--no-deps", "--format-version", "1"], { cwd: r.dir, encoding: "utf8" });
  expect(cargo.status, cargo.stderr).toBe(0);
  const versions = (JSON.parse(cargo.stdout) as { packages: { name: string; version: string }[] }).packages.map((p) => [p.name, p.version]).sort();
  expect(versions).toEqual([["acme-app", "1.4.1"], ["acme-lib", "0.4.0"]]);
});
