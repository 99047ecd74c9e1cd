import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseBlock } from "../../src/release/pr/block.js";
import { otherClone, type Released } from "../bump/setup.js";
import { TOKEN } from "../helpers/github/fixture.js";
import type { FakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp, gitIn } from "../helpers/repo.js";
import { localState, mergeOnRemote, protectedRepo, remoteGitHub, squashOnRemote } from "./setup.js";

const servers: FakeGitHub[] = [];
afterEach(async () => {
  const open = servers.splice(0);
  try {
    for (const s of open) expect(s.violations).toEqual([]);
  } finally {
    for (const s of open) await s.close();
  }
});
afterAll(cleanupTemp);

const RELEASE_REF = "refs/heads/relnotes/release";
const PENDING = "autorelease: pending";

interface Setup {
  r: Released;
  github: FakeGitHub;
  pr(args?: string[], env?: Record<string, string>): ReturnType<Released["runAsync"]>;
}

async function setup(): Promise<Setup> {
  const r = protectedRepo();
  const github = await remoteGitHub(r, TOKEN);
  servers.push(github);
  const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "5" };
  return { r, github, pr: (args = [], extra = {}) => r.runAsync(["pr", ...args], { ...env, ...extra }) };
}

/** A commit on the remote's main, made elsewhere and merged there; the work clone then pulls it (fast-forward). */
function landOnMain(r: Released, message: string, files: Record<string, string>): string {
  const other = otherClone(r.remote);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(other, path), text);
  gitIn(other, ["commit", "-q", "-am", message]);
  const sha = mergeOnRemote(r, other);
  pull(r);
  return sha;
}

function pull(r: Released): void {
  r.work.git("fetch", "-q", "origin");
  r.work.git("merge", "-q", "--ff-only", "origin/main");
}

describe("relnotes pr", () => {
  it("opens one labelled pull request with the notes and the block, pushing past a protected main", async () => {
    const { r, github, pr } = await setup();
    const before = localState(r.work.dir);
    const main = r.remote.refs().get("refs/heads/main")!;

    const res = await pr();
    expect(res.code, res.stderr).toBe(0);
    const commit = r.remote.refs().get(RELEASE_REF)!;
    expect(commit).toBeDefined();
    expect(r.remote.refs().get("refs/heads/main")).toBe(main);
    expect(localState(r.work.dir)).toBe(before);

    expect(github.store.pullRequests).toHaveLength(1);
    const opened = github.store.pullRequests[0]!;
    expect(opened).toMatchObject({
      number: 1,
      state: "open",
      head: "relnotes/release",
      base: "main",
      headSha: commit,
      title: "chore(release): api v1.3.0, vault v0.4.1",
      labels: [PENDING],
    });
    // The title is the release commit's first line: what bump would commit.
    expect(r.remote.git("log", "-1", "--format=%s", commit).trim()).toBe(opened.title);
    const body = opened.body!;
    expect(body).toContain("## api 1.3.0\n\nTag `api/v1.3.0`, after `api/v1.2.0` (minor: 1 feat).");
    expect(body).toContain("### Features");
    expect(body).toContain("- **api:** add key rotation ([#41](https://github.com/acme/widgets/pull/41))");
    expect(body).toContain("## vault 0.4.1");
    expect(body).toContain("- **vault:** seal on shutdown ([#43]");
    expect(body).toContain("## Files\n\n- `svc/api/CHANGELOG.md`");
    expect(parseBlock(body, "pull request #1")).toEqual({
      format: 1,
      branch: "relnotes/release",
      base: main,
      commit,
      releases: [
        { service: "api", version: "1.3.0", tag: "api/v1.3.0", previousTag: "api/v1.2.0", prerelease: false },
        { service: "vault", version: "0.4.1", tag: "vault/v0.4.1", previousTag: "vault/v0.4.0", prerelease: false },
      ],
      files: expect.arrayContaining(["svc/api/CHANGELOG.md"]),
    });
    expect(res.stdout).toContain("api    1.2.0 → 1.3.0");
    expect(res.stdout).toContain("Pull request #1 opened: https://github.com/acme/widgets/pull/1");
    expect(res.stderr).toContain("pushed relnotes/release");

    // Again with nothing new: no push, no write on GitHub.
    const pushes = r.remote.pushes().length;
    const writes = github.writes().length;
    const again = await pr();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Pull request #1 unchanged");
    expect(r.remote.pushes().length).toBe(pushes);
    expect(github.writes()).toHaveLength(writes);
    expect(github.requests.filter((q) => q.method === "PATCH")).toEqual([]);
    expect(localState(r.work.dir)).toBe(before);
  });

  it("a new commit on main updates the same pull request: new versions, notes, commit and block", async () => {
    const { r, github, pr } = await setup();
    expect((await pr()).code).toBe(0);
    const first = r.remote.refs().get(RELEASE_REF)!;

    const main = landOnMain(r, "feat(api)!: drop v1 keys (#44)", { "svc/api/main.go": "v3\n" });
    const before = localState(r.work.dir);
    const res = await pr(["--json"]);
    expect(res.code, res.stderr).toBe(0);
    expect(localState(r.work.dir)).toBe(before);
    const commit = r.remote.refs().get(RELEASE_REF)!;
    expect(commit).not.toBe(first);
    expect(r.remote.git("rev-parse", `${commit}^`).trim()).toBe(main);

    expect(github.store.pullRequests).toHaveLength(1);
    const updated = github.store.pullRequests[0]!;
    expect(updated.title).toBe("chore(release): api v2.0.0, vault v0.4.1");
    expect(updated.body).toContain("## api 2.0.0");
    expect(updated.body).toContain("### ⚠ Breaking Changes\n\n- **api:** drop v1 keys\n");
    expect(parseBlock(updated.body!, "#1")).toMatchObject({ base: main, commit });
    expect(github.requests.filter((q) => q.operationId === "pulls/update")).toHaveLength(1);
    expect(github.requests.filter((q) => q.operationId === "pulls/create")).toHaveLength(1);
    expect(JSON.parse(res.stdout).pullRequest).toMatchObject({
      number: 1,
      url: "https://github.com/acme/widgets/pull/1",
      action: "updated",
      branch: "relnotes/release",
      commit,
    });
  });

  it("closes the pull request with a comment when nothing is left to release, then has nothing to do", async () => {
    const { r, github, pr } = await setup();
    expect((await pr()).code).toBe(0);
    // Someone released both from main by other means: their tags are on the remote.
    for (const tag of ["api/v1.3.0", "vault/v0.4.1"]) r.work.git("tag", "-a", "-m", tag, tag);
    r.work.git("push", "-q", "origin", "api/v1.3.0", "vault/v0.4.1");
    const before = localState(r.work.dir);

    const res = await pr(["--json"]);
    expect(res.code, res.stderr).toBe(0);
    expect(localState(r.work.dir)).toBe(before);
    const closed = github.store.pullRequest(1)!;
    expect(closed).toMatchObject({ state: "closed", merged_at: null, labels: [] });
    expect(closed.comments).toHaveLength(1);
    expect(closed.comments[0]!.body).toMatch(/^Nothing left to release, so relnotes closes this pull request:\n- /);
    const json = JSON.parse(res.stdout);
    expect(json.releases).toEqual([]);
    expect(json.pullRequest).toMatchObject({ number: 1, action: "closed", branch: "relnotes/release" });

    const writes = github.writes().length;
    const again = await pr();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("No release pull request from relnotes/release into main is open: nothing to do.");
    expect(github.writes()).toHaveLength(writes);
  });

  it("stops before any write while a merged release pull request is not tagged", async () => {
    const { r, github, pr } = await setup();
    expect((await pr()).code).toBe(0);
    const commit = r.remote.refs().get(RELEASE_REF)!;
    const squashed = squashOnRemote(r, commit, "chore(release): api v1.3.0, vault v0.4.1 (#1)");
    github.store.mergePullRequest(1, { mergeCommit: squashed });
    pull(r);
    landOnMain(r, "fix(api): one more (#45)", { "svc/api/main.go": "v4\n" });
    const remoteBefore = r.remote.refs();
    const writes = github.writes().length;

    const res = await pr();
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      "pull request #1 was merged but its releases are not tagged: run `relnotes tag-merged`",
    );
    expect(r.remote.refs()).toEqual(remoteBefore);
    expect(github.writes()).toHaveLength(writes);
  });

  it("--dry-run prints the title, the description and the diffs; pushes nothing and calls no forge", async () => {
    const { r, github, pr } = await setup();
    const before = r.snapshot();
    const res = await pr(["--dry-run"], { GITHUB_TOKEN: "" });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(
      "Pull request relnotes/release → main:\n  title: chore(release): api v1.3.0, vault v0.4.1",
    );
    expect(res.stdout).toContain("    ## api 1.3.0");
    expect(res.stdout).toContain("+++ b/svc/api/CHANGELOG.md");
    // What the real run would stop on is said, though no forge is called: here, no token.
    expect(res.stderr).toContain(
      "Dry run: nothing was pushed, and no forge was called. The real run would be refused:",
    );
    expect(res.stderr).toMatch(/ {2}- would be refused: .*GITHUB_TOKEN/);
    const ready = await pr(["--dry-run"]);
    expect(ready.code, ready.stderr).toBe(0);
    expect(ready.stderr).toContain("Every check the real run makes before writing passed");
    expect(github.requests).toEqual([]);
    expect(r.snapshot()).toBe(before);
  });

  it("--json prints the plan as preview --json does, plus the pull request", async () => {
    const { r, pr } = await setup();
    const preview = r.run(["preview", "--json"]);
    expect(preview.code, preview.stderr).toBe(0);
    const res = await pr(["--json"]);
    expect(res.code, res.stderr).toBe(0);
    const { pullRequest, ...plan } = JSON.parse(res.stdout);
    expect(plan).toEqual(JSON.parse(preview.stdout));
    expect(pullRequest).toEqual({
      number: 1,
      url: "https://github.com/acme/widgets/pull/1",
      action: "opened",
      branch: "relnotes/release",
      base: "main",
      commit: r.remote.refs().get(RELEASE_REF),
      title: "chore(release): api v1.3.0, vault v0.4.1",
      body: expect.stringContaining("<!-- relnotes-release {"),
    });
    expect(res.stderr).toBe("");
  });

  it("rides out a 5xx and a secondary rate limit on the pull request endpoints: one pull request", async () => {
    const { github, pr } = await setup();
    github.fail({ fault: { kind: "status", status: 502 }, method: "GET", path: /\/pulls$/ });
    github.fail({
      fault: { kind: "secondary-rate-limit", status: 429, retryAfter: 1 },
      method: "POST",
      path: /\/pulls$/,
    });
    github.fail({ fault: { kind: "status", status: 503 }, method: "POST", path: /\/labels$/ });
    const res = await pr();
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/secondary rate limit on POST .*retrying after 1s/);
    expect(github.store.pullRequests).toHaveLength(1);
    expect(github.store.pullRequests[0]!.labels).toEqual([PENDING]);
  });

  it("one named service gets its own branch and pull request", async () => {
    const { r, github, pr } = await setup();
    const res = await pr(["api"]);
    expect(res.code, res.stderr).toBe(0);
    expect(github.store.pullRequests[0]).toMatchObject({
      head: "relnotes/release-api",
      title: "chore(release): api v1.3.0",
      headSha: r.remote.refs().get("refs/heads/relnotes/release-api"),
    });
  });

  it("refuses a HEAD that is not the remote's main: the pull request is built there", async () => {
    const { r, github, pr } = await setup();
    writeFileSync(join(r.work.dir, "svc/api/extra.go"), "x\n");
    r.work.git("add", "svc/api/extra.go");
    r.work.git("commit", "-q", "-m", "feat(api): local only");
    const res = await pr();
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/HEAD \([0-9a-f]{12}\) is not origin\/main \([0-9a-f]{12}\)/);
    expect(r.remote.refs().has(RELEASE_REF)).toBe(false);
    expect(github.requests).toEqual([]);
  });
});
