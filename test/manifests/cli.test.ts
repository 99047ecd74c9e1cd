import { afterAll, describe, expect, test } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, tempDir, type TestRepo } from "../helpers/repo.js";
import { readTree } from "./fixture-case.js";

afterAll(cleanupTemp);

interface PlanJson {
  releases: { service: string; version: string; files: { path: string; diff: string }[] }[];
}

/** A monorepo with the given manifests for `api` (tagged api/v1.2.0, one feat since) and an origin to push to. */
function apiRepo(files: Record<string, string>, manifests: unknown[], extra: Record<string, unknown> = {}): TestRepo {
  const config = { services: { api: { paths: ["svc/api/"], changelog: false, manifests }, ...extra } };
  const r = repo({
    files: { "cliff.config.json": `${JSON.stringify(config, null, 2)}\n`, ...files },
    commits: [
      { message: "chore: initial import", files: {}, tags: ["api/v1.2.0", "vault/v0.1.0"] },
      { message: "feat(api): key rotation (#12)", files: { "svc/api/keys.rs": "pub fn rotate() {}\n" } },
      { message: "fix(vault): seal race", files: { "svc/vault/seal.rs": "pub fn seal() {}\n" } },
    ],
  });
  const origin = tempDir("relnotes-origin-");
  gitIn(origin, ["init", "-q", "--bare"]);
  r.git("remote", "add", "origin", origin);
  r.git("push", "-q", "origin", "main", "--tags");
  return r;
}

const API_CARGO = '[package]\nname = "api"\nversion = "1.2.0" # released by relnotes\nedition = "2021"\n';

describe("preview shows manifest edits", () => {
  test("--json carries the unified diff of every manifest edit", () => {
    const lock = 'version = 4\n\n[[package]]\nname = "api"\nversion = "1.2.0"\n';
    const r = apiRepo({ "svc/api/Cargo.toml": API_CARGO, "svc/api/Cargo.lock": lock, "svc/api/VERSION": "1.2.0\n" }, [
      "svc/api/Cargo.toml",
      "svc/api/VERSION",
    ]);
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "api", "--json"]));
    expect(plan.releases.map((x) => [x.service, x.version])).toEqual([["api", "1.3.0"]]);
    expect(plan.releases[0]!.files).toEqual([
      {
        path: "svc/api/Cargo.toml",
        diff: '--- a/svc/api/Cargo.toml\n+++ b/svc/api/Cargo.toml\n@@ -1,4 +1,4 @@\n [package]\n name = "api"\n-version = "1.2.0" # released by relnotes\n+version = "1.3.0" # released by relnotes\n edition = "2021"\n',
      },
      {
        path: "svc/api/VERSION",
        diff: "--- a/svc/api/VERSION\n+++ b/svc/api/VERSION\n@@ -1,1 +1,1 @@\n-1.2.0\n+1.3.0\n",
      },
      {
        path: "svc/api/Cargo.lock",
        diff: '--- a/svc/api/Cargo.lock\n+++ b/svc/api/Cargo.lock\n@@ -2,4 +2,4 @@\n \n [[package]]\n name = "api"\n-version = "1.2.0"\n+version = "1.3.0"\n',
      },
    ]);
  });

  test("--diff shows the same edit to people", () => {
    const r = apiRepo({ "svc/api/Cargo.toml": API_CARGO }, ["svc/api/Cargo.toml"]);
    const out = relnotes(r.dir, ["preview", "api", "--diff", "--no-notes"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("  update svc/api/Cargo.toml:\n");
    expect(out.stdout).toContain('    +version = "1.3.0" # released by relnotes\n');
  });

  test("bump commits the manifest edits with the release", () => {
    const r = apiRepo({ "svc/api/Cargo.toml": API_CARGO }, ["svc/api/Cargo.toml"]);
    const out = relnotes(r.dir, ["bump", "api", "--yes", "--no-github"]);
    expect(out.code, out.stderr).toBe(0);
    expect(r.git("show", "api/v1.3.0:svc/api/Cargo.toml")).toBe(API_CARGO.replace("1.2.0", "1.3.0"));
  });
});

describe("a manifest that disagrees with the latest tag", () => {
  const stale = '{\n  "name": "api",\n  "version": "1.1.0"\n}\n';

  test("is a warning in preview, and the release still sets the new version", () => {
    const r = apiRepo({ "svc/api/package.json": stale }, ["svc/api/package.json"]);
    const out = relnotes(r.dir, ["preview", "api", "--json"]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(
      "warning: svc/api/package.json:3: api: the manifest declares version 1.1.0, but the latest release is api/v1.2.0; the release sets it to 1.3.0\n",
    );
    expect(json<PlanJson>(out).releases[0]!.files[0]!.diff).toContain('+  "version": "1.3.0"\n');
  });

  test("is an error in relnotes check", () => {
    const r = apiRepo({ "svc/api/package.json": stale }, ["svc/api/package.json"]);
    const out = relnotes(r.dir, ["check", "--json"]);
    expect(out.code).toBe(1);
    const problems = (JSON.parse(out.stdout) as { code: string }[]).filter((p) => p.code.startsWith("manifest-"));
    expect(problems).toEqual([
      {
        code: "manifest-version",
        message:
          "api: svc/api/package.json declares version 1.1.0, but the latest release is api/v1.2.0; set it to 1.2.0",
        file: "svc/api/package.json",
        line: 3,
      },
    ]);
  });

  test("check reports nothing for manifests in step with their tags", () => {
    const r = apiRepo({ "svc/api/package.json": stale.replace("1.1.0", "1.2.0") }, ["svc/api/package.json"]);
    const out = relnotes(r.dir, ["check", "--json"]);
    expect((JSON.parse(out.stdout) as { code: string }[]).filter((p) => p.code.startsWith("manifest-"))).toEqual([]);
  });
});

describe("bad input is an error naming service, file, line:column and what was expected; nothing is written", () => {
  const cases: { name: string; files: Record<string, string>; manifests: unknown[]; message: string }[] = [
    {
      name: "a listed manifest is missing",
      files: { "svc/api/Cargo.toml": API_CARGO },
      manifests: ["svc/api/Cargo.toml", "svc/api/package.json"],
      message:
        "error: api: svc/api/package.json: listed in manifests but does not exist; expected a manifest file at that path (relative to the repository root)\n",
    },
    {
      name: "no version key",
      files: { "svc/api/pyproject.toml": '[project]\nname = "api"\nrequires-python = ">=3.11"\n' },
      manifests: ["svc/api/pyproject.toml"],
      message:
        'error: api: svc/api/pyproject.toml:1:1: no version key: expected version = "…" in [project] or [tool.poetry]\n',
    },
    {
      name: "a manifest that does not parse",
      files: { "svc/api/Cargo.toml": '[package]\nname = "api"\nversion = "1.2.0\nedition = "2021"\n' },
      manifests: ["svc/api/Cargo.toml"],
      message: "error: api: svc/api/Cargo.toml:3:17: not valid TOML (unterminated string constant)\n",
    },
    {
      name: "a broken workspace member found through the listed root",
      files: {
        "Cargo.toml": '[workspace]\nmembers = ["svc/*"]\n\n[workspace.package]\nversion = "1.2.0"\n',
        "svc/api/Cargo.toml": '[package]\nname = "api"\nversion.workspace = true\n',
        "svc/vault/Cargo.toml":
          '[package]\nname = "vault"\nversion.workspace = true\n[dependencies]\napi = { path = "../api", version = "1.2.0" ',
      },
      manifests: ["Cargo.toml"],
      message: "error: api: svc/vault/Cargo.toml:5:44: not valid TOML (unterminated inline table)\n",
    },
    {
      name: "a file of no known kind",
      files: { "svc/api/build.gradle": "version = '1.2.0'\n" },
      manifests: ["svc/api/build.gradle"],
      message:
        'error: api: svc/api/build.gradle: cannot tell the manifest kind from the file name; expected a "kind" (cargo-toml, cargo-lock, package-json, package-lock, pnpm-lock, yarn-lock, pyproject-toml, chart-yaml, version-file, pattern) or a "pattern"\n',
    },
  ];

  test.each(cases)("$name", ({ files, manifests, message }) => {
    // vault's manifest is fine and planned first: its edit must not be written either.
    const r = apiRepo({ ...files, "svc/vault/VERSION": "0.1.0\n" }, manifests, {
      vault: { paths: ["svc/vault/"], changelog: false, manifests: ["svc/vault/VERSION"] },
    });
    const before = readTree(r.dir);
    const head = r.git("rev-parse", "HEAD");
    for (const args of [
      ["preview", "--json"],
      ["bump", "vault", "api", "--yes"],
    ]) {
      const out = relnotes(r.dir, args);
      expect(out.code, out.stderr).toBe(1);
      expect(out.stderr).toContain(message);
      expect(readTree(r.dir)).toEqual(before);
    }
    expect(r.git("rev-parse", "HEAD")).toBe(head);
    expect(r.git("tag", "--list", "*v1.3.0", "*v0.1.1")).toBe("");
  });
});
