import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp } from "../helpers/repo.js";
import { apiVaultSpec, releasedRepo, stateFile, type Released } from "./setup.js";

const TOKEN = "ghs_resumeTestToken123";
const servers: FakeGitHub[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(cleanupTemp);

/** api (with a changelog and a hook that writes its VERSION file) and vault, released to a bare remote and a loopback GitHub. */
async function setup(): Promise<{ r: Released; github: FakeGitHub; env: Record<string, string> }> {
  const github = await startFakeGitHub({ token: TOKEN });
  servers.push(github);
  const r = releasedRepo(apiVaultSpec({ github: { owner: "acme", repo: "widgets" }, hooks: { beforeCommit: ['printf "%s\\n" "$RELNOTES_API_VERSION" > svc/api/VERSION'] } }));
  return { r, github, env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "1" } };
}

const STEPS = ["write", "hooks", "commit", "tag:api/v1.3.0", "tag:vault/v0.4.1", "push-branch", "push:api/v1.3.0", "push:vault/v0.4.1", "github:api/v1.3.0", "github:vault/v0.4.1"];

function endState(r: Released, github: FakeGitHub) {
  return {
    repo: r.snapshot(),
    pushes: r.remote.pushes(),
    releases: github.store.list().map((x) => ({ tag: x.tag_name, name: x.name, body: x.body, draft: x.draft, prerelease: x.prerelease })),
    versionFile: readFileSync(join(r.work.dir, "svc/api/VERSION"), "utf8"),
    state: existsSync(stateFile(r.work)),
  };
}

describe("a release killed after any step is completed by the next bump", () => {
  let baseline: ReturnType<typeof endState>;

  it("an uninterrupted run: release commit (changelog + hook output), two tags, three pushes, two GitHub releases", async () => {
    const { r, github, env } = await setup();
    const res = await r.runAsync(["bump", "api", "vault", "--yes"], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toContain(TOKEN);
    baseline = endState(r, github);
    expect(baseline.pushes).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"], ["refs/tags/vault/v0.4.1"]]);
    expect(baseline.releases.map((x) => x.tag).sort()).toEqual(["api/v1.3.0", "vault/v0.4.1"]);
    expect(baseline.versionFile).toBe("1.3.0\n");
    expect(r.work.git("show", "--name-only", "--format=%s", "HEAD")).toBe("chore(release): api v1.3.0, vault v0.4.1\n\nsvc/api/CHANGELOG.md\nsvc/api/VERSION\n");
    expect(r.remote.git("rev-parse", "refs/tags/vault/v0.4.1^{commit}").trim()).toBe(r.work.git("rev-parse", "HEAD").trim());
    expect(res.stdout).toContain("GitHub release: ");
    expect(github.violations).toEqual([]);
  });

  STEPS.forEach((step, i) => {
    it(`killed right after "${step}": ${i % 2 === 0 ? "bump --yes" : "bump --resume"} completes it, same end state`, async () => {
      const { r, github, env } = await setup();
      const killed = await r.runAsync(["bump", "api", "vault", "--yes"], { ...env, RELNOTES_TEST_KILL_AFTER: step });
      expect(killed.code).toBe(-1);
      expect(existsSync(stateFile(r.work))).toBe(true);
      const again = await r.runAsync(i % 2 === 0 ? ["bump", "--yes"] : ["bump", "--resume"], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain("An unfinished release was found");
      const done = STEPS.slice(0, i);
      for (const d of done) expect(again.stderr).toMatch(new RegExp(`✓ done\\s+.*${d.includes(":") ? d.split(":")[1]!.replace(/[./]/g, "\\$&") : ""}`));
      expect(again.stdout).toContain("Completed the unfinished release.");
      expect(endState(r, github)).toEqual(baseline);
      expect(github.violations).toEqual([]);
    });
  });
});

describe("--abort removes only what is local", () => {
  it("killed after the tags: --abort drops the local tags and the release commit; the repository is as before", async () => {
    const { r, env } = await setup();
    const before = r.snapshot();
    const killed = await r.runAsync(["bump", "api", "vault", "--yes"], { ...env, RELNOTES_TEST_KILL_AFTER: "tag:vault/v0.4.1" });
    expect(killed.code).toBe(-1);
    expect(r.work.git("tag", "-l", "*/v1.3.0")).toContain("api/v1.3.0");
    const aborted = await r.runAsync(["bump", "--abort"], env);
    expect(aborted.code, aborted.stderr).toBe(0);
    expect(aborted.stdout).toContain("removed local tag api/v1.3.0");
    expect(aborted.stdout).toMatch(/removed release commit \w{7} \(main is back at \w{7}\)/);
    expect(r.snapshot()).toBe(before);
    expect(existsSync(stateFile(r.work))).toBe(false);
  });

  it("killed after pushing the first tag: --abort keeps what the remote has and removes the rest", async () => {
    const { r, env } = await setup();
    const killed = await r.runAsync(["bump", "api", "vault", "--yes"], { ...env, RELNOTES_TEST_KILL_AFTER: "push:api/v1.3.0" });
    expect(killed.code).toBe(-1);
    const commit = r.work.git("rev-parse", "HEAD").trim();
    const aborted = await r.runAsync(["bump", "--abort"], env);
    expect(aborted.code, aborted.stderr).toBe(0);
    expect(aborted.stdout).toContain("kept    tag api/v1.3.0 (already on origin)");
    expect(aborted.stdout).toContain(`kept    release commit ${commit.slice(0, 7)} (already on origin/main)`);
    expect(aborted.stdout).toContain("removed local tag vault/v0.4.1");
    expect(r.work.git("rev-parse", "HEAD").trim()).toBe(commit);
    expect(r.work.git("tag", "-l", "vault/v0.4.1")).toBe("");
    expect(r.remote.refs().has("refs/tags/api/v1.3.0")).toBe(true);
  });

  it("a pending release blocks a new one until it is resumed or aborted", async () => {
    const { r, env } = await setup();
    await r.runAsync(["bump", "api", "vault", "--yes"], { ...env, RELNOTES_TEST_KILL_AFTER: "commit" });
    const other = await r.runAsync(["bump", "api", "--yes"], env);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("an unfinished release of api/v1.3.0, vault/v0.4.1 is in progress");
    const noTty = await r.runAsync(["bump"], env);
    expect(noTty.code).toBe(1);
    expect(noTty.stderr).toContain("pass --resume");
  });
});

describe("hooks.beforeCommit", () => {
  it("a failing hook stops the release and restores the files; nothing is committed or tagged", async () => {
    const github = await startFakeGitHub({ token: TOKEN });
    servers.push(github);
    const r = releasedRepo(apiVaultSpec({ hooks: { beforeCommit: [["sh", "-c", "echo broken >> svc/vault/main.go; echo cargo check failed >&2; exit 3"]] } }));
    const before = r.snapshot();
    const res = await r.runAsync(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('hook ["sh","-c","echo broken >> svc/vault/main.go; echo cargo check failed >&2; exit 3"] failed (exit 3); the release stopped and the files were restored');
    expect(res.stderr).toContain("| cargo check failed");
    expect(r.snapshot()).toBe(before);
    expect(existsSync(join(r.work.dir, "svc/api/CHANGELOG.md"))).toBe(false);
    expect(existsSync(stateFile(r.work))).toBe(false);
  });
});

describe("GitHub settings are checked before anything is written", () => {
  it("a token but no way to tell the GitHub repository: refused up front", () => {
    const r = releasedRepo(apiVaultSpec({ github: { release: "publish" } }));
    const before = r.snapshot();
    const res = r.run(["bump", "vault", "--yes"], { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: "http://127.0.0.1:9" });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("GitHub releases are on (github.release: \"publish\") but the repository is unknown");
    expect(res.stderr).not.toContain(TOKEN);
    expect(r.snapshot()).toBe(before);
  });
});
