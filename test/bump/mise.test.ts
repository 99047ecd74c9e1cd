import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { MISE, miseEnv } from "../helpers/mise.js";
import { cleanupTemp, TEST_ENV } from "../helpers/repo.js";
import { PINNED_DATES, apiVaultSpec, releasedRepo } from "./setup.js";

afterAll(cleanupTemp);

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The real mise binary (from @jdxcode/mise), isolated from the user's mise setup and offline. */
function mise(root: string, cwd: string, args: string[]) {
  const env = { ...process.env, ...TEST_ENV, ...PINNED_DATES, ...miseEnv(root), GITHUB_TOKEN: "", GH_TOKEN: "" };
  const trust = spawnSync(MISE, ["trust", join(root, "mise.toml")], { cwd: root, env, encoding: "utf8" });
  expect(trust.status, trust.stderr).toBe(0);
  return spawnSync(MISE, args, { cwd, env, encoding: "utf8" });
}

it("mise run release -- --dry-run api reaches relnotes bump with the arguments, and prints the plan", () => {
  const r = releasedRepo(apiVaultSpec());
  // The shipped mise.toml, verbatim, in the repository being released; relnotes is installed
  // in it the way npm links a package's bin (node_modules/.bin/relnotes → this build's cli.js).
  copyFileSync(join(ROOT, "mise.toml"), join(r.work.dir, "mise.toml"));
  mkdirSync(join(r.work.dir, "node_modules", ".bin"), { recursive: true });
  symlinkSync(join(ROOT, "dist", "cli.js"), join(r.work.dir, "node_modules", ".bin", "relnotes"));
  expect(readFileSync(join(ROOT, "mise.toml"), "utf8")).not.toMatch(/dist\/cli\.js/);
  const sub = join(r.work.dir, "svc", "api");
  mkdirSync(sub, { recursive: true });
  const before = r.snapshot();
  // Called from a subdirectory: the task runs where it is called (dir = "{{cwd}}"), relnotes finds the repository root.
  const res = mise(r.work.dir, sub, ["run", "release", "--", "--dry-run", "api"]);
  expect(res.status, res.stderr).toBe(0);
  expect(res.stdout).toMatch(/api\s+1\.2\.0 → 1\.3\.0 {2}\(minor: 1 feat\)/);
  expect(res.stdout).toContain("tag api/v1.3.0, previous api/v1.2.0");
  expect(res.stdout).toMatch(/#41\s+feat\(api\): add key rotation/);
  expect(res.stdout).toContain("create svc/api/CHANGELOG.md:");
  expect(res.stdout).not.toContain("vault");
  expect(res.stderr).toContain("Dry run: nothing was written.");
  expect(r.snapshot()).toBe(before);
  expect(r.remote.pushes()).toEqual([]);
});
