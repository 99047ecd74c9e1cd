import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { relnotesAsync } from "../helpers/github/run-cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { killAfter } from "../helpers/kill-after.js";
import { cleanupTemp } from "../helpers/repo.js";
import { apiVaultSpec, PINNED_DATES, releasedRepo, stateFile, type Released } from "./setup.js";

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
  const r = releasedRepo(
    apiVaultSpec({
      github: { owner: "acme", repo: "widgets" },
      hooks: { beforeCommit: ['printf "%s\\n" "$RELNOTES_API_VERSION" > svc/api/VERSION'] },
    }),
  );
  return { r, github, env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "1" } };
}

/** Every step of the release, with how the unfinished-release report describes it. */
const STEPS: [id: string, described: string][] = [
  ["write", "write svc/api/CHANGELOG.md"],
  ["hooks", "run hooks.beforeCommit (1)"],
  ["commit", 'release commit "chore(release): api v1.3.0, vault v0.4.1"'],
  ["tag:api/v1.3.0", "create tag api/v1.3.0"],
  ["tag:vault/v0.4.1", "create tag vault/v0.4.1"],
  ["push-branch", "push the release commit to origin/main"],
  ["push:api/v1.3.0", "push tag api/v1.3.0 to origin"],
  ["push:vault/v0.4.1", "push tag vault/v0.4.1 to origin"],
  ["publish:api/v1.3.0", "GitHub release for api/v1.3.0"],
  ["publish:vault/v0.4.1", "GitHub release for vault/v0.4.1"],
];

/** The saved journal's steps as `id done|pending`, in order. */
function journalSteps(r: Released): string[] {
  const state = JSON.parse(readFileSync(stateFile(r.work), "utf8")) as { steps: { id: string; done: boolean }[] };
  return state.steps.map((s) => `${s.id} ${s.done ? "done" : "pending"}`);
}

/** The journal of a run killed right after STEPS[i] acted: the steps before it done, it and the rest pending. */
function killedJournal(i: number): string[] {
  return STEPS.map(([id], j) => `${id} ${j < i ? "done" : "pending"}`);
}

/** The unfinished-release report for `done` (one flag per step of STEPS), as the user must see it. */
function expectedReport(done: boolean[]): string {
  const lines = STEPS.map(([, described], j) => `  ${done[j] ? "✓ done   " : "· pending"} ${described}`);
  return `An unfinished release was found (started 2026-10-28T00:00:00.000Z on main): api/v1.3.0, vault/v0.4.1\n${lines.join("\n")}\n`;
}

/** Kill a bump of api and vault right after `step` acted; the journal must say exactly which steps are done. */
async function killedAfter(r: Released, env: Record<string, string>, step: string): Promise<void> {
  const killed = await r.runAsync(["bump", "api", "vault", "--yes"], env, killAfter(step));
  expect(killed.code, killed.stderr).toBe(-1);
  expect(journalSteps(r)).toEqual(killedJournal(STEPS.findIndex(([id]) => id === step)));
}

/** Every file under dir, relative, sorted. */
function filesUnder(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** The release as it must end, checked fact by fact (not against another test's run). */
function expectReleased(r: Released, github: FakeGitHub): void {
  const head = r.work.git("rev-parse", "HEAD").trim();
  expect(r.work.git("show", "--name-only", "--format=%s%n%P", "HEAD")).toBe(
    `chore(release): api v1.3.0, vault v0.4.1\n${r.work.sha(2)}\n\nsvc/api/CHANGELOG.md\nsvc/api/VERSION\n`,
  );
  expect(readFileSync(join(r.work.dir, "svc/api/VERSION"), "utf8")).toBe("1.3.0\n");
  expect(readFileSync(join(r.work.dir, "svc/api/CHANGELOG.md"), "utf8")).toContain(
    "## [1.3.0](https://github.com/acme/widgets/compare/api/v1.2.0...api/v1.3.0) - 2026-10-28\n",
  );
  expect(r.work.git("status", "--porcelain", "--untracked-files=all")).toBe("");
  // One push per ref, in order; both tags annotated, on the release commit, locally and on the remote.
  expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"], ["refs/tags/vault/v0.4.1"]]);
  expect(r.remote.git("rev-parse", "refs/heads/main").trim()).toBe(head);
  for (const tag of ["api/v1.3.0", "vault/v0.4.1"]) {
    expect(r.work.git("cat-file", "-t", tag).trim()).toBe("tag");
    expect(r.remote.git("rev-parse", `refs/tags/${tag}`).trim()).toBe(r.work.git("rev-parse", tag).trim());
    expect(r.remote.git("rev-parse", `refs/tags/${tag}^{commit}`).trim()).toBe(head);
  }
  // Exactly one published release per tag, with its notes.
  const releases = github.store
    .list()
    .map((x) => ({ tag: x.tag_name, draft: x.draft, prerelease: x.prerelease, body: x.body }));
  expect(releases.map((x) => `${x.tag} draft=${x.draft} prerelease=${x.prerelease}`).sort()).toEqual([
    "api/v1.3.0 draft=false prerelease=false",
    "vault/v0.4.1 draft=false prerelease=false",
  ]);
  expect(releases.find((x) => x.tag === "api/v1.3.0")!.body).toContain("add key rotation");
  expect(releases.find((x) => x.tag === "vault/v0.4.1")!.body).toContain("seal on shutdown");
  // Nothing of relnotes' own is left: no journal, lock or temp file.
  expect(filesUnder(join(r.work.dir, ".git", "relnotes"))).toEqual([]);
  expect(github.violations).toEqual([]);
}

describe("a release killed after any step is completed by the next bump", () => {
  it("an uninterrupted run: release commit (changelog + hook output), two tags, three pushes, two GitHub releases", async () => {
    const { r, github, env } = await setup();
    const res = await r.runAsync(["bump", "api", "vault", "--yes"], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toContain(TOKEN);
    expect(res.stdout).toContain("GitHub release: ");
    expectReleased(r, github);
  });

  STEPS.forEach(([step], i) => {
    it(`relnotes' process group killed right after "${step}": ${i % 2 === 0 ? "bump --yes" : "bump --resume"} completes it, no debris`, async () => {
      const { r, github, env } = await setup();
      // Detached, so relnotes leads its own process group and the whole group is killed, as a terminal's kill would.
      const nodeArgs = killAfter(step, { group: true });
      const killed = await relnotesAsync(
        r.work.dir,
        ["bump", "api", "vault", "--yes"],
        { ...PINNED_DATES, ...env },
        { detached: true, nodeArgs },
      );
      expect(killed.code, killed.stderr).toBe(-1);
      // The step killed right after its action is not recorded yet: the journal has it pending, and re-running it is harmless.
      expect(journalSteps(r)).toEqual(killedJournal(i));
      // Left behind: the journal and the lock of the dead run, nothing else; in the work tree only the release's own edits.
      expect(filesUnder(join(r.work.dir, ".git", "relnotes"))).toEqual(["lock", "release.json"]);
      const untracked = r.work.git("ls-files", "--others", "--exclude-standard").split("\n").filter(Boolean);
      expect(untracked).toEqual(i <= 1 ? ["svc/api/CHANGELOG.md"] : []);

      const again = await r.runAsync(i % 2 === 0 ? ["bump", "--yes"] : ["bump", "--resume"], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain(expectedReport(STEPS.map((_, j) => j < i)));
      expect(again.stderr).toContain("warning: took over the release lock of relnotes pid");
      expect(again.stdout).toContain("Completed the unfinished release.");
      expectReleased(r, github);
    });
  });
});

describe("the unfinished-release report follows the journal, step by step", () => {
  it("flipping any one step of a saved journal flips exactly that step's line in the report, and no other", async () => {
    const { r, env } = await setup();
    const killedAt = STEPS.findIndex(([id]) => id === "push:api/v1.3.0");
    await killedAfter(r, env, STEPS[killedAt]![0]);
    const saved = readFileSync(stateFile(r.work), "utf8");
    // -1: the journal as the killed run saved it; then each step flipped alone (done → pending, pending → done).
    for (const flip of [-1, ...STEPS.keys()]) {
      const state = JSON.parse(saved) as { steps: { done: boolean }[] };
      if (flip >= 0) state.steps[flip]!.done = !state.steps[flip]!.done;
      writeFileSync(stateFile(r.work), JSON.stringify(state));
      const shown = await r.runAsync(["bump", "--dry-run"], env);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stderr, `step ${flip} flipped`).toContain(
        expectedReport(STEPS.map((_, j) => j < killedAt !== (j === flip))),
      );
    }
  });
});

describe("--abort removes only what is local", () => {
  it("killed after the tags: --abort drops the local tags and the release commit; the repository is as before", async () => {
    const { r, env } = await setup();
    const before = r.snapshot();
    await killedAfter(r, env, "tag:vault/v0.4.1");
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
    await killedAfter(r, env, "push:api/v1.3.0");
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
    await killedAfter(r, env, "commit");
    const other = await r.runAsync(["bump", "api", "--yes"], env);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("an unfinished release of api/v1.3.0, vault/v0.4.1 is in progress");
    const noTty = await r.runAsync(["bump"], env);
    expect(noTty.code).toBe(1);
    expect(noTty.stderr).toContain("pass --resume");
    // Neither run did anything: the journal is as the killed run left it.
    expect(journalSteps(r)).toEqual(killedJournal(2));
  });
});

describe("--resume checks what its pending steps need, and never reports a step done that did nothing", () => {
  it("GitHub steps pending and no token: refused before doing anything; --resume --no-github finishes without them, and says so", async () => {
    const { r, github, env } = await setup();
    await killedAfter(r, env, "push:vault/v0.4.1");
    const journal = readFileSync(stateFile(r.work), "utf8");
    const requests = github.requests.length;

    const noToken = await r.runAsync(["bump", "--resume"], { GITHUB_API_URL: github.url });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain(
      "cannot complete the unfinished release of api/v1.3.0, vault/v0.4.1; nothing more was done:",
    );
    expect(noToken.stderr).toContain('GitHub releases are on (github.release: "publish") but there is no token');
    expect(noToken.stderr).toContain(
      "hint: fix the problems above and run relnotes bump --resume (or relnotes bump --resume --no-github to finish without the GitHub releases)",
    );
    expect(noToken.stdout).not.toContain("Completed");
    expect(readFileSync(stateFile(r.work), "utf8")).toBe(journal);
    expect(github.requests.length).toBe(requests);

    const skipped = await r.runAsync(["bump", "--resume", "--no-github"], { GITHUB_API_URL: github.url });
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stderr).toContain(
      "warning: --no-github: no GitHub release will be made for api/v1.3.0, vault/v0.4.1 (create them later with relnotes release <tag>)",
    );
    expect(skipped.stderr).not.toContain("✓ GitHub release");
    expect(skipped.stdout).toContain("GitHub releases: none (github.release is false, or --no-github)");
    expect(github.store.list()).toEqual([]);
    expect(existsSync(stateFile(r.work))).toBe(false);
  });
});

describe("hooks.beforeCommit", () => {
  it("a failing hook stops the release and restores the files; nothing is committed or tagged", async () => {
    const github = await startFakeGitHub({ token: TOKEN });
    servers.push(github);
    const r = releasedRepo(
      apiVaultSpec({
        hooks: {
          beforeCommit: [["sh", "-c", "echo broken >> svc/vault/main.go; echo cargo check failed >&2; exit 3"]],
        },
      }),
    );
    const before = r.snapshot();
    const res = await r.runAsync(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'hook ["sh","-c","echo broken >> svc/vault/main.go; echo cargo check failed >&2; exit 3"] failed (exit 3); the release stopped and the files were restored',
    );
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
    expect(res.stderr).toContain('GitHub releases are on (github.release: "publish") but the repository is unknown');
    expect(res.stderr).not.toContain(TOKEN);
    expect(r.snapshot()).toBe(before);
  });
});
