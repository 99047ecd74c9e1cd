import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { cleanupTemp, gitIn, TEST_ENV, tempDir } from "../helpers/repo.js";

afterAll(cleanupTemp);

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// Offline: dependencies come from npm's cache (filled by `npm ci`); a test never reaches the registry.
const ENV = {
  ...process.env,
  ...TEST_ENV,
  npm_config_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  GITHUB_TOKEN: "",
  GH_TOKEN: "",
  GITHUB_ACTIONS: "",
};

function run(cwd: string, command: string, args: string[]) {
  const r = spawnSync(command, args, { cwd, env: ENV, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the packed package installs into a fresh project and runs there: npx relnotes init, preview, bump --dry-run", () => {
  // dist/ is built by `npm test` (pretest); packing without scripts packs exactly that build.
  const packDir = tempDir("rn-pack-");
  const pack = run(ROOT, "npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir]);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  const packed = info!.files.map((f) => f.path);
  expect(packed).toEqual(
    expect.arrayContaining([
      "package.json",
      "dist/cli.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/config.schema.json",
      "templates/changelog.hbs",
      "templates/release-notes.hbs",
    ]),
  );
  expect(packed.filter((p) => /^(src|test|scripts|bench)\//.test(p))).toEqual([]);

  const project = tempDir("rn-project-");
  writeFileSync(
    join(project, "package.json"),
    '{\n  "name": "acme-widget",\n  "version": "1.4.0",\n  "private": true\n}\n',
  );
  writeFileSync(join(project, ".gitignore"), "node_modules/\n");
  const install = run(project, "npm", ["install", "--save-dev", join(packDir, info!.filename)]);
  expect(install.code, install.stderr).toBe(0);
  gitIn(project, ["init", "-q", "-b", "main"]);
  gitIn(project, ["add", "-A"]);
  gitIn(project, ["commit", "-q", "-m", "chore: start"]);
  gitIn(project, ["tag", "v1.4.0"]);
  writeFileSync(join(project, "index.js"), "export const widget = 1;\n");
  gitIn(project, ["add", "-A"]);
  gitIn(project, ["commit", "-q", "-m", "feat: export the widget"]);

  const init = run(project, "npx", ["relnotes", "init"]);
  expect(init.code, init.stderr).toBe(0);
  expect(readFileSync(join(project, "cliff.config.ts"), "utf8")).toContain(
    'manifests: ["package.json", "package-lock.json"]',
  );
  expect(init.stdout).toContain("package  1.4.0 → 1.5.0  (minor: 1 feat)");

  // The config imports defineConfig from the installed package (its "exports").
  const preview = run(project, "npx", ["relnotes", "preview"]);
  expect(preview.code, preview.stderr).toBe(0);
  expect(preview.stdout).toContain("tag v1.5.0, previous v1.4.0");
  expect(preview.stdout).toContain("files: CHANGELOG.md, package.json, package-lock.json");

  const dry = run(project, "npx", ["relnotes", "bump", "--dry-run", "--no-fetch"]);
  expect(dry.code, dry.stderr).toBe(0);
  expect(dry.stdout).toMatch(/- {2}"version": "1.4.0",\n +\+ {2}"version": "1.5.0",/);
  expect(dry.stderr).toContain("Dry run: nothing was written.");
  expect(gitIn(project, ["status", "--porcelain"])).toBe("?? cliff.config.ts\n");
});
