import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { changelogNotes } from "../../src/release/pr/merged-check.js";
import { otherClone, PINNED_DATES, stateFile } from "../bump/setup.js";
import { relnotesAsync } from "../helpers/github/run-cli.js";
import type { FakeGitHub } from "../helpers/github/server.js";
import { killAfter } from "../helpers/kill-after.js";
import { cleanupTemp, gitIn } from "../helpers/repo.js";
import {
  editReleaseBranch,
  mergeAnother,
  openReleasePullRequest,
  PENDING,
  protectedSetup,
  squashMerge,
  TAGGED,
  TOKEN,
  type Setup,
} from "./tag-merged-setup.js";

const servers: FakeGitHub[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    expect(s.violations).toEqual([]);
    await s.close();
  }
});
afterAll(cleanupTemp);

const TAGS = ["api/v1.3.0", "vault/v0.4.1"];

/** A release pull request opened, then squash-merged on the remote; the clone is on the merge. */
async function merged(extra: object = {}): Promise<Setup & { number: number; merge: string }> {
  const s = await protectedSetup(servers, extra);
  const number = await openReleasePullRequest(s);
  return { ...s, number, merge: squashMerge(s, number) };
}

/** Every file under dir (folders left out), relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** Everything tag-merged may change, for "changes nothing" comparisons. */
function world(s: Setup): string {
  return JSON.stringify({
    refs: [...s.r.remote.refs()],
    local: s.r.work.git("for-each-ref", "--format=%(refname) %(objectname)"),
    releases: s.github.store.list(),
    pulls: s.github.store.pullRequests.map((p) => ({ n: p.number, state: p.state, labels: p.labels })),
  });
}

/** The end state of a tagged release: tags on the merge commit, pushed one per push, one release each, relabelled. */
function expectTagged(s: Setup & { number: number; merge: string }, pushesBefore: number, dir = s.r.work.dir): void {
  const local = (...args: string[]) => gitIn(dir, args).trim();
  expect(s.r.remote.pushes().slice(pushesBefore)).toEqual(TAGS.map((t) => [`refs/tags/${t}`]));
  for (const tag of TAGS) {
    expect(local("cat-file", "-t", tag)).toBe("tag");
    expect(s.r.remote.git("rev-parse", `refs/tags/${tag}^{commit}`).trim()).toBe(s.merge);
    expect(s.r.remote.git("rev-parse", `refs/tags/${tag}`).trim()).toBe(local("rev-parse", tag));
  }
  const releases = s.github.store.list();
  expect(releases.map((x) => `${x.tag_name} draft=${x.draft} prerelease=${x.prerelease}`).sort()).toEqual([
    "api/v1.3.0 draft=false prerelease=false",
    "vault/v0.4.1 draft=false prerelease=false",
  ]);
  // vault has no changelog: its notes are rendered from the history, as bump would.
  expect(releases.find((x) => x.tag_name === "vault/v0.4.1")!.body).toContain("seal on shutdown");
  expect(s.github.store.pullRequest(s.number)!.labels).toEqual([TAGGED]);
  expect(filesUnder(join(dir, ".git", "relnotes"))).toEqual([]);
}

describe("relnotes tag-merged after a squash merge", () => {
  it("tags the merge commit, one tag per push, publishes the merged notes, relabels; a re-run changes nothing", async () => {
    const s = await merged();
    const pushes = s.r.remote.pushes().length;
    const res = await s.r.runAsync(["tag-merged"], s.env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toContain(TOKEN);
    expect(res.stdout).toContain(`api/v1.3.0 on ${s.merge.slice(0, 7)}, pushed to origin`);
    expect(res.stdout).toContain(`pull request #${s.number}: labelled "${TAGGED}"`);
    expectTagged(s, pushes);
    // api's notes are its 1.3.0 section of the changelog as merged.
    const changelog = s.r.work.git("show", `${s.merge}:svc/api/CHANGELOG.md`);
    const api = s.github.store.list().find((x) => x.tag_name === "api/v1.3.0")!;
    expect(api.body).toBe(changelogNotes(changelog, "1.3.0", "api"));
    expect(api.body).toContain("add key rotation");

    const before = world(s);
    const again = await s.r.runAsync(["tag-merged"], s.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe("Nothing to tag: no merged release pull request into main waits for its tags.\n");
    expect(world(s)).toBe(before);
  });

  it("publishes the changelog as edited in the pull request, and tags the merge even when main moved on", async () => {
    const s = await protectedSetup(servers);
    const number = await openReleasePullRequest(s);
    editReleaseBranch(s, "svc/api/CHANGELOG.md", (t) =>
      t.replace(/- \*\*api:\*\* add key rotation[^\n]*/, "- Keys rotate every 90 days, see the runbook."),
    );
    const merge = squashMerge(s, number);
    const later = mergeAnother(s, "svc/api/main.go", "v3\n");
    expect(s.r.work.git("rev-parse", "HEAD").trim()).toBe(later);
    const pushes = s.r.remote.pushes().length;
    const res = await s.r.runAsync(["tag-merged"], s.env);
    expect(res.code, res.stderr).toBe(0);
    expectTagged({ ...s, number, merge }, pushes);
    const api = s.github.store.list().find((x) => x.tag_name === "api/v1.3.0")!;
    expect(api.body).toContain("- Keys rotate every 90 days, see the runbook.");
    expect(api.body).not.toContain("add key rotation");
  });

  it("after a merge commit (two parents) the tags go on the merge commit too", async () => {
    const s = await protectedSetup(servers);
    const number = await openReleasePullRequest(s);
    const merge = squashMerge(s, number, "merge");
    expect(s.r.work.git("rev-list", "--parents", "-n", "1", "HEAD").trim().split(" ")).toHaveLength(3);
    const pushes = s.r.remote.pushes().length;
    const res = await s.r.runAsync(["tag-merged"], s.env);
    expect(res.code, res.stderr).toBe(0);
    expectTagged({ ...s, number, merge }, pushes);
  });

  it("--dry-run and --json say what would be tagged and write nothing", async () => {
    const s = await merged();
    const before = world(s);
    const dry = await s.r.runAsync(["tag-merged", "--dry-run"], s.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`Release pull request #${s.number} `);
    expect(dry.stdout).toContain("api/v1.3.0: notes from svc/api/CHANGELOG.md (its 1.3.0 section, as merged)");
    expect(dry.stdout).toContain("vault/v0.4.1: notes from the history");
    expect(dry.stderr).toContain("Every check the real run makes before writing passed.");
    const json = await s.r.runAsync(["tag-merged", "--dry-run", "--json"], s.env);
    expect(json.code, json.stderr).toBe(0);
    const shown = JSON.parse(json.stdout) as {
      pullRequest: { number: number; mergeCommit: string };
      releases: { tag: string; version: string; commit: string; notesFrom: string | null; notes: string }[];
      refusals: string[];
    };
    expect(shown.pullRequest).toMatchObject({ number: s.number, mergeCommit: s.merge });
    expect(shown.releases.map((r) => [r.tag, r.version, r.commit, r.notesFrom])).toEqual([
      ["api/v1.3.0", "1.3.0", s.merge, "svc/api/CHANGELOG.md"],
      ["vault/v0.4.1", "0.4.1", s.merge, null],
    ]);
    expect(shown.refusals).toEqual([]);
    expect(world(s)).toBe(before);
  });

  it("with nothing merged: nothing to tag, exit 0, no write", async () => {
    const s = await protectedSetup(servers);
    await openReleasePullRequest(s);
    const before = world(s);
    const res = await s.r.runAsync(["tag-merged"], s.env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("Nothing to tag");
    expect(world(s)).toBe(before);
  });
});

describe("the merge commit must carry what the pull request planned", () => {
  it("a manifest with another version is refused before any write, naming the file and both versions", async () => {
    const s = await protectedSetup(servers);
    const number = await openReleasePullRequest(s);
    editReleaseBranch(s, "svc/vault/VERSION", () => "0.4.0\n");
    squashMerge(s, number);
    const before = world(s);
    const res = await s.r.runAsync(["tag-merged"], s.env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("refusing to tag api/v1.3.0, vault/v0.4.1");
    expect(res.stderr).toMatch(
      /svc\/vault\/VERSION declares version 0\.4\.0 at \w{7} \(the merge of pull request #1\), but the release pull request planned vault 0\.4\.1 \(vault\/v0\.4\.1\)/,
    );
    expect(res.stderr).toContain(`remove the label "${PENDING}" from pull request #${number}`);
    expect(world(s)).toBe(before);
    expect(filesUnder(join(s.r.work.dir, ".git", "relnotes"))).toEqual([]);
    // The dry run lists the same refusal.
    const dry = await s.r.runAsync(["tag-merged", "--dry-run"], s.env);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain("would be refused: svc/vault/VERSION declares version 0.4.0");
  });

  it("a changelog without the version's section is refused", async () => {
    const s = await protectedSetup(servers);
    const number = await openReleasePullRequest(s);
    editReleaseBranch(s, "svc/api/CHANGELOG.md", (t) => t.replace("## [1.3.0]", "## [1.3.1]"));
    squashMerge(s, number);
    const before = world(s);
    const res = await s.r.runAsync(["tag-merged"], s.env);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/svc\/api\/CHANGELOG\.md has no section for 1\.3\.0 at \w{7}/);
    expect(world(s)).toBe(before);
  });
});

describe("a tag-merged killed after any step is completed by the next run", () => {
  const STEPS = TAGS.flatMap((t) => [`tag:${t}`]).concat(
    TAGS.map((t) => `push:${t}`),
    TAGS.map((t) => `publish:${t}`),
  );

  it.each(STEPS)("killed right after %s: the next tag-merged completes it, one release per tag", async (step) => {
    const s = await merged();
    const pushes = s.r.remote.pushes().length;
    const killed = await s.r.runAsync(["tag-merged"], s.env, killAfter(step));
    expect(killed.code, killed.stderr).toBe(-1);
    const journal = JSON.parse(readFileSync(stateFile(s.r.work), "utf8")) as {
      pullRequest: number;
      startHead: string;
      steps: { id: string; done: boolean }[];
    };
    expect(journal.pullRequest).toBe(s.number);
    expect(journal.startHead).toBe(s.merge);
    expect(journal.steps.map((x) => `${x.id} ${x.done ? "done" : "pending"}`)).toEqual(
      STEPS.map((id, i) => `${id} ${i < STEPS.indexOf(step) ? "done" : "pending"}`),
    );
    expect(s.github.store.pullRequest(s.number)!.labels).toEqual([PENDING]);

    const again = await s.r.runAsync(["tag-merged"], s.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("An unfinished release was found");
    expect(again.stderr).toContain(`(the release of pull request #${s.number})`);
    expect(again.stdout).toContain("Completed the unfinished release.");
    expectTagged(s, pushes);
  });

  it("killed after the first push, in a fresh clone: the next run adopts what was pushed and completes", async () => {
    const s = await merged();
    const pushes = s.r.remote.pushes().length;
    const killed = await s.r.runAsync(["tag-merged"], s.env, killAfter("push:api/v1.3.0"));
    expect(killed.code, killed.stderr).toBe(-1);
    // A new CI job: a clone without the journal and the local tags of the dead run.
    const clone = otherClone(s.r.remote);
    const again = await relnotesAsync(clone, ["tag-merged"], { ...PINNED_DATES, ...s.env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("unfinished");
    expectTagged(s, pushes, clone);
  });
});

describe("several merged release pull requests wait", () => {
  it("are named and nothing is tagged; --pr tags the one chosen; the other's tags then exist elsewhere and are refused", async () => {
    const s = await merged();
    // A second release pull request with the same plan, merged later (its merge commit is a descendant of the first).
    const first = s.github.store.pullRequest(s.number)!;
    const second = s.github.store.createPullRequest({
      head: "relnotes/release",
      base: "main",
      title: first.title,
      body: first.body ?? "",
    });
    s.github.store.addLabels(second, [PENDING]);
    const later = mergeAnother(s, "svc/api/main.go", "v3\n");
    s.github.store.mergePullRequest(second.number, { mergeCommit: later });
    const before = world(s);

    const both = await s.r.runAsync(["tag-merged"], s.env);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(
      `2 merged release pull requests into main wait for their tags: #${s.number} (merged as ${s.merge.slice(0, 7)}: ` +
        `api/v1.3.0, vault/v0.4.1), #${second.number} (merged as ${later.slice(0, 7)}: api/v1.3.0, vault/v0.4.1)`,
    );
    expect(both.stderr).toContain(`relnotes tag-merged --pr ${s.number}`);
    expect(world(s)).toBe(before);

    const pushes = s.r.remote.pushes().length;
    const chosen = await s.r.runAsync(["tag-merged", "--pr", String(s.number)], s.env);
    expect(chosen.code, chosen.stderr).toBe(0);
    expectTagged(s, pushes);
    expect(s.github.store.pullRequest(second.number)!.labels).toEqual([PENDING]);

    const rest = await s.r.runAsync(["tag-merged"], s.env);
    expect(rest.code).toBe(1);
    expect(rest.stderr).toContain(
      `tag api/v1.3.0 is on origin already, on ${s.merge.slice(0, 7)}, not on the merge commit ${later.slice(0, 7)}`,
    );
    expect(s.r.remote.pushes().length).toBe(pushes + TAGS.length);
  });
});
