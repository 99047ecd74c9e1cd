import { afterAll, describe, expect, it } from "vitest";
import { TOKEN } from "../helpers/github/fixture.js";
import { startFakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp, gitIn, writeFiles } from "../helpers/repo.js";
import { releasedRepo, type Released } from "../bump/setup.js";
import {
  ciCheckout,
  installRelnotes,
  mise,
  recipeRepoFiles,
  relnotesIn,
  runStep,
  stepScript,
  workflow,
} from "./harness.js";

afterAll(cleanupTemp);

const RECIPE = "per-service-images";
const GITHUB_URL = "https://github.com/acme/platform.git";

/** Services api, frontline, vault (images) and cli, released before; new work on api and frontline, a CI change. */
function platform() {
  const r = releasedRepo({
    files: recipeRepoFiles(RECIPE),
    commits: [
      {
        message: "chore: services",
        files: {
          "svc/api/main.go": "1\n",
          "svc/frontline/main.go": "1\n",
          "svc/vault/main.go": "1\n",
          "cmd/cli/main.go": "1\n",
        },
        annotated: ["api/v1.2.3", "frontline/v0.9.0", "vault/v0.4.0", "cli/v1.0.0"],
      },
      { message: "feat(api): verify keys in bulk (#101)", files: { "svc/api/keys.go": "bulk\n" } },
      { message: "fix(frontline): keep-alive timeout (#102)", files: { "svc/frontline/main.go": "2\n" } },
      { message: "ci: cache the build", files: { ".github/ci.yml": "on: push\n" } },
    ],
  });
  installRelnotes(r.work.dir);
  return r;
}

const release = (args: string[]) => ["run", "release", "--", ...args];

describe("recipe: per-service images with immutable tags", () => {
  it("tag from main, candidates from anywhere, one image tag per release, tags by hand checked in CI", async () => {
    const r = platform();
    const dir = r.work.dir;
    const sha = (rev: string) => r.work.git("rev-parse", `${rev}^{commit}`).trim();

    // 1. Preview: api is numbered as a patch (bump.default), and the plan says the commits ask for more.
    const dry = await mise(dir, release(["--dry-run", "api"]));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("api  1.2.3 → 1.2.4  (patch: 1 feat)");
    expect(dry.stdout).toContain(
      'warning: api: 1 feat commit released as a patch (bump.default is "patch"; --auto follows the commits; the commits call for minor)',
    );
    expect(r.remote.pushes()).toEqual([]);

    // 2. Two services, one tag per push.
    const both = await mise(dir, release(["--yes", "api", "frontline"]));
    expect(both.code, both.stderr).toBe(0);
    expect(r.remote.pushes()).toEqual([["refs/tags/api/v1.2.4"], ["refs/tags/frontline/v0.9.1"]]);

    // 3. The walkthrough: a candidate of the next minor, another with nothing new, then the stable tag on the same commit.
    commitFiles(r, "feat(api): per-key rate limits (#103)", { "svc/api/limits.go": "1\n" });
    r.work.git("push", "-q", "origin", "main");
    // (What the mise task runs, called directly: the task itself is exercised above.)
    const rc1 = await relnotesIn(dir, ["bump", "--bump", "minor", "--rc", "--yes", "api", "--no-github"]);
    expect(rc1.code, rc1.stderr).toBe(0);
    const rc2 = await relnotesIn(dir, ["bump", "--rc", "--yes", "api", "--no-github"]);
    expect(rc2.code, rc2.stderr).toBe(0);
    expect(rc2.stdout).toContain("(prerelease: no new commits since rc.1; re-tagging the same commit as rc.2)");
    const stable = await relnotesIn(dir, ["bump", "--bump", "minor", "--yes", "api", "--no-github"]);
    expect(stable.code, stable.stderr).toBe(0);
    expect(sha("api/v1.3.0")).toBe(sha("api/v1.3.0-rc.1"));
    expect(sha("api/v1.3.0-rc.2")).toBe(sha("api/v1.3.0-rc.1"));

    // 4. A candidate from a feature branch is fine; a stable tag made by hand there is not.
    gitIn(dir, ["checkout", "-q", "-b", "canary"]);
    commitFiles(r, "feat(vault): unseal with quorum", { "svc/vault/quorum.go": "1\n" });
    const canary = await relnotesIn(dir, ["bump", "vault@v0.5.0-rc.1", "--yes", "--no-github"]);
    expect(canary.code, canary.stderr).toBe(0);
    gitIn(dir, ["tag", "-a", "-m", "vault v0.5.0", "vault/v0.5.0"]);
    gitIn(dir, ["tag", "-a", "-m", "web v1.0.0", "web/v1.0.0"]);
    gitIn(dir, ["checkout", "-q", "main"]);
    gitIn(dir, ["tag", "vault/v0.4.1"]);
    for (const t of ["vault/v0.5.0", "web/v1.0.0", "vault/v0.4.1"])
      gitIn(dir, ["push", "-q", "origin", `refs/tags/${t}`]);

    // 5. CI: the tag workflow's verify step, in a fresh checkout of each tag.
    const wf = workflow(RECIPE, "service-release.yml");
    expect(Object.keys(wf.on.push!).length).toBe(1);
    expect((wf.on.push as { tags: string[] }).tags).toEqual([
      "api/v[0-9]+.[0-9]+.[0-9]+*",
      "frontline/v[0-9]+.[0-9]+.[0-9]+*",
      "vault/v[0-9]+.[0-9]+.[0-9]+*",
    ]);
    const verify = stepScript(wf, "verify", "tag");
    const accepted: Record<string, string> = {
      "api/v1.2.4": "ghcr.io/acme/api:v1.2.4",
      "frontline/v0.9.1": "ghcr.io/acme/frontline:v0.9.1",
      "api/v1.3.0-rc.1": "ghcr.io/acme/api:v1.3.0-rc.1",
      "api/v1.3.0-rc.2": "ghcr.io/acme/api:v1.3.0-rc.2",
      "api/v1.3.0": "ghcr.io/acme/api:v1.3.0",
      "vault/v0.5.0-rc.1": "ghcr.io/acme/vault:v0.5.0-rc.1",
      // Tagged by hand with a plain `git tag` (the runbook's fallback): a release like any other (tag.annotated: "allowed").
      "vault/v0.4.1": "ghcr.io/acme/vault:v0.4.1",
    };
    for (const [tag, images] of Object.entries(accepted)) {
      const ci = await runStep(verify, ciCheckout(r.remote, tag, GITHUB_URL), { TAG: tag });
      expect(ci.code, `${tag}: ${ci.stderr}`).toBe(0);
      expect(ci.outputs.images, tag).toBe(images);
      expect(ci.outputs.service).toBe(tag.split("/")[0]);
    }
    const refused: Record<string, string> = {
      "vault/v0.5.0": "error: tag vault/v0.5.0 is a stable release, but its commit",
      "web/v1.0.0": "error: tag web/v1.0.0 does not belong to any configured service",
    };
    for (const [tag, message] of Object.entries(refused)) {
      const ci = await runStep(verify, ciCheckout(r.remote, tag, GITHUB_URL), { TAG: tag });
      expect(ci.code, tag).toBe(1);
      expect(ci.stderr).toContain(message);
      expect(ci.outputs).toEqual({});
    }

    // `relnotes tags`: the same single tag; a main build only by commit.
    expect((await relnotesIn(dir, ["tags", "api/v1.3.0"])).stdout).toBe("ghcr.io/acme/api:v1.3.0\n");
    expect((await relnotesIn(dir, ["tags", "--main", "--service", "api"])).stdout).toBe(
      `ghcr.io/acme/api:sha-${sha("HEAD").slice(0, 7)}\n`,
    );

    // 6. The release job against the loopback GitHub: the candidate is a pre-release, nothing is Latest (no github.latest).
    const github = await startFakeGitHub({ token: TOKEN, owner: "acme", repo: "platform" });
    try {
      const script = stepScript(wf, "github-release", "release");
      for (const tag of ["api/v1.3.0-rc.1", "api/v1.3.0"]) {
        const ci = await runStep(script, ciCheckout(r.remote, tag, GITHUB_URL), {
          TAG: tag,
          GITHUB_TOKEN: TOKEN,
          GITHUB_API_URL: github.url,
          RELNOTES_GITHUB_RETRY_MS: "1",
        });
        expect(ci.code, ci.stderr).toBe(0);
      }
      expect(
        github.store
          .list()
          .map((x) => [x.tag_name, x.prerelease, x.draft])
          .sort(),
      ).toEqual([
        ["api/v1.3.0", false, false],
        ["api/v1.3.0-rc.1", true, false],
      ]);
      expect(github.writes().map((w) => w.body?.make_latest)).toEqual(["false", "false"]);
      expect(github.violations).toEqual([]);
    } finally {
      await github.close();
    }
  });
});

function commitFiles(r: Released, message: string, files: Record<string, string>): void {
  writeFiles(r.work.dir, files);
  r.work.git("add", "-A");
  r.work.git("commit", "-q", "-m", message);
}
