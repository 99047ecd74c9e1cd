import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

// The README's first command ends in `node scripts/demo.mjs`: it must release to its local origin.
test("npm run demo's script releases api and vault to the local origin", () => {
  const env = { ...process.env };
  delete env.GITHUB_TOKEN;
  delete env.GH_TOKEN;
  const r = spawnSync(process.execPath, ["scripts/demo.mjs"], { cwd: root, env, encoding: "utf8" });
  expect(r.stderr + r.stdout).not.toMatch(/^error:/m);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/refs\/tags\/api\/v1\.3\.0$/m);
  expect(r.stdout).toMatch(/refs\/tags\/vault\/v0\.5\.0$/m);
}, 120_000);
