import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { killAfter } from "../helpers/kill-after.js";
import { cleanupTemp } from "../helpers/repo.js";
import { apiVaultSpec, releasedRepo, stateFile, type Released } from "./setup.js";

// A release journal written by relnotes before journal format 2 named the publish step after GitHub:
// step kind "github", ids "github:<tag>", and the mode in a field "github". A relnotes that reads
// format 2 must still complete such a release.

const TOKEN = "ghs_journalFormatToken1";
const servers: FakeGitHub[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(cleanupTemp);

interface Step {
  id: string;
  kind: string;
  tag?: string;
  done: boolean;
}

async function setup(): Promise<{ r: Released; github: FakeGitHub; env: Record<string, string> }> {
  const github = await startFakeGitHub({ token: TOKEN });
  servers.push(github);
  const r = releasedRepo(apiVaultSpec({ github: { owner: "acme", repo: "widgets" } }));
  return { r, github, env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "1" } };
}

/**
 * Kill a release right after `step`, then rewrite its journal the way a format-1 relnotes
 * wrote it: the same facts, every field of format 1 in its order, and the publish step by its old names.
 */
async function format1Journal(
  r: Released,
  env: Record<string, string>,
  step: string,
): Promise<Record<string, unknown>> {
  const killed = await r.runAsync(["bump", "api", "vault", "--yes"], env, killAfter(step));
  expect(killed.code, killed.stderr).toBe(-1);
  const now = JSON.parse(readFileSync(stateFile(r.work), "utf8")) as Record<string, unknown> & { steps: Step[] };
  const old = (s: Step): Step => (s.kind === "publish" ? { ...s, id: `github:${s.tag}`, kind: "github" } : s);
  const journal = {
    format: 1,
    startedAt: now.startedAt,
    remote: now.remote,
    branch: now.branch,
    startHead: now.startHead,
    dirtyAtStart: now.dirtyAtStart,
    hooks: now.hooks,
    hookEnv: now.hookEnv,
    commitMessage: now.commitMessage,
    releases: now.releases,
    files: now.files,
    hookChanged: now.hookChanged,
    commit: now.commit,
    tagObjects: now.tagObjects,
    github: "publish",
    repositoryUrl: now.repositoryUrl,
    steps: now.steps.map(old),
  };
  writeFileSync(stateFile(r.work), `${JSON.stringify(journal, null, 2)}\n`);
  return journal;
}

function releasesOn(github: FakeGitHub): string[] {
  return github.store
    .list()
    .map((x) => `${x.tag_name} draft=${x.draft}`)
    .sort();
}

describe("bump --resume reads a release journal of format 1", () => {
  it("killed after the first GitHub release: the old step names show as done and pending, and the rest completes once", async () => {
    const { r, github, env } = await setup();
    const journal = await format1Journal(r, env, "publish:api/v1.3.0");
    expect((journal.steps as Step[]).filter((s) => s.kind === "github").map((s) => s.id)).toEqual([
      "github:api/v1.3.0",
      "github:vault/v0.4.1",
    ]);

    const resumed = await r.runAsync(["bump", "--resume"], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(
      "  ✓ done    push tag vault/v0.4.1 to origin\n  · pending GitHub release for api/v1.3.0\n  · pending GitHub release for vault/v0.4.1\n",
    );
    expect(resumed.stdout).toContain("Completed the unfinished release.");
    expect(resumed.stdout).toMatch(
      /api\/v1\.3\.0 on [0-9a-f]{7}, pushed to origin\n {4}changes: .*\n {4}GitHub release: http/,
    );
    // The release made before the kill is found and kept: one release per tag, published.
    expect(releasesOn(github)).toEqual(["api/v1.3.0 draft=false", "vault/v0.4.1 draft=false"]);
    expect(github.violations).toEqual([]);
    expect(() => readFileSync(stateFile(r.work))).toThrow(/ENOENT/);
  });

  it("with --no-github, the pending GitHub steps of a format-1 journal are dropped, said so, and the rest completes", async () => {
    const { r, github, env } = await setup();
    await format1Journal(r, env, "push:vault/v0.4.1");
    const resumed = await r.runAsync(["bump", "--resume", "--no-github"], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(
      "  · pending push tag vault/v0.4.1 to origin\n  · pending GitHub release for api/v1.3.0\n",
    );
    expect(resumed.stderr).toContain(
      "warning: --no-github: no GitHub release will be made for api/v1.3.0, vault/v0.4.1 (create them later with relnotes release <tag>)",
    );
    expect(resumed.stdout).toContain("GitHub releases: none (github.release is false, or --no-github)");
    const remoteTags = r.remote.git("tag", "-l").split("\n");
    expect(remoteTags).toContain("api/v1.3.0");
    expect(remoteTags).toContain("vault/v0.4.1");
    expect(releasesOn(github)).toEqual([]);
  });

  it("a draft-mode format-1 journal publishes drafts", async () => {
    const { r, github, env } = await setup();
    const journal = await format1Journal(r, env, "push:vault/v0.4.1");
    writeFileSync(stateFile(r.work), `${JSON.stringify({ ...journal, github: "draft" }, null, 2)}\n`);
    const resumed = await r.runAsync(["bump", "--resume"], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(releasesOn(github)).toEqual(["api/v1.3.0 draft=true", "vault/v0.4.1 draft=true"]);
  });
});
