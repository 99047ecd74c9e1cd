import { describe, expect, test } from "vitest";
import { classifyCommit } from "../../src/commits/classify.js";
import { parseConventional } from "../../src/commits/parse.js";
import type { RawCommit } from "../../src/commits/types.js";

const raw = (message: string, parents = ["p1"]): RawCommit => ({
  sha: "a".repeat(40),
  parents,
  authorName: "A",
  authorEmail: "a@x",
  date: "2026-01-01T00:00:00Z",
  message,
});

describe("Conventional Commits 1.0 parsing", () => {
  test("type, scope, subject, body and footers", () => {
    const c = parseConventional(
      raw("feat(keys): add rotation\n\nRotates keys daily.\nSecond line.\n\nReviewed-by: Z\nRefs #123\n"),
    )!;
    expect(c).toMatchObject({
      type: "feat",
      scope: "keys",
      subject: "add rotation",
      body: "Rotates keys daily.\nSecond line.",
      breaking: false,
      pr: null,
    });
    expect(c.footers).toEqual([
      { token: "Reviewed-by", value: "Z" },
      { token: "Refs", value: "123" },
    ]);
  });

  test("`!` marks a breaking change and its subject is the description", () => {
    const c = parseConventional(raw("fix(api)!: drop v1 endpoints"))!;
    expect(c.breaking).toBe(true);
    expect(c.breakingNotes).toEqual(["drop v1 endpoints"]);
  });

  test.each(["BREAKING CHANGE", "BREAKING-CHANGE"])("%s footer, with a multi-line value", (token) => {
    const c = parseConventional(
      raw(`refactor: new config loader\n\nbody\n\n${token}: config moved\nto relnotes.toml\nRefs: #4`),
    )!;
    expect(c.breaking).toBe(true);
    expect(c.breakingNotes).toEqual(["config moved\nto relnotes.toml"]);
    expect(c.body).toBe("body");
  });

  test("a lowercase 'breaking change:' is not the breaking footer", () => {
    expect(parseConventional(raw("feat: x\n\nbreaking change: no"))!.breaking).toBe(false);
  });

  test("Release-As footer forces a version (with or without v)", () => {
    expect(parseConventional(raw("chore: cut 2.0\n\nRelease-As: v2.0.0"))!.releaseAs).toBe("2.0.0");
    expect(parseConventional(raw("chore: cut\n\nRelease-As: 2.x"))!.releaseAs).toBeNull();
  });

  test("PR number from a squash subject is taken off the subject", () => {
    const c = parseConventional(raw("feat: add login (#123)"))!;
    expect(c).toMatchObject({ subject: "add login", pr: 123 });
  });

  test.each([
    ["feat:no space", null],
    ["feat : spaced", null],
    ["Update README", null],
    ["feat(scope: broken", null],
    ["feat(): empty scope", "feat"],
  ])("%s", (message, type) => {
    expect(parseConventional(raw(message))?.type ?? null).toBe(type);
  });
});

describe("classification shared by the bump engine and the linter", () => {
  test("fixup!, squash! and amend! never count", () => {
    for (const p of ["fixup!", "squash!", "amend!"])
      expect(classifyCommit(raw(`${p} feat: x`), "skip").kind).toBe("autosquash");
  });

  test("merge commits are skipped by default; kept, a PR merge is read from its title with the PR number", () => {
    const merge = raw("Merge pull request #77 from acme/feature\n\nfeat(ui): new dashboard", ["p1", "p2"]);
    expect(classifyCommit(merge, "skip").kind).toBe("merge");
    const kept = classifyCommit(merge, "keep");
    expect(kept.kind).toBe("conventional");
    if (kept.kind === "conventional")
      expect(kept.commit).toMatchObject({ type: "feat", scope: "ui", subject: "new dashboard", pr: 77 });
  });

  test("an unconventional commit is classified as such", () => {
    expect(classifyCommit(raw("wip"), "skip").kind).toBe("unconventional");
  });
});

describe("whole subjects and PR numbers", () => {
  test("a header wrapped onto following lines before the first blank line is one subject", () => {
    const c = parseConventional(
      raw("fix(cjs): fix cjs interop for packages that cannot be\nresolved by node (#88)\n\nDetails here."),
    )!;
    expect(c).toMatchObject({
      subject: "fix cjs interop for packages that cannot be resolved by node",
      pr: 88,
      body: "Details here.",
    });
  });

  test("a list or a footer right after the header starts the body, as before", () => {
    expect(parseConventional(raw("feat: add exports\n- esm\n- cjs"))).toMatchObject({
      subject: "add exports",
      body: "- esm\n- cjs",
    });
    expect(parseConventional(raw("feat: new loader\nBREAKING CHANGE: config moved"))).toMatchObject({
      subject: "new loader",
      breaking: true,
      breakingNotes: ["config moved"],
    });
  });

  test("GitLab's `See merge request group/project!N` gives the number", () => {
    expect(
      parseConventional(raw("feat(api): rate limits\n\nSome body.\n\nSee merge request platform/team/api!42")),
    ).toMatchObject({ pr: 42, body: "Some body." });
    expect(parseConventional(raw("feat(api): rate limits (#9)\n\nSee merge request platform/api!42"))).toMatchObject({
      pr: 9,
    });
  });

  test("merge commits of GitHub, Gitea and GitLab name their request (kept merges)", () => {
    const keep = (message: string) => classifyCommit(raw(message, ["p1", "p2"]), "keep");
    expect(keep("Merge pull request #130 from acme/x\n\nfeat: paginate")).toMatchObject({
      kind: "conventional",
      commit: { pr: 130, subject: "paginate" },
    });
    expect(keep("Merge pull request 'paginate' (#31) from x into main\n\nfeat: paginate")).toMatchObject({
      commit: { pr: 31 },
    });
    expect(keep("Merge branch 'x' into 'main'\n\nfeat: paginate\n\nSee merge request acme/platform!7")).toMatchObject({
      commit: { pr: 7 },
    });
  });
});
