import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cleanupTemp, writeFiles, type TestRepo } from "../helpers/repo.js";
import { FIXTURES, caseRepo, fixtureNames, loadCase, planCase, readTree, writePlanned } from "./fixture-case.js";

afterAll(cleanupTemp);

function run(r: TestRepo, command: string[]): { status: number | null; output: string } {
  const p = spawnSync(command[0]!, command.slice(1), {
    cwd: r.dir,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  return { status: p.status, output: `${p.stdout}${p.stderr}` };
}

describe.each(fixtureNames())("fixture %s", (name) => {
  const c = loadCase(name);

  test("the planned files are the expected bytes, and no other file changes", async () => {
    const r = caseRepo(name, c);
    const { plan } = await planCase(r, c);
    expect(Object.fromEntries(plan.releases.map((x) => [x.service ?? "", x.version]))).toEqual(c.versions);
    const expected = readTree(join(FIXTURES, name, "after"));
    const planned = Object.fromEntries(plan.files.map((f) => [f.path, f.after]));
    expect(Object.keys(planned).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, text] of Object.entries(expected)) expect(planned[path], path).toBe(text);
    // Every edited file shows up in some release's files with a diff that changes lines.
    const diffed = new Set(
      plan.releases.flatMap((x) => x.files.filter((f) => /^\+[^+]/m.test(f.diff)).map((f) => f.path)),
    );
    expect([...diffed].sort()).toEqual(Object.keys(expected).sort());
  });

  // Only the Cargo and npm cases have a real tool to judge them.
  if (c.verify === undefined && c.relock === undefined) return;
  test("the real tools accept the updated tree", async () => {
    const r = caseRepo(name, c);
    const { plan } = await planCase(r, c);
    writePlanned(r, plan);
    for (const command of c.verify ?? []) {
      const result = run(r, command);
      expect(result.status, `${command.join(" ")}\n${result.output}`).toBe(0);
    }
    if (c.relock) {
      const lock = readFileSync(join(r.dir, c.relock.file), "utf8");
      const result = run(r, c.relock.command);
      expect(result.status, result.output).toBe(0);
      expect(readFileSync(join(r.dir, c.relock.file), "utf8")).toBe(lock);
    }
  });
});

test("cargo judges the lockfile: the manifests updated without Cargo.lock are rejected by --locked", async () => {
  const c = loadCase("cargo-workspace");
  const r = caseRepo("cargo-workspace", c);
  const { plan } = await planCase(r, c);
  writeFiles(
    r.dir,
    Object.fromEntries(plan.files.filter((f) => f.path !== "Cargo.lock").map((f) => [f.path, f.after])),
  );
  const result = run(r, ["cargo", "metadata", "--offline", "--locked", "--format-version", "1"]);
  expect(result.status).not.toBe(0);
  expect(result.output).toContain("--locked");
});
