import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, tempDir, type TestRepo } from "../helpers/repo.js";

// The renderer is made only by the commands that render: a wrong templates.changelog path
// must not stop the commands that print versions, verify tags or lint a message.

afterAll(cleanupTemp);

let r: TestRepo;
const MISSING = "error: templates.changelog: the template docs/changelog.hbs does not exist";

beforeAll(() => {
  const config = { templates: { changelog: "docs/changelog.hbs" }, distribution: { tags: "semver-aliases" } };
  r = repo({
    files: { "cliff.config.json": JSON.stringify(config) },
    commits: [{ message: "feat: first", annotated: ["v1.0.0"] }, { message: "fix: second" }],
  });
  // verify-tag checks that a stable release is on origin/main.
  const origin = tempDir("rn-origin-");
  gitIn(origin, ["init", "-q", "--bare"]);
  r.git("remote", "add", "origin", origin);
  r.git("push", "-q", "origin", "main", "--tags");
  r.git("fetch", "-q", "origin");
});

describe("a templates.changelog path that does not exist", () => {
  test("version, verify-tag, tags and check --message work as if it were right", () => {
    const version = relnotes(r.dir, ["version"]);
    expect([version.code, version.stdout.trim(), version.stderr]).toEqual([0, "1.0.0", ""]);

    const verified = relnotes(r.dir, ["verify-tag", "v1.0.0", "--json"]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ tag: "v1.0.0", version: "1.0.0", prerelease: false });

    const tags = relnotes(r.dir, ["tags", "v1.0.0"]);
    expect([tags.code, tags.stderr]).toEqual([0, ""]);
    expect(tags.stdout.split("\n")).toEqual(expect.arrayContaining(["1.0.0", "1.0", "1", "latest"]));

    const good = relnotes(r.dir, ["check", "--message", "-"], {}, "fix: a message\n");
    expect([good.code, good.stdout.trim()]).toEqual([0, "No problems found."]);
    const file = join(r.dir, ".git", "COMMIT_EDITMSG");
    writeFileSync(file, "fixed things\n");
    const bad = relnotes(r.dir, ["check", "--message", file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).not.toContain("templates.changelog");
  });

  test("preview and changelog, which render, stop and name the template", () => {
    for (const args of [["preview"], ["changelog"]]) {
      const out = relnotes(r.dir, args);
      expect(out.code, args.join(" ")).toBe(1);
      expect(out.stderr).toContain(`${MISSING} (looked for ${join(r.dir, "docs", "changelog.hbs")})`);
    }
  });

  test("once the file exists, a syntax error in it stops preview at its file:line:column", () => {
    const fixed = join(r.dir, "docs");
    mkdirSync(fixed, { recursive: true });
    writeFileSync(join(fixed, "changelog.hbs"), "## {{version}}\n{{#each commits}}\n- {{subject}\n{{/each}}\n");
    const out = relnotes(r.dir, ["preview"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/error: docs\/changelog\.hbs:3:\d+: template syntax error/);
    expect(relnotes(r.dir, ["version"]).code).toBe(0);
  });
});
