import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, tempDir } from "../helpers/repo.js";
import { annotate, monorepo, publish, SERVICES_CONFIG, sha7 } from "./fixture.js";

afterAll(cleanupTemp);

interface VerifyJson {
  service: string | null;
  version: string;
  prerelease: boolean;
  tag: string;
  previousTag: string | null;
  commit: string;
  stableBranch: string | null;
  tags: string[];
  images: string[];
  held: { alias: string; heldBy: string }[];
}

function released() {
  const r = monorepo([
    { message: "feat(api): first", annotated: ["api/v1.0.0"] },
    { message: "fix(api): second", annotated: ["api/v1.0.1"] },
    { message: "feat(api): third", annotated: ["api/v1.1.0"] },
  ]);
  publish(r);
  return r;
}

describe("verify-tag: a valid stable tag on main", () => {
  it("passes on a detached HEAD and prints service, version, previous tag and the matrix", () => {
    const r = released();
    r.git("checkout", "-q", "--detach", "api/v1.1.0");
    const res = relnotes(r.dir, ["verify-tag", "api/v1.1.0"]);
    expect(res.code).toBe(0);
    const short = sha7(r, "api/v1.1.0");
    expect(res.stdout).toContain("✓ api/v1.1.0 is a valid release tag");
    expect(res.stdout).toMatch(/service\s+api\n/);
    expect(res.stdout).toMatch(/version\s+1\.1\.0\n/);
    expect(res.stdout).toMatch(/prerelease\s+no\n/);
    expect(res.stdout).toMatch(/previous tag\s+api\/v1\.0\.1\n/);
    expect(res.stdout).toMatch(/stable branch\s+origin\/main\n/);
    expect(res.stdout).toContain(`image tags    1.1.0 1.1 1 latest sha-${short}`);
    expect(res.stdout).toContain(`ghcr.io/acme/api:1.1.0`);
  });

  it("--json has service, version, prerelease, previousTag, commit, tags", () => {
    const r = released();
    const out = json<VerifyJson>(relnotes(r.dir, ["verify-tag", "api/v1.1.0", "--json"]));
    const commit = r.git("rev-parse", "api/v1.1.0^{commit}").trim();
    expect(out).toMatchObject({
      service: "api",
      version: "1.1.0",
      prerelease: false,
      tag: "api/v1.1.0",
      previousTag: "api/v1.0.1",
      commit,
      stableBranch: "origin/main",
      tags: ["1.1.0", "1.1", "1", "latest", `sha-${commit.slice(0, 7)}`],
      images: ["1.1.0", "1.1", "1", "latest", `sha-${commit.slice(0, 7)}`].map((t) => `ghcr.io/acme/api:${t}`),
      held: [],
    });
  });

  it("an older patch after a newer minor moves X.Y only (forward-only aliases)", () => {
    const r = released();
    r.git("checkout", "-q", "-b", "hotfix/1.0", "api/v1.0.1");
    r.git("commit", "-q", "--allow-empty", "-m", "fix(api): backport");
    annotate(r, "api/v1.0.2");
    r.git("push", "-q", "origin", "hotfix/1.0");
    r.git("fetch", "-q", "origin");
    const cfg = { services: { api: { paths: ["svc/api/"] } }, branches: { stable: ["main", "hotfix/*"] } };
    r.git("checkout", "-q", "main");
    writeFileSync(`${r.dir}/cliff.config.json`, JSON.stringify(cfg));
    const out = json<VerifyJson>(relnotes(r.dir, ["verify-tag", "api/v1.0.2", "--json"]));
    expect(out.stableBranch).toBe("origin/hotfix/1.0");
    expect(out.tags).toEqual(["1.0.2", "1.0", `sha-${sha7(r, "api/v1.0.2")}`]);
    expect(out.held).toEqual([
      { alias: "1", heldBy: "1.1.0" },
      { alias: "latest", heldBy: "1.1.0" },
    ]);
    expect(out.images).toEqual([]);
  });
});

describe("verify-tag: a single package tagged v1.2.3, no config", () => {
  it("passes with service null, and accepts the full ref name", () => {
    const r = repo({
      commits: [
        { message: "feat: a", annotated: ["v0.9.0"] },
        { message: "feat!: b", annotated: ["v1.0.0"] },
      ],
    });
    publish(r);
    const out = json<VerifyJson>(relnotes(r.dir, ["verify-tag", "refs/tags/v1.0.0", "--json"]));
    expect(out).toMatchObject({
      service: null,
      version: "1.0.0",
      tag: "v1.0.0",
      previousTag: "v0.9.0",
      tags: ["1.0.0", "1.0", "1", "latest", `sha-${sha7(r, "v1.0.0")}`],
      images: [],
    });
    expect(relnotes(r.dir, ["verify-tag", "v1.0.0"]).stdout).toMatch(/service\s+\(single package\)/);
  });
});

describe("verify-tag: refusals", () => {
  it("refuses an unknown service prefix and lists the known namespaces", () => {
    const r = released();
    annotate(r, "web/v1.0.0");
    const res = relnotes(r.dir, ["verify-tag", "web/v1.0.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("error: tag web/v1.0.0 does not belong to any configured service");
    expect(res.stderr).toContain("hint: known tag namespaces: api/v*, vault/v*");
  });

  it("refuses a version that is not strict SemVer", () => {
    const r = released();
    annotate(r, "api/v01.2.0");
    const res = relnotes(r.dir, ["verify-tag", "api/v01.2.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('"01.2.0" is not a SemVer 2.0.0 version');
  });

  it("refuses a tag that is not in the repository", () => {
    const r = released();
    const res = relnotes(r.dir, ["verify-tag", "api/v9.9.9"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("tag api/v9.9.9 does not exist in this repository");
  });

  it('reads a lightweight tag by the one tag rule: a release by default, refused with tag.annotated: "required"', () => {
    const r = released();
    r.git("tag", "api/v1.2.0");
    const allowed = json<VerifyJson>(relnotes(r.dir, ["verify-tag", "api/v1.2.0", "--json"]));
    expect(allowed).toMatchObject({ tag: "api/v1.2.0", previousTag: "api/v1.1.0", stableBranch: "origin/main" });
    writeFileSync(
      join(r.dir, "cliff.config.json"),
      JSON.stringify({ ...SERVICES_CONFIG, tag: { annotated: "required" } }),
    );
    const res = relnotes(r.dir, ["verify-tag", "api/v1.2.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'error: tag api/v1.2.0 is a lightweight tag, and the configuration reads only annotated tags as releases (tag.annotated: "required")',
    );
    expect(res.stderr).toContain("hint: tag releases with git tag -a");
  });

  it("refuses a stable tag whose commit is not on origin/main, but accepts a pre-release there", () => {
    const r = released();
    r.git("checkout", "-q", "-b", "feature");
    r.git("commit", "-q", "--allow-empty", "-m", "feat(api): unmerged");
    annotate(r, "api/v1.2.0");
    annotate(r, "api/v1.2.0-rc.1");
    const res = relnotes(r.dir, ["verify-tag", "api/v1.2.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /error: tag api\/v1\.2\.0 is a stable release, but its commit [0-9a-f]{12} is not on origin\/main/,
    );
    const rc = json<VerifyJson>(relnotes(r.dir, ["verify-tag", "api/v1.2.0-rc.1", "--json"]));
    expect(rc).toMatchObject({
      prerelease: true,
      stableBranch: null,
      previousTag: "api/v1.1.0",
      tags: ["1.2.0-rc.1", `sha-${sha7(r, "HEAD")}`],
    });
  });

  it("a local main is not enough: the check reads refs/remotes/origin/main", () => {
    const r = monorepo([{ message: "feat(api): first", annotated: ["api/v1.0.0"] }]);
    let res = relnotes(r.dir, ["verify-tag", "api/v1.0.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("no remote-tracking branch origin/main");
    // A real remote-tracking ref, behind the tag: still refused.
    r.git("commit", "-q", "--allow-empty", "-m", "feat(api): later");
    annotate(r, "api/v1.1.0");
    r.git("update-ref", "refs/remotes/origin/main", "api/v1.0.0^{commit}");
    res = relnotes(r.dir, ["verify-tag", "api/v1.1.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("is not on origin/main");
    r.git("update-ref", "refs/remotes/origin/main", "HEAD");
    expect(relnotes(r.dir, ["verify-tag", "api/v1.1.0"]).code).toBe(0);
  });

  it("in a shallow clone that cannot tell, says so instead of refusing the tag as off main", () => {
    const r = released();
    const remote = r.git("remote", "get-url", "origin").trim();
    r.git("push", "-q", "origin", "--tags");
    const clone = tempDir("rn-shallow-");
    gitIn(clone, ["clone", "-q", "--depth", "1", "--branch", "main", `file://${remote}`, "."]);
    gitIn(clone, ["fetch", "-q", "--depth", "1", "origin", "tag", "api/v1.0.0"]);
    const res = relnotes(clone, ["verify-tag", "api/v1.0.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      "error: this is a shallow clone: the history of api/v1.0.0 since the beginning reaches the clone's cut",
    );
    expect(res.stderr).toContain("hint: fetch the full history and tags: git fetch --unshallow --tags");
    gitIn(clone, ["fetch", "-q", "--unshallow", "--tags", "origin"]);
    expect(relnotes(clone, ["verify-tag", "api/v1.0.0"]).code).toBe(0);
  });

  it("lists every broken rule at once", () => {
    const r = released();
    r.git("checkout", "-q", "-b", "feature");
    r.git("commit", "-q", "--allow-empty", "-m", "feat(api): unmerged");
    r.git("tag", "api/v1.2.0");
    writeFileSync(join(r.dir, "cliff.config.json"), JSON.stringify({ ...SERVICES_CONFIG, tag: { sign: "gpg" } }));
    const res = relnotes(r.dir, ["verify-tag", "api/v1.2.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("error: tag api/v1.2.0 breaks 2 release rules:");
    expect(res.stderr).toContain("  - tag api/v1.2.0 is not signed, but the configuration requires signed tags");
    expect(res.stderr).toContain("is not on origin/main");
  });

  it("is a usage error without exactly one tag", () => {
    const r = released();
    expect(relnotes(r.dir, ["verify-tag"]).code).toBe(2);
  });
});
