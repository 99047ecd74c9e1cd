import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { releasedRepo, type Released } from "../bump/setup.js";
import { cleanupTemp, tempDir, writeFiles } from "../helpers/repo.js";

afterAll(cleanupTemp);

function run(cwd: string, command: string[]): void {
  const p = spawnSync(command[0]!, command.slice(1), {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  expect(p.status, `${command.join(" ")}\n${p.stdout}${p.stderr}`).toBe(0);
}

const pkg = (name: string, version: string, deps: Record<string, string> = {}) =>
  `${JSON.stringify({ name, version, private: true, ...(Object.keys(deps).length > 0 ? { dependencies: deps } : {}) }, null, 2)}\n`;

/** An npm workspace: app → core → lib, each its own service with a changelog, and the lockfile npm writes for it. */
function npmChain(dependents?: string, change = "feat(lib)!: drop the callback API"): Released {
  const files: Record<string, string> = {
    "package.json": `${JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }, null, 2)}\n`,
    "packages/lib/package.json": pkg("@acme/lib", "1.4.0"),
    "packages/core/package.json": pkg("@acme/core", "1.0.0", { "@acme/lib": "^1.4.0" }),
    "packages/app/package.json": pkg("@acme/app", "0.3.0", { "@acme/core": "~1.0" }),
  };
  const scratch = tempDir("relnotes-npm-");
  writeFiles(scratch, files);
  run(scratch, ["npm", "install", "--package-lock-only", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"]);
  files["package-lock.json"] = readFileSync(join(scratch, "package-lock.json"), "utf8");
  const service = (name: string) => ({
    paths: [`packages/${name}/`],
    changelog: `packages/${name}/CHANGELOG.md`,
    manifests: [`packages/${name}/package.json`],
  });
  const config = {
    services: { app: service("app"), core: service("core"), lib: service("lib") },
    github: { release: false },
    ...(dependents ? { dependents } : {}),
  };
  files["cliff.config.json"] = JSON.stringify(config);
  return releasedRepo({
    files,
    commits: [
      { message: "chore: initial import", files: {}, tags: ["lib/v1.4.0", "core/v1.0.0", "app/v0.3.0"] },
      { message: change, files: { "packages/lib/index.js": "export const lib = 2;\n" } },
    ],
  });
}

interface PlanJson {
  releases: {
    service: string;
    version: string;
    tag: string;
    bump: string;
    releasedFor: string[];
    dependencies: { service: string; version: string }[];
    files: { path: string }[];
  }[];
}

describe("npm workspace with a three-level chain", () => {
  test("a breaking change at the bottom releases the chain in order, with reasons, changelog entries, and a lockfile npm ci accepts", () => {
    const { work: r, run: rn } = npmChain();
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "--json"]));
    expect(plan.releases.map((x) => [x.service, x.version, x.bump, x.releasedFor, x.dependencies])).toEqual([
      ["lib", "2.0.0", "major", [], []],
      ["core", "1.0.1", "patch", ["depends on lib 2.0.0"], [{ service: "lib", version: "2.0.0" }]],
      ["app", "0.3.1", "patch", ["depends on core 1.0.1"], [{ service: "core", version: "1.0.1" }]],
    ]);
    // next decides the same releases, dependents included, without rendering notes or planning file edits.
    expect(json(relnotes(r.dir, ["next", "--json"]))).toEqual(
      plan.releases.map((x) => ({ service: x.service, version: x.version, tag: x.tag })),
    );
    const bump = rn(["bump", "--yes"]);
    expect(bump.code, bump.stderr).toBe(0);
    expect(r.git("tag", "--points-at", "HEAD").split("\n").filter(Boolean).sort()).toEqual([
      "app/v0.3.1",
      "core/v1.0.1",
      "lib/v2.0.0",
    ]);
    const core = JSON.parse(readFileSync(join(r.dir, "packages/core/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(core.dependencies["@acme/lib"]).toBe("^2.0.0");
    const app = JSON.parse(readFileSync(join(r.dir, "packages/app/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(app.dependencies["@acme/core"]).toBe("~1.0");
    const changelog = readFileSync(join(r.dir, "packages/core/CHANGELOG.md"), "utf8");
    expect(changelog).toContain("## [1.0.1]");
    expect(changelog).toMatch(/### Dependencies\n\n- lib 2\.0\.0\n/);
    run(r.dir, ["npm", "ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"]);
  });

  test('dependents: "out-of-range" releases only the dependent the new version leaves behind', () => {
    const r = npmChain("out-of-range").work;
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "--json"]));
    expect(plan.releases.map((x) => [x.service, x.version])).toEqual([
      ["lib", "2.0.0"],
      ["core", "1.0.1"],
    ]);
  });

  test('dependents: "out-of-range": a requirement that still admits the new version stays as written', () => {
    const r = npmChain("out-of-range", "feat(lib): streaming").work;
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "--json"]));
    expect(plan.releases.map((x) => [x.service, x.version])).toEqual([["lib", "1.5.0"]]);
    expect(plan.releases[0]!.files.map((f) => f.path).sort()).toEqual([
      "package-lock.json",
      "packages/lib/CHANGELOG.md",
      "packages/lib/package.json",
    ]);
  });

  test('dependents: "none" rewrites the requirement but releases only lib', () => {
    const r = npmChain("none").work;
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "--json"]));
    expect(plan.releases.map((x) => [x.service, x.version])).toEqual([["lib", "2.0.0"]]);
  });
});
