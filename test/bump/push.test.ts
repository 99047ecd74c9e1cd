import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupTemp, gitIn } from "../helpers/repo.js";
import { startGitDaemon } from "./daemon.js";
import { bareRemote, releasedRepo, servicesConfig, stateFile } from "./setup.js";
import { existsSync } from "node:fs";

afterAll(cleanupTemp);

const NAMES = ["api", "vault", "frontline", "krane", "cli"];

function monorepo(names = ["api", "vault"]) {
  return {
    files: { "cliff.config.json": servicesConfig(names) },
    commits: [
      {
        message: "feat: initial",
        files: Object.fromEntries(names.map((n) => [`svc/${n}/main.go`, "v1\n"])),
        annotated: names.map((n) => `${n}/v1.2.0`),
      },
      ...names.map((n) => ({
        message: `feat(${n}): new endpoint (#${10 + n.length})`,
        files: { [`svc/${n}/main.go`]: `v2 ${n}\n` },
      })),
      { message: "fix(api): handle nil keys (#42)", files: { "svc/api/keys.go": "fixed\n" } },
    ],
  };
}

describe("relnotes bump pushes one annotated tag per push", () => {
  it("bump api --yes on main: the remote gets an annotated api/v1.3.0 on HEAD, in a push of its own", () => {
    const r = releasedRepo(monorepo());
    const head = r.work.git("rev-parse", "HEAD").trim();
    const res = r.run(["bump", "api", "--yes"]);
    expect(res.stderr).not.toMatch(/error/);
    expect(res.code).toBe(0);
    // The plan with commits and PR numbers, then the hand-off.
    expect(res.stdout).toMatch(/api\s+1\.2\.0 → 1\.3\.0/);
    expect(res.stdout).toMatch(/#42\s+fix\(api\): handle nil keys/);
    expect(res.stdout).toContain("changes: https://github.com/acme/widgets/compare/api/v1.2.0...api/v1.3.0");
    expect(r.remote.pushes()).toEqual([["refs/tags/api/v1.3.0"]]);
    expect(r.remote.git("cat-file", "-t", "refs/tags/api/v1.3.0").trim()).toBe("tag");
    expect(r.remote.git("rev-parse", "refs/tags/api/v1.3.0^{commit}").trim()).toBe(head);
    expect(r.remote.git("cat-file", "-p", "refs/tags/api/v1.3.0")).toContain("\napi v1.3.0\n");
    expect(existsSync(stateFile(r.work))).toBe(false);
  });

  it("five services at once: five pushes, one tag each, in plan order", () => {
    const r = releasedRepo(monorepo(NAMES));
    const res = r.run(["bump", ...NAMES, "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(r.remote.pushes()).toEqual([
      ["refs/tags/api/v1.3.0"],
      ["refs/tags/vault/v1.3.0"],
      ["refs/tags/frontline/v1.3.0"],
      ["refs/tags/krane/v1.3.0"],
      ["refs/tags/cli/v1.3.0"],
    ]);
    for (const n of NAMES) expect(r.remote.git("cat-file", "-t", `refs/tags/${n}/v1.3.0`).trim()).toBe("tag");
  });

  it("a user's push.followTags does not smuggle older local tags into the pushes", () => {
    const r = releasedRepo(monorepo(["api", "vault"]));
    r.work.git("tag", "-a", "-m", "local only", "scratch/v0.0.1", "HEAD~1");
    r.work.git("config", "push.followTags", "true");
    const res = r.run(["bump", "api", "vault", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(r.remote.pushes()).toEqual([["refs/tags/api/v1.3.0"], ["refs/tags/vault/v1.3.0"]]);
  });

  it("works over git daemon on loopback (git:// push and ls-remote)", async () => {
    const remote = bareRemote();
    const daemon = await startGitDaemon(dirname(remote.bare));
    try {
      const r = releasedRepo(monorepo(["api", "vault"]), { remote, url: (bare) => daemon.url(bare) });
      expect(r.work.git("remote", "get-url", "origin")).toMatch(/^git:\/\/127\.0\.0\.1:\d+\//);
      const res = r.run(["bump", "api", "vault", "--yes"]);
      expect(res.code, res.stderr).toBe(0);
      expect(r.remote.pushes()).toEqual([["refs/tags/api/v1.3.0"], ["refs/tags/vault/v1.3.0"]]);
      const listed = gitIn(r.work.dir, ["ls-remote", "--tags", "origin", "refs/tags/vault/v1.3.0^{}"]);
      expect(listed.split("\t")[0]).toBe(r.work.git("rev-parse", "HEAD").trim());
    } finally {
      await daemon.stop();
    }
  });
});
