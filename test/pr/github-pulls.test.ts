import { afterEach, describe, expect, it } from "vitest";
import { RelnotesError } from "../../src/errors.js";
import type { RelnotesEvent as Event } from "../../src/events.js";
import { openGitHubPullRequests } from "../../src/forge/github/api.js";
import { openPullRequests } from "../../src/forge/open.js";
import type { ForgePullRequests } from "../../src/forge/port.js";
import { repositoryContext } from "../../src/forge/repository.js";
import type { PublishSettings } from "../../src/forge/settings.js";
import { TOKEN } from "../helpers/github/fixture.js";
import { type FakeGitHub, startFakeGitHub } from "../helpers/github/server.js";

const servers: FakeGitHub[] = [];
afterEach(async () => {
  const open = servers.splice(0);
  try {
    for (const s of open) expect(s.violations).toEqual([]);
  } finally {
    for (const s of open) await s.close();
  }
});

const REPOSITORY = repositoryContext({ host: "github.com", owner: "acme", repo: "widgets", forge: "github" });
const SHA = (c: string) => c.repeat(40);

/** A loopback GitHub whose repository has main and relnotes/release, and the adapter talking to it. */
async function setup(): Promise<{ github: FakeGitHub; pulls: ForgePullRequests; events: Event[] }> {
  const branches = new Map([
    ["main", SHA("a")],
    ["relnotes/release", SHA("b")],
  ]);
  const github = await startFakeGitHub({ token: TOKEN, branchTip: (b) => branches.get(b) ?? null });
  servers.push(github);
  const events: Event[] = [];
  const pulls = await openGitHubPullRequests({
    env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "5" },
    repository: REPOSITORY,
    emit: (e) => events.push(e),
    timeoutSeconds: 10,
  });
  return { github, pulls, events };
}

const NEW = { head: "relnotes/release", base: "main", title: "chore(release): api v1.3.0", body: "notes" };

describe("GitHub pull requests adapter", () => {
  it("opens, finds, updates, labels, comments on and closes a pull request", async () => {
    const { github, pulls } = await setup();
    expect(await pulls.findOpen("relnotes/release", "main")).toBeNull();

    const created = await pulls.create(NEW);
    expect(created).toEqual({
      number: 1,
      title: NEW.title,
      body: "notes",
      state: "open",
      head: "relnotes/release",
      base: "main",
      headCommit: SHA("b"),
      mergeCommit: null,
      labels: [],
      url: "https://github.com/acme/widgets/pull/1",
    });
    expect(await pulls.findOpen("relnotes/release", "main")).toEqual(created);
    expect(await pulls.findOpen("relnotes/release", "develop")).toBeNull();
    expect(await pulls.findOpen("relnotes/release-api", "main")).toBeNull();

    const updated = await pulls.update(1, { body: "new notes" });
    expect(updated).toMatchObject({ title: NEW.title, body: "new notes" });

    await pulls.addLabels(1, ["autorelease: pending"]);
    expect(github.store.labels.map((l) => l.name)).toEqual(["autorelease: pending"]);
    expect((await pulls.findOpen("relnotes/release", "main"))?.labels).toEqual(["autorelease: pending"]);

    await pulls.comment(1, "nothing left to release");
    expect(github.store.pullRequest(1)?.comments.map((c) => c.body)).toEqual(["nothing left to release"]);

    await pulls.removeLabel(1, "autorelease: pending");
    // Not carried any more: no error.
    await pulls.removeLabel(1, "autorelease: pending");
    expect(github.store.pullRequest(1)?.labels).toEqual([]);

    const closed = await pulls.close(1);
    expect(closed).toMatchObject({ state: "closed", mergeCommit: null });
    expect(await pulls.findOpen("relnotes/release", "main")).toBeNull();

    const paths = github.requests.map((r) => `${r.method} ${r.operationId}`);
    expect(paths).toContain("DELETE issues/remove-label");
    // The label name travels percent-encoded in the path.
    expect(github.requests.find((r) => r.operationId === "issues/remove-label")?.path).toBe(
      "/repos/acme/widgets/issues/1/labels/autorelease%3A%20pending",
    );
  });

  it("finds merged and closed pull requests into a base by label, most recently updated first", async () => {
    const { github, pulls } = await setup();
    const first = await pulls.create(NEW);
    await pulls.addLabels(first.number, ["autorelease: pending"]);
    github.store.mergePullRequest(first.number, { mergeCommit: SHA("c") });
    const second = await pulls.create(NEW);
    await pulls.addLabels(second.number, ["autorelease: pending"]);
    await pulls.close(second.number);
    const open = await pulls.create(NEW);
    await pulls.addLabels(open.number, ["autorelease: pending"]);
    const unlabelled = await pulls.create({ ...NEW, head: "main", base: "relnotes/release" });
    await pulls.close(unlabelled.number);

    const found = await pulls.findClosedWithLabel("autorelease: pending", "main", 5);
    expect(found.map((p) => [p.number, p.state, p.mergeCommit])).toEqual([
      [second.number, "closed", null],
      [first.number, "merged", SHA("c")],
    ]);
    expect(found[1]).toMatchObject({ headCommit: SHA("b"), labels: ["autorelease: pending"] });
    expect(await pulls.findClosedWithLabel("autorelease: pending", "main", 1)).toHaveLength(1);
    expect(await pulls.findClosedWithLabel("autorelease: tagged", "main", 5)).toEqual([]);
  });

  it("retries 5xx and secondary rate limits on pull request endpoints, but never repeats a create", async () => {
    const { github, pulls, events } = await setup();
    github.fail({ fault: { kind: "status", status: 502 }, method: "GET", path: /\/pulls$/ });
    github.fail({ fault: { kind: "secondary-rate-limit", status: 403, retryAfter: 1 }, method: "PATCH" });
    github.fail({ fault: { kind: "status", status: 503 }, method: "POST", path: /\/labels$/ });
    expect(await pulls.findOpen("relnotes/release", "main")).toBeNull();
    await pulls.create(NEW);
    await pulls.update(1, { title: "chore(release): api v1.4.0" });
    await pulls.addLabels(1, ["autorelease: pending"]);
    expect(github.store.pullRequest(1)).toMatchObject({
      title: "chore(release): api v1.4.0",
      labels: ["autorelease: pending"],
    });
    expect(events).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/secondary rate limit on PATCH .*retrying after 1s/) }),
    );

    github.fail({ fault: { kind: "status", status: 502 }, method: "POST", path: /\/pulls$/ });
    const refused = pulls.create({ ...NEW, head: "main", base: "relnotes/release" });
    await expect(refused).rejects.toThrow(
      "GitHub failed while opening the pull request from main into relnotes/release",
    );
    expect(github.requests.filter((r) => r.operationId === "pulls/create")).toHaveLength(2);
  });

  it("explains a refused pull request in pull request terms, without the token", async () => {
    const { github, pulls } = await setup();
    github.fail({ fault: { kind: "forbidden" }, method: "POST" });
    const refused = pulls.create(NEW);
    await expect(refused).rejects.toThrow("GitHub refused opening the pull request from relnotes/release into main");
    await expect(refused).rejects.toMatchObject({ hint: expect.stringContaining('"Pull requests: Read and write"') });
    github.fail({ fault: { kind: "rate-limit" }, method: "GET", times: 10 });
    const limited = pulls.findOpen("relnotes/release", "main");
    await expect(limited).rejects.toMatchObject({
      hint: expect.stringContaining("it finds the pull request it opened and updates it"),
    });
    await expect(limited).rejects.not.toThrow(TOKEN);
  });

  it("a second open pull request for the same branches is refused by the loopback GitHub, as by GitHub", async () => {
    const { pulls } = await setup();
    await pulls.create(NEW);
    await expect(pulls.create(NEW)).rejects.toThrow("A pull request already exists for acme:relnotes/release.");
    await expect(pulls.create({ ...NEW, head: "relnotes/release-web" })).rejects.toThrow(/422.*head invalid/);
  });
});

describe("forges without release pull requests", () => {
  const settings = { forge: "github", timeoutSeconds: 5 } as PublishSettings;
  for (const [forge, host, name] of [
    ["gitlab", "gitlab.com", "GitLab"],
    ["gitea", "codeberg.org", "Gitea"],
    ["bitbucket", "bitbucket.org", "Bitbucket"],
  ] as const) {
    it(`${name} stops with what to do`, async () => {
      const repository = repositoryContext({ host, owner: "acme", repo: "widgets", forge });
      const opened = openPullRequests(settings, { env: {}, repository, emit: () => {} });
      await expect(opened).rejects.toBeInstanceOf(RelnotesError);
      await expect(opened).rejects.toThrow(
        `relnotes cannot open release pull requests on ${name} yet (the repository https://${host}/acme/widgets is there)`,
      );
      await expect(opened).rejects.toMatchObject({ hint: expect.stringContaining("relnotes bump") });
    });
  }
});
