import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { releasedRepo, type Released } from "../bump/setup.js";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, tempDir, writeFiles } from "../helpers/repo.js";

afterAll(cleanupTemp);

/**
 * A plugin with a peer dependency on the package it extends (as vite's
 * plugins have): the peer range is kept as broad as it is written, and the
 * plugin is not released for it, until a release leaves the range.
 */

function npm(cwd: string, args: string[]): void {
  const p = spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  expect(p.status, `npm ${args.join(" ")}\n${p.stdout}${p.stderr}`).toBe(0);
}

const manifest = (name: string, version: string, peer?: string) =>
  `${JSON.stringify({ name, version, private: true, ...(peer ? { peerDependencies: { "@acme/core": peer } } : {}) }, null, 2)}\n`;

function workspace(change: string): Released {
  const files: Record<string, string> = {
    "package.json": `${JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }, null, 2)}\n`,
    "packages/core/package.json": manifest("@acme/core", "8.2.0"),
    "packages/plugin/package.json": manifest("@acme/plugin", "3.1.0", "^8.0.0"),
  };
  const scratch = tempDir("relnotes-peer-");
  writeFiles(scratch, files);
  npm(scratch, ["install", "--package-lock-only", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"]);
  files["package-lock.json"] = readFileSync(join(scratch, "package-lock.json"), "utf8");
  const service = (name: string) => ({
    paths: [`packages/${name}/`],
    changelog: `packages/${name}/CHANGELOG.md`,
    manifests: [`packages/${name}/package.json`],
  });
  files["cliff.config.json"] = JSON.stringify({
    services: { core: service("core"), plugin: service("plugin") },
    github: { release: false },
  });
  return releasedRepo({
    files,
    commits: [
      { message: "chore: initial import", files: {}, tags: ["core/v8.2.0", "plugin/v3.1.0"] },
      { message: change, files: { "packages/core/index.js": "export const core = 2;\n" } },
    ],
  });
}

interface PlanJson {
  releases: { service: string; version: string; releasedFor: string[]; files: { path: string }[] }[];
}

describe("peer dependency ranges", () => {
  test("a release inside the range leaves the range and the plugin alone", () => {
    const { work: r } = workspace("feat(core): faster startup");
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "--json"]));
    expect(plan.releases.map((x) => [x.service, x.version, x.files.map((f) => f.path).sort()])).toEqual([
      ["core", "8.3.0", ["package-lock.json", "packages/core/CHANGELOG.md", "packages/core/package.json"]],
    ]);
  });

  test("a release that leaves the range moves it, in the manifest and npm's lockfile, and releases the plugin", () => {
    const { work: r, run } = workspace("feat(core)!: drop the legacy hooks");
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "--json"]));
    expect(plan.releases.map((x) => [x.service, x.version, x.releasedFor])).toEqual([
      ["core", "9.0.0", []],
      ["plugin", "3.1.1", ["depends on core 9.0.0"]],
    ]);
    const bump = run(["bump", "--yes"]);
    expect(bump.code, bump.stderr).toBe(0);
    const plugin = JSON.parse(readFileSync(join(r.dir, "packages/plugin/package.json"), "utf8"));
    expect(plugin.peerDependencies).toEqual({ "@acme/core": "^9.0.0" });
    const lock = JSON.parse(readFileSync(join(r.dir, "package-lock.json"), "utf8"));
    expect(lock.packages["packages/plugin"].peerDependencies).toEqual({ "@acme/core": "^9.0.0" });
    // npm itself accepts the lockfile as relnotes left it.
    npm(r.dir, ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", "--dry-run"]);
  });
});
