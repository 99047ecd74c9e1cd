import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { releasedRepo } from "../bump/setup.js";
import { json } from "../helpers/cli.js";
import { silent } from "../../src/events.js";
import { planRelease } from "../../src/release/planners.js";
import { openRenderSession } from "../../src/render/render.js";
import { cleanupTemp, repo, tempDir, writeFiles, type TestRepo } from "../helpers/repo.js";

afterAll(cleanupTemp);

const ROOT =
  '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n\n[workspace.package]\nversion = "1.4.0" # set by relnotes\nedition = "2021"\n';
const APP =
  '[package]\nname = "acme-app"\nversion.workspace = true\nedition.workspace = true\n\n[dependencies]\nacme-lib = { path = "../lib", version = "0.3" }\n';
const LIB = '[package]\nname = "acme-lib"\nversion = "0.3.2"\nedition = "2021"\n';

function workspaceRepo(): TestRepo {
  const config = {
    services: {
      app: { paths: ["crates/app/"], changelog: false, manifests: ["crates/app/Cargo.toml"] },
      lib: { paths: ["crates/lib/"], changelog: false, manifests: ["crates/lib/Cargo.toml"] },
    },
  };
  return repo({
    files: {
      "cliff.config.json": JSON.stringify(config),
      "Cargo.toml": ROOT,
      "crates/app/Cargo.toml": APP,
      "crates/app/src/lib.rs": "\n",
      "crates/lib/Cargo.toml": LIB,
      "crates/lib/src/lib.rs": "\n",
    },
    commits: [
      { message: "chore: initial import", files: {}, tags: ["app/v1.4.0", "lib/v0.3.2"] },
      { message: "feat(lib): retries", files: { "crates/lib/src/lib.rs": "pub fn retry() {}\n" } },
      { message: "fix(app): exit code", files: { "crates/app/src/lib.rs": "pub fn main() {}\n" } },
    ],
  });
}

test("a member Cargo.toml with an inherited version, listed by hand, sets the root's version and its requirements keep their precision", async () => {
  const r = workspaceRepo();
  const ctx = await openRenderSession(r.dir, { emit: silent, env: process.env });
  const plan = await planRelease(ctx, { services: ["app", "lib"], versions: new Map() });
  expect(plan.releases.map((x) => [x.service, x.version])).toEqual([
    ["lib", "0.4.0"],
    ["app", "1.4.1"],
  ]);
  const files = Object.fromEntries(plan.files.map((f) => [f.path, f.after]));
  expect(files).toEqual({
    "Cargo.toml": ROOT.replace('"1.4.0"', '"1.4.1"'),
    "crates/app/Cargo.toml": APP.replace('version = "0.3"', 'version = "0.4"'),
    "crates/lib/Cargo.toml": LIB.replace('"0.3.2"', '"0.4.0"'),
  });
  writeFiles(r.dir, files);
  const cargo = spawnSync("cargo", ["metadata", "--offline", "--no-deps", "--format-version", "1"], {
    cwd: r.dir,
    encoding: "utf8",
  });
  expect(cargo.status, cargo.stderr).toBe(0);
  const versions = (JSON.parse(cargo.stdout) as { packages: { name: string; version: string }[] }).packages
    .map((p) => [p.name, p.version])
    .sort();
  expect(versions).toEqual([
    ["acme-app", "1.4.1"],
    ["acme-lib", "0.4.0"],
  ]);
});

const SHARED_ROOT =
  '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n\n[workspace.package]\nversion = "0.5.0"\nedition = "2021"\n';
const member = (name: string, deps = "") =>
  `[package]\nname = "${name}"\nversion.workspace = true\nedition.workspace = true\n${deps}`;

test("two crates sharing [workspace.package] version are a fixed group: one version, tags on one commit, and check agrees", async () => {
  const config = {
    services: {
      core: { paths: ["crates/core/"], changelog: false, manifests: ["crates/core/Cargo.toml"] },
      util: { paths: ["crates/util/"], changelog: false, manifests: ["crates/util/Cargo.toml"] },
    },
    github: { release: false },
  };
  const { work: r, run } = releasedRepo({
    files: {
      "cliff.config.json": JSON.stringify(config),
      "Cargo.toml": SHARED_ROOT,
      "crates/core/Cargo.toml": member("core"),
      "crates/core/src/lib.rs": "\n",
      "crates/util/Cargo.toml": member("util"),
      "crates/util/src/lib.rs": "\n",
    },
    commits: [
      { message: "chore: initial import", files: {}, tags: ["core/v0.5.0", "util/v0.5.0"] },
      { message: "fix(core): overflow", files: { "crates/core/src/lib.rs": "pub fn core() {}\n" } },
      { message: "feat(util): retries", files: { "crates/util/src/lib.rs": "pub fn util() {}\n" } },
    ],
  });
  const plan = json<{ releases: { service: string; version: string; releasedFor: string[] }[] }>(
    run(["preview", "--json"]),
  );
  expect(plan.releases.map((x) => [x.service, x.version])).toEqual([
    ["core", "0.6.0"],
    ["util", "0.6.0"],
  ]);
  expect(plan.releases[0]!.releasedFor).toEqual(["shares [workspace.package] version in Cargo.toml with core, util"]);
  expect(run(["preview"]).stderr + run(["preview"]).stdout).toContain(
    "share the [workspace.package] version of Cargo.toml",
  );
  const bump = run(["bump", "--yes"]);
  expect(bump.code, bump.stderr).toBe(0);
  expect(r.git("tag", "--points-at", "HEAD").split("\n").filter(Boolean).sort()).toEqual([
    "core/v0.6.0",
    "util/v0.6.0",
  ]);
  expect(readFileSync(join(r.dir, "Cargo.toml"), "utf8")).toBe(SHARED_ROOT.replace("0.5.0", "0.6.0"));
  const check = run(["check"]);
  expect(check.code, check.stdout + check.stderr).toBe(0);
});

test("a Cargo chain app → core → lib: a breaking lib releases core and app (patch) in order, and cargo accepts the lockfile", async () => {
  const own = (name: string, version: string, deps = "") =>
    `[package]\nname = "${name}"\nversion = "${version}"\nedition = "2021"\n${deps}`;
  const files: Record<string, string> = {
    "Cargo.toml": '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n',
    "crates/lib/Cargo.toml": own("acme-lib", "1.2.0"),
    "crates/core/Cargo.toml": own(
      "acme-core",
      "0.4.0",
      '\n[dependencies]\nacme-lib = { path = "../lib", version = "1.2" }\n',
    ),
    "crates/app/Cargo.toml": own(
      "acme-app",
      "3.0.0",
      '\n[dependencies]\nacme-core = { path = "../core", version = "~0.4.0" }\n',
    ),
  };
  for (const n of ["lib", "core", "app"]) files[`crates/${n}/src/lib.rs`] = "\n";
  const scratch = tempDir("relnotes-cargo-");
  writeFiles(scratch, files);
  const lock = spawnSync("cargo", ["generate-lockfile", "--offline"], { cwd: scratch, encoding: "utf8" });
  expect(lock.status, lock.stderr).toBe(0);
  files["Cargo.lock"] = readFileSync(join(scratch, "Cargo.lock"), "utf8");
  const service = (n: string) => ({
    paths: [`crates/${n}/`],
    changelog: `crates/${n}/CHANGELOG.md`,
    manifests: [`crates/${n}/Cargo.toml`, "Cargo.lock"],
  });
  files["cliff.config.json"] = JSON.stringify({
    services: { app: service("app"), core: service("core"), lib: service("lib") },
  });
  const r = repo({
    files,
    commits: [
      { message: "chore: initial import", files: {}, tags: ["lib/v1.2.0", "core/v0.4.0", "app/v3.0.0"] },
      { message: "feat(lib)!: new error type", files: { "crates/lib/src/lib.rs": "pub struct Error;\n" } },
    ],
  });
  const ctx = await openRenderSession(r.dir, { emit: silent, env: process.env });
  const plan = await planRelease(ctx, { services: [], versions: new Map() });
  expect(plan.releases.map((x) => [x.service, x.version, x.bump, x.reason])).toEqual([
    ["lib", "2.0.0", "major", "major: 1 breaking, 1 feat"],
    ["core", "0.4.1", "patch", "patch; depends on lib 2.0.0"],
    ["app", "3.0.1", "patch", "patch; depends on core 0.4.1"],
  ]);
  const planned = Object.fromEntries(plan.files.map((f) => [f.path, f.after]));
  expect(planned["crates/core/Cargo.toml"]).toContain('acme-lib = { path = "../lib", version = "2.0" }');
  expect(planned["crates/app/Cargo.toml"]).toContain('acme-core = { path = "../core", version = "~0.4.1" }');
  expect(planned["crates/app/CHANGELOG.md"]).toMatch(
    /## \[3\.0\.1\] - \d{4}-\d\d-\d\d\n\n### Dependencies\n\n- core 0\.4\.1\n/,
  );
  writeFiles(r.dir, planned);
  const cargo = spawnSync("cargo", ["metadata", "--locked", "--offline", "--format-version", "1"], {
    cwd: r.dir,
    encoding: "utf8",
  });
  expect(cargo.status, cargo.stderr).toBe(0);
});
