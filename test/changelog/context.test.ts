import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import type { ReleaseContext } from "../../src/render/context.js";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, tempDir } from "../helpers/repo.js";

afterAll(cleanupTemp);

test("--context dumps the template data and --from-context renders it again without git", () => {
  const r = repo({
    commits: [
      { message: "feat: base", annotated: ["v1.0.0"] },
      { message: "fix(io): close handles (#7)" },
      { message: "feat: stream" },
    ],
  });
  gitIn(r.dir, ["remote", "add", "origin", "https://github.com/acme/widgets.git"]);

  const contexts = json<ReleaseContext[]>(relnotes(r.dir, ["changelog", "--context"]));
  expect(contexts.map((c) => [c.version, c.unreleased])).toEqual([
    ["Unreleased", true],
    ["1.0.0", false],
  ]);
  expect(contexts[0]!.sections.map((s) => s.title)).toEqual(["Features", "Bug Fixes"]);
  expect(contexts[0]!.commits[1]).toMatchObject({
    type: "fix",
    scope: "io",
    subject: "close handles",
    pr: 7,
    prUrl: "https://github.com/acme/widgets/pull/7",
  });

  // Rendering from the dumped file, outside any repository, gives the same sections.
  const elsewhere = tempDir();
  const file = join(elsewhere, "context.json");
  writeFileSync(file, JSON.stringify(contexts));
  const full = relnotes(r.dir, ["changelog"]).stdout;
  const fromFile = relnotes(elsewhere, ["changelog", "--from-context", file]);
  expect(fromFile.code, fromFile.stderr).toBe(0);
  expect(full.endsWith(fromFile.stdout)).toBe(true);

  // The planned release's context renders to the plan's notes.
  const planned = json<ReleaseContext[]>(relnotes(r.dir, ["preview", "--context"]));
  writeFileSync(file, JSON.stringify(planned));
  const plan = json<{ releases: { notes: string }[] }>(relnotes(r.dir, ["preview", "--json"]));
  expect(relnotes(elsewhere, ["changelog", "--from-context", file, "--notes"]).stdout).toBe(plan.releases[0]!.notes);

  const bad = relnotes(elsewhere, ["changelog", "--from-context", join(elsewhere, "missing.json")]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("cannot read a render context");
});
