import { spawnSync } from "node:child_process";
import { afterAll, expect, test } from "vitest";
import { silent } from "../../src/events.js";
import { sidesOfPatch, streamFileHistory } from "../../src/git/file-history.js";
import { Git } from "../../src/git/run.js";
import { changedWorkspaceDependencies } from "../../src/history/cargo-shared.js";
import { planRelease } from "../../src/release/planners.js";
import { planToJson } from "../../src/plan/json.js";
import { openRenderSession } from "../../src/render/render.js";
import { cleanupTemp, repo } from "../helpers/repo.js";

afterAll(cleanupTemp);

const root = (serde: string, anyhow: string, profile = "1") =>
  '[workspace]\nresolver = "2"\nmembers = ["crates/*"]\n\n[workspace.dependencies]\n' +
  `serde = { version = "${serde}", features = ["derive"] }\nanyhow = "${anyhow}"\n\n[profile.release]\nopt-level = ${profile}\n`;
const CORE =
  '[package]\nname = "core"\nversion = "1.2.0"\nedition = "2021"\n\n[dependencies]\nserde.workspace = true\n';
const UTIL =
  '[package]\nname = "util"\nversion = "2.0.0"\nedition = "2021"\n\n[dev-dependencies]\nanyhow = { workspace = true }\n';

function sharedRepo() {
  const config = {
    services: {
      core: { paths: ["crates/core/"], changelog: false, manifests: ["crates/core/Cargo.toml"] },
      util: { paths: ["crates/util"], changelog: false, manifests: ["crates/util/Cargo.toml"] },
    },
  };
  return repo({
    files: {
      "cliff.config.json": JSON.stringify(config),
      "Cargo.toml": root("1.0", "1.0"),
      "crates/core/Cargo.toml": CORE,
      "crates/core/src/lib.rs": "\n",
      "crates/util/Cargo.toml": UTIL,
      "crates/util/src/lib.rs": "\n",
    },
    commits: [
      { message: "chore: initial import", files: {}, tags: ["core/v1.2.0", "util/v2.0.0"] },
      { message: "fix(deps): serde 1.0.200", files: { "Cargo.toml": root("1.0.200", "1.0") } },
      { message: "perf: release profile at opt-level 3", files: { "Cargo.toml": root("1.0.200", "1.0", "3") } },
      { message: "feat(deps)!: anyhow 2", files: { "Cargo.toml": root("1.0.200", "2") } },
      {
        message: "feat(core): own work and the profile back",
        files: { "Cargo.toml": root("1.0.200", "2", "2"), "crates/core/src/lib.rs": "pub fn f() {}\n" },
      },
    ],
  });
}

test("a [workspace.dependencies] change counts for the members that inherit that entry, and says why; other root changes do not", async () => {
  const r = sharedRepo();
  const ctx = await openRenderSession(r.dir, { emit: silent, env: process.env });
  const plan = planToJson(await planRelease(ctx, { services: [], versions: new Map() })) as {
    releases: { service: string; version: string; commits: { sha: string; subject: string; counted?: string }[] }[];
  };
  const summary = plan.releases.map((x) => [
    x.service,
    x.version,
    x.commits.map((c) => [c.subject, c.counted ?? null]),
  ]);
  expect(summary).toEqual([
    [
      "core",
      "1.3.0",
      [
        ["own work and the profile back", null],
        ["serde 1.0.200", "counted: Cargo.toml [workspace.dependencies] serde changed"],
      ],
    ],
    ["util", "3.0.0", [["anyhow 2", "counted: Cargo.toml [workspace.dependencies] anyhow changed"]]],
  ]);
  // The inherited requirement is what cargo resolves: the fixture is a workspace cargo reads.
  const cargo = spawnSync("cargo", ["metadata", "--offline", "--no-deps", "--format-version", "1"], {
    cwd: r.dir,
    encoding: "utf8",
  });
  if (cargo.error === undefined) expect(cargo.status, cargo.stderr).toBe(0);
});

test("one git log -p over the range gives every revision of the root, both sides rebuilt byte for byte", async () => {
  const r = sharedRepo();
  const seen: [string, string[] | null][] = [];
  await streamFileHistory(
    new Git(r.dir),
    { revisions: ["HEAD"], path: "Cargo.toml", noMerges: true },
    ({ commit, before, after }) => {
      seen.push([commit.message.split("\n")[0]!, changedWorkspaceDependencies(before, after)]);
      expect(after).toBe(r.git("show", `${commit.sha}:Cargo.toml`));
      if (commit.parents.length > 0) expect(before).toBe(r.git("show", `${commit.parents[0]}:Cargo.toml`));
    },
  );
  expect(seen).toEqual([
    ["feat(core): own work and the profile back", []],
    ["feat(deps)!: anyhow 2", ["anyhow"]],
    ["perf: release profile at opt-level 3", []],
    ["fix(deps): serde 1.0.200", ["serde"]],
    ["chore: initial import", ["anyhow", "serde"]],
  ]);
});

test("patch sides: created, deleted, and a last line without a newline", () => {
  const created = "diff --git a/x b/x\nnew file mode 100644\n--- /dev/null\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n";
  expect(sidesOfPatch(created)).toEqual({ before: null, after: "a\nb\n", binary: false });
  const deleted = "--- a/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n";
  expect(sidesOfPatch(deleted)).toEqual({ before: "a\n", after: null, binary: false });
  const eof = "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n";
  expect(sidesOfPatch(eof)).toEqual({ before: "a\nb", after: "a\nb\n", binary: false });
  expect(sidesOfPatch("")).toEqual({ before: null, after: null, binary: false });
});

test("an unreadable root counts as every entry changed; a renamed key is a change of both", () => {
  expect(changedWorkspaceDependencies('[workspace.dependencies]\nserde = "1"\n', "[workspace\n")).toBeNull();
  expect(
    changedWorkspaceDependencies('[workspace.dependencies]\na = "1"\n', '[workspace.dependencies]\nb = "1"\n'),
  ).toEqual(["a", "b"]);
  expect(
    changedWorkspaceDependencies(
      '[workspace.dependencies]\na = { version = "1", features = ["x"] }\n',
      '[workspace.dependencies.a]\nfeatures = ["x"]\nversion = "1"\n',
    ),
  ).toEqual([]);
});

test("a path listed under two services counts for both (what docs/monorepo.md promises for shared directories)", async () => {
  const config = {
    services: {
      api: { paths: ["api/", "proto/"], changelog: false },
      web: { paths: ["web/", "proto/"], changelog: false },
    },
  };
  const r = repo({
    files: { "cliff.config.json": JSON.stringify(config), "api/a": "\n", "web/w": "\n", "proto/p": "\n" },
    commits: [
      { message: "chore: initial import", files: {}, tags: ["api/v1.0.0", "web/v1.0.0"] },
      { message: "feat: add a field", files: { "proto/p": "field\n" } },
      { message: "fix: api only", files: { "api/a": "x\n" } },
    ],
  });
  const plan = await planRelease(await openRenderSession(r.dir, { emit: silent, env: process.env }), {
    services: [],
    versions: new Map(),
  });
  expect(plan.releases.map((x) => [x.service, x.version, x.commits.length])).toEqual([
    ["api", "1.1.0", 2],
    ["web", "1.1.0", 1],
  ]);
});
