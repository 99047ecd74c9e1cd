import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, relnotes } from "../helpers/cli.js";
import { cleanupTemp, commit, gitIn, repo, tempDir } from "../helpers/repo.js";
import { monorepo } from "./fixture.js";

afterAll(cleanupTemp);

interface Problem {
  code: string;
  message: string;
}

const LINT_CONFIG = {
  services: { api: { paths: ["svc/api/"] }, vault: { paths: ["svc/vault/"] } },
  commits: { scopes: ["api", "vault", "deps"], headerMaxLength: 60 },
};

function problemsOf(
  dir: string,
  args: string[] = [],
  env: Record<string, string> = {},
  input?: string,
): { code: number; problems: Problem[] } {
  const res = relnotes(dir, ["check", "--json", ...args], env, input);
  return {
    code: res.code,
    problems: (JSON.parse(res.stdout) as Problem[]).filter((p) => p.code.startsWith("commit-")),
  };
}

describe("relnotes check: commits since each service's last tag", () => {
  it("reports each kind of bad commit, once, and nothing before the last tags", () => {
    const r = monorepo(
      [
        { message: "old junk before the tag", annotated: ["api/v1.0.0"] },
        { message: "random words before vault tag", files: { "svc/vault/a.txt": "a" }, annotated: ["vault/v0.1.0"] },
        { message: "feat(api): a good one" },
        { message: "update stuff" },
        { message: "feat(web): wrong scope" },
        { message: "wip(api): not a type" },
        { message: `fix(api): ${"very ".repeat(12)}long` },
        { message: "fix(api): bad footer\n\nRelease-As: banana\n" },
        { message: "fixup! feat(api): a good one" },
        { message: "feat(api,vault): two scopes", files: { "svc/api/x": "x", "svc/vault/x": "x" } },
        { message: "feat(api,www): one bad scope of two", files: { "svc/api/y": "y", "svc/vault/y": "y" } },
        { message: "Feat(vault): read as feat, like the bump engine", files: { "svc/vault/b.txt": "b" } },
      ],
      LINT_CONFIG,
    );
    const { code, problems } = problemsOf(r.dir);
    expect(code).toBe(1);
    const sha = (i: number) => r.sha(i).slice(0, 12);
    expect(problems).toEqual([
      {
        code: "commit-scope",
        message: `commit ${sha(10)}: scope "www" is not allowed (allowed: api, vault, deps; see commits.scopes)`,
      },
      {
        code: "commit-release-as",
        message: `commit ${sha(7)}: Release-As footer "banana" is not a SemVer version like 1.2.3; the bump engine would ignore it`,
      },
      {
        code: "commit-header-length",
        message: `commit ${sha(6)}: header is 74 characters, more than commits.headerMaxLength (60); shorten it and move details to the body`,
      },
      {
        code: "commit-type",
        message: expect.stringContaining(
          `commit ${sha(5)}: type "wip" is not allowed (allowed: feat, fix, perf, revert, refactor, docs, style, test, build, ci, chore;`,
        ),
      },
      {
        code: "commit-scope",
        message: `commit ${sha(4)}: scope "web" is not allowed (allowed: api, vault, deps; see commits.scopes)`,
      },
      {
        code: "commit-header",
        message: expect.stringContaining(`commit ${sha(3)}: "update stuff" is not a Conventional Commit header`),
      },
    ]);
  });

  it("types come from commits.types; a clean history passes", () => {
    const r = monorepo([{ message: "wip(api): allowed here" }, { message: "feat: fine" }], {
      commits: { types: { wip: { section: "WIP" } } },
    });
    const res = relnotes(r.dir, ["check"]);
    expect(res.stdout).toBe("No problems found.\n");
    expect(res.code).toBe(0);
  });

  it("merge commits follow the bump engine: skipped by default, read by their PR title with merges: keep", () => {
    const build = (merges: "skip" | "keep") => {
      const dir = tempDir();
      const r = repo(
        {
          files: { "cliff.config.json": JSON.stringify({ commits: { merges } }) },
          commits: [{ message: "feat: start" }],
        },
        dir,
      );
      r.git("checkout", "-q", "-b", "feature");
      commit(dir, "fix: on the branch");
      r.git("checkout", "-q", "main");
      commit(dir, "fix: on main");
      gitIn(dir, [
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #7 from org/feature",
        "-m",
        "not a conventional title",
        "feature",
      ]);
      r.git("checkout", "-q", "-b", "other", "HEAD~1");
      commit(dir, "fix: other");
      r.git("checkout", "-q", "main");
      gitIn(dir, [
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #8 from org/other",
        "-m",
        "feat: a conventional title",
        "other",
      ]);
      return r;
    };
    expect(problemsOf(build("skip").dir).problems).toEqual([]);
    const keep = build("keep");
    expect(problemsOf(keep.dir).problems).toEqual([
      {
        code: "commit-header",
        message: expect.stringContaining(
          `commit ${keep.git("rev-parse", "HEAD~1").trim().slice(0, 12)}: "not a conventional title" is not a Conventional Commit header`,
        ),
      },
    ]);
  });

  it("prints ::error annotations in GitHub Actions", () => {
    const r = monorepo([{ message: "feat(api): ok" }, { message: "bad one" }]);
    const res = relnotes(r.dir, ["check"], { GITHUB_ACTIONS: "true" });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      `::error::commit ${r.sha(1).slice(0, 12)}: "bad one" is not a Conventional Commit header`,
    );
  });
});

describe("relnotes check --message", () => {
  it("lints a file or stdin, outside any repository, with the default rules", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "msg"),
      "feat: fine\n\n# Please enter the commit message\n# ------------------------ >8 ------------------------\nignored\n",
    );
    expect(relnotes(dir, ["check", "--message", "msg"]).stdout).toBe("No problems found.\n");
    writeFileSync(join(dir, "bad"), "# comment first\nAdd things\n");
    const bad = relnotes(dir, ["check", "--message", "bad"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('bad: "Add things" is not a Conventional Commit header');
    expect(problemsOf(dir, ["--message", "-"], {}, "chore(anything): a PR title\n")).toEqual({ code: 0, problems: [] });
    expect(problemsOf(dir, ["--message", "-"], {}, "").problems).toEqual([
      { code: "commit-header", message: "message: the message is empty" },
    ]);
    const missing = relnotes(dir, ["check", "--message", "nope"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read the message file");
  });

  it("uses the repository's config inside one", () => {
    const r = monorepo([{ message: "feat(api): ok" }], LINT_CONFIG);
    expect(problemsOf(r.dir, ["--message", "-"], {}, "feat(web): x").problems.map((p) => p.code)).toEqual([
      "commit-scope",
    ]);
  });

  it("works as a real commit-msg hook: git commit refuses a bad message and records a good one", () => {
    const r = monorepo([{ message: "feat(api): start" }], LINT_CONFIG);
    const hook = join(r.dir, ".git", "hooks", "commit-msg");
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" check --message "$1"\n`);
    chmodSync(hook, 0o755);
    writeFileSync(join(r.dir, "svc/api/new.txt"), "x");
    r.git("add", "svc/api/new.txt");
    const refused = (() => {
      try {
        r.git("commit", "-q", "-m", "fixed the thing");
        return null;
      } catch (e) {
        return e as { status: number; stdout: string; stderr: string };
      }
    })();
    expect(refused?.status).toBe(1);
    expect(`${refused?.stdout}${refused?.stderr}`).toContain('"fixed the thing" is not a Conventional Commit header');
    expect(r.git("log", "-1", "--format=%s").trim()).toBe("feat(api): start");
    r.git("commit", "-q", "-m", "fix(api): the thing");
    expect(r.git("log", "-1", "--format=%s").trim()).toBe("fix(api): the thing");
    // A merge runs the hook too; like the bump engine, its message is not linted.
    r.git("checkout", "-q", "-b", "side", "HEAD~1");
    r.git("commit", "-q", "--allow-empty", "-m", "docs: side");
    r.git("checkout", "-q", "main");
    r.git("merge", "-q", "--no-ff", "--no-edit", "side");
    expect(r.git("log", "-1", "--format=%s").trim()).toBe("Merge branch 'side'");
    expect(r.git("rev-list", "--parents", "-1", "HEAD").trim().split(" ")).toHaveLength(3);
  });
});
