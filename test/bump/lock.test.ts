import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp } from "../helpers/repo.js";
import { apiVaultSpec, releasedRepo } from "./setup.js";

const TOKEN = "ghp_lockTestToken0123456789abcdefABCDEF";
const servers: FakeGitHub[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(cleanupTemp);

function relnotesDir(dir: string): string {
  return join(dir, ".git", "relnotes");
}

/** A pid that is certainly not running: a process that has exited. */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    }).stdout.trim(),
  );
}

function writeLock(dir: string, owner: { pid: number; host: string; startedAt: string }): void {
  mkdirSync(relnotesDir(dir), { recursive: true });
  writeFileSync(join(relnotesDir(dir), "lock"), `${JSON.stringify(owner)}\n`);
}

describe("one release at a time", () => {
  for (const mode of ["draft", "publish"] as const) {
    it(`two bumps started at once (github.release: "${mode}"): one releases, the other says another release is in progress`, async () => {
      const github = await startFakeGitHub({ token: TOKEN });
      servers.push(github);
      // The hook keeps the winner inside its release long enough for the other run to arrive.
      const r = releasedRepo(
        apiVaultSpec({
          github: { owner: "acme", repo: "widgets", release: mode },
          hooks: { beforeCommit: [["sleep", "1"]] },
        }),
      );
      const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "1" };
      const runs = await Promise.all([
        r.runAsync(["bump", "api", "vault", "--yes"], env),
        r.runAsync(["bump", "api", "vault", "--yes"], env),
      ]);
      const winner = runs.find((x) => x.code === 0);
      const loser = runs.find((x) => x.code !== 0);
      expect(winner, runs.map((x) => x.stderr).join("\n----\n")).toBeDefined();
      expect(loser, runs.map((x) => x.stderr).join("\n----\n")).toBeDefined();
      expect(loser!.code).toBe(1);
      expect(loser!.stderr).toMatch(
        /error: another release is in progress in this repository: relnotes \(pid \d+ on .+\) has held .*\.git\/relnotes\/lock since \d{4}-/,
      );
      expect(loser!.stderr).toContain("hint: wait for it to finish");
      const releases = github.store
        .list()
        .map((x) => `${x.tag_name} draft=${x.draft}`)
        .sort();
      expect(releases).toEqual([`api/v1.3.0 draft=${mode === "draft"}`, `vault/v0.4.1 draft=${mode === "draft"}`]);
      expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"], ["refs/tags/vault/v0.4.1"]]);
      expect(readdirSync(relnotesDir(r.work.dir)).filter((f) => f !== "tmp")).toEqual([]);
      expect(github.violations).toEqual([]);
    });
  }

  it("a lock held by a live process is respected: nothing is fetched, planned or written", async () => {
    const r = releasedRepo(apiVaultSpec());
    writeLock(r.work.dir, { pid: process.pid, host: hostname(), startedAt: "2026-03-01T11:59:00.000Z" });
    const before = r.snapshot();
    const res = await r.runAsync(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      `another release is in progress in this repository: relnotes (pid ${process.pid} on ${hostname()}) has held`,
    );
    expect(res.stderr).not.toContain("fetching");
    expect(r.snapshot()).toBe(before);
    expect(existsSync(join(relnotesDir(r.work.dir), "lock"))).toBe(true);
  });

  it("a stale lock (dead pid on this host) is taken over with a warning, and released at the end", async () => {
    const r = releasedRepo(apiVaultSpec());
    const pid = deadPid();
    writeLock(r.work.dir, { pid, host: hostname(), startedAt: "2026-03-01T11:00:00.000Z" });
    const res = await r.runAsync(["bump", "vault", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(
      `warning: took over the release lock of relnotes pid ${pid} (started 2026-03-01T11:00:00.000Z), which is no longer running`,
    );
    expect(existsSync(join(relnotesDir(r.work.dir), "lock"))).toBe(false);
  });
});

describe("debris of a killed run", () => {
  it("temp files in .git/relnotes/tmp/ are swept at the next run", async () => {
    const r = releasedRepo(apiVaultSpec());
    mkdirSync(join(relnotesDir(r.work.dir), "tmp"), { recursive: true });
    writeFileSync(join(relnotesDir(r.work.dir), "tmp", ".CHANGELOG.md.0badc0de.tmp"), "half");
    writeFileSync(join(relnotesDir(r.work.dir), "tmp", "release.json.12345.tmp"), "{");
    const res = await r.runAsync(["bump", "api", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(readdirSync(join(relnotesDir(r.work.dir), "tmp"))).toEqual([]);
  });

  it("a git lock file is named with the command that removes it; one left by a dead relnotes run is removed", async () => {
    const r = releasedRepo(apiVaultSpec());
    const index = join(r.work.dir, ".git", "index.lock");
    writeFileSync(index, "");
    utimesSync(index, new Date("2026-03-01T10:00:00Z"), new Date("2026-03-01T10:00:00Z"));
    const before = r.snapshot();
    const refused = await r.runAsync(["bump", "api", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "git lock file .git/index.lock (from 2026-03-01T10:00:00.000Z) exists: a git command is running, or one was killed and left it",
    );
    expect(refused.stderr).toContain(
      `hint: if no git command is running in this repository, remove it: rm -f '${index}'`,
    );
    expect(r.snapshot()).toBe(before);

    // The same file, made while a relnotes run that has since died held the release lock: that run's own git made it.
    const pid = deadPid();
    writeLock(r.work.dir, { pid, host: hostname(), startedAt: "2026-03-01T09:59:00.000Z" });
    const res = await r.runAsync(["bump", "api", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`warning: removed .git/index.lock, left by the killed relnotes run (pid ${pid})`);
    expect(existsSync(index)).toBe(false);
  });
});
