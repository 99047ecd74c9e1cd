import { afterAll, describe, expect, it } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, tempDir, type CommitSpec } from "../helpers/repo.js";

afterAll(cleanupTemp);

interface PlanJson {
  releases: { version: string; bump: string; previousTag: string | null }[];
  skipped?: unknown;
}

const CONFIG = { services: { api: { paths: ["svc/api/"] } } };

function apiRepo(commits: CommitSpec[], config: object = CONFIG) {
  return repo({
    files: { "cliff.config.json": `${JSON.stringify(config)}\n` },
    commits: commits.map((c, i) => ({ files: { [`svc/api/f${i}`]: `${i}\n` }, ...c })),
  });
}

describe("which release numbers the next one", () => {
  it("a stale pre-release of a higher line, older than the latest stable, drives nothing (and says so)", () => {
    const r = apiRepo([
      { message: "feat(api): first", annotated: ["api/v1.4.0"] },
      { message: "feat(api)!: try a new protocol", annotated: ["api/v2.0.0-alpha.63"] },
      { message: "fix(api): keep the old protocol", annotated: ["api/v1.5.0"] },
      { message: "feat(api): search" },
    ]);
    const res = relnotes(r.dir, ["preview", "api", "--json"]);
    const plan = json<PlanJson>(res);
    expect(plan.releases[0]).toMatchObject({ version: "1.6.0", bump: "minor", previousTag: "api/v1.5.0" });
    expect(res.stderr).toContain(
      "api: pre-release api/v2.0.0-alpha.63 is older than api/v1.5.0 (which contains it), so it is not continued",
    );
    expect(relnotes(r.dir, ["version", "api"]).stdout).toBe("1.5.0\n");
    expect(relnotes(r.dir, ["version", "api", "--pre"]).stdout).toBe("1.5.0\n");
  });

  it("an open pre-release line sets the core: the label says it graduates, never 'minor'", () => {
    const r = apiRepo([
      { message: "feat(api): first", annotated: ["api/v1.5.0"] },
      { message: "feat(api)!: new protocol", annotated: ["api/v2.0.0-rc.3"] },
      { message: "feat(api): search" },
    ]);
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "api", "--json"])).releases[0]).toMatchObject({
      version: "2.0.0",
      bump: "major",
      previousTag: "api/v1.5.0",
    });
    const text = relnotes(r.dir, ["preview", "api"]).stdout;
    expect(text).toContain("1.5.0 → 2.0.0 (graduates 2.0.0-rc.3)  (major: ");
    expect(text).not.toContain("minor");
    expect(relnotes(r.dir, ["version", "api"]).stdout).toBe("1.5.0\n");
    expect(relnotes(r.dir, ["version", "api", "--pre"]).stdout).toBe("2.0.0-rc.3\n");
    expect(relnotes(r.dir, ["version", "api", "--pre", "--tag"]).stdout).toBe("api/v2.0.0-rc.3\n");
  });

  it("a namespace with only pre-release tags needs a first stable version, like an empty one", () => {
    const r = apiRepo([
      { message: "feat(api): first", annotated: ["api/v1.0.0-rc.1"] },
      { message: "fix(api): second" },
    ]);
    const res = relnotes(r.dir, ["preview", "api"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      "error: api has only pre-releases (latest api/v1.0.0-rc.1): a first stable release needs an explicit version",
    );
    expect(res.stderr).toContain("relnotes bump api@v1.0.0");
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "api", "--rc", "--json"])).releases[0]).toMatchObject({
      version: "1.0.0-rc.2",
      previousTag: "api/v1.0.0-rc.1",
    });
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "api@v1.0.0", "--json"])).releases[0]).toMatchObject({
      version: "1.0.0",
      bump: "explicit",
    });
    const version = relnotes(r.dir, ["version", "api"]);
    expect(version.code).toBe(1);
    expect(version.stderr).toContain("api has no stable release reachable from HEAD");
  });
});

describe("a release already tagged ahead of HEAD", () => {
  it("says the branch is behind, and the printed hint, run as printed, gets past the error", () => {
    const r = apiRepo([
      { message: "feat(api): first", annotated: ["api/v1.0.0"] },
      { message: "feat(api): second" },
      { message: "fix(api): third", annotated: ["api/v1.1.0"] },
    ]);
    const remote = `${tempDir("rn-behind-")}/origin.git`;
    gitIn(r.dir, ["clone", "-q", "--bare", r.dir, remote]);
    const local = tempDir("rn-behind-local-");
    gitIn(local, ["clone", "-q", remote, "."]);
    gitIn(local, ["reset", "-q", "--hard", "HEAD~1"]);
    const res = relnotes(local, ["preview", "api"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /error: tag api\/v1\.1\.0 already exists on commit [0-9a-f]{12}, which is ahead of HEAD: this branch is behind that release/,
    );
    const hint = /hint: update the branch first: (git pull --ff-only origin main), then plan again/.exec(res.stderr);
    expect(hint).not.toBeNull();
    gitIn(local, hint![1]!.split(" ").slice(1));
    const after = relnotes(local, ["preview", "api"]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("nothing to release since api/v1.1.0");
  });
});

describe("one tag-reading rule", () => {
  it('tag.annotated: "allowed" (default) reads a hand-made lightweight tag as a release; "required" ignores it, saying so', () => {
    const commits: CommitSpec[] = [
      { message: "feat(api): first", annotated: ["api/v1.0.0"] },
      { message: "feat(api): second", tags: ["api/v1.1.0"] },
      { message: "fix(api): third" },
    ];
    const allowed = apiRepo(commits);
    expect(json<PlanJson>(relnotes(allowed.dir, ["preview", "api", "--json"])).releases[0]).toMatchObject({
      version: "1.1.1",
      previousTag: "api/v1.1.0",
    });
    expect(relnotes(allowed.dir, ["version", "api"]).stdout).toBe("1.1.0\n");

    const required = apiRepo(commits, { ...CONFIG, tag: { annotated: "required" } });
    const res = relnotes(required.dir, ["preview", "api", "--json"]);
    expect(json<PlanJson>(res).releases[0]).toMatchObject({ version: "1.1.0", previousTag: "api/v1.0.0" });
    expect(res.stderr).toContain('api: ignored 1 tag that is lightweight (tag.annotated: "required"): api/v1.1.0');
    expect(relnotes(required.dir, ["version", "api"]).stdout).toBe("1.0.0\n");
    const contexts = json<{ tag: string }[]>(relnotes(required.dir, ["changelog", "api", "--context"]));
    expect(contexts.map((c) => c.tag)).toEqual(["HEAD", "api/v1.0.0"]);
  });

  it('with tag.format "{version}", other namespaces\' tags are not reported as bad versions; a near-miss is', () => {
    const r = repo({
      files: { "cliff.config.json": `${JSON.stringify({ tag: { format: "{version}" } })}\n` },
      commits: [
        { message: "feat: first", annotated: ["1.0.0", "api/v3.0.0", "nightly"] },
        { message: "fix: second", annotated: ["1.1"] },
        { message: "fix: third" },
      ],
    });
    const res = relnotes(r.dir, ["preview", "--json"]);
    expect(json<PlanJson>(res).releases[0]).toMatchObject({ version: "1.0.1", previousTag: "1.0.0" });
    expect(res.stderr).toContain("ignored 1 tag that is not SemVer 2.0.0: 1.1");
    expect(res.stderr).not.toContain("api/v3.0.0");
    expect(res.stderr).not.toContain("nightly");
  });
});
