import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";
import { Git } from "../../src/git/run.js";
import { locateRepository } from "../../src/session/repository.js";
import { buildReleaseContext } from "../../src/render/context.js";
import { relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, tempDir } from "../helpers/repo.js";

afterAll(cleanupTemp);

const SHA = "0123456789abcdef0123456789abcdef01234567";

async function linksFor(remote: string | null, config: object = {}, env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir("rn-links-");
  gitIn(dir, ["init", "-q"]);
  if (remote !== null) gitIn(dir, ["remote", "add", "origin", remote]);
  const resolved = resolveConfig(config, null, dir);
  const { repository, note } = await locateRepository(new Git(dir), resolved, env);
  const commit = {
    sha: SHA,
    type: "feat",
    scope: null,
    subject: "x",
    body: "",
    breaking: false,
    breakingNotes: [],
    footers: [],
    pr: 7,
    releaseAs: null,
    authorName: "A",
    date: "2026-01-01",
  };
  const facts = {
    service: "api",
    version: "1.1.0",
    tag: "api/v1.1.0",
    previousTag: "api/v1.0.0",
    previousVersion: "1.0.0",
    date: "2026-01-01",
    prerelease: false,
    commits: [commit],
  };
  const context = buildReleaseContext(facts, resolved, repository);
  const first = buildReleaseContext({ ...facts, previousTag: null, previousVersion: null }, resolved, repository);
  return {
    repository,
    note,
    compare: context.compareUrl,
    tag: context.tagUrl,
    firstRelease: first.compareUrl,
    commit: context.commits[0]!.url,
    pr: context.commits[0]!.prUrl,
  };
}

describe("links follow the forge's URL shapes", () => {
  it("github.com", async () => {
    expect(await linksFor("git@github.com:acme/widgets.git")).toMatchObject({
      repository: { url: "https://github.com/acme/widgets", forge: "github", owner: "acme", repo: "widgets" },
      note: null,
      compare: "https://github.com/acme/widgets/compare/api/v1.0.0...api/v1.1.0",
      tag: "https://github.com/acme/widgets/releases/tag/api/v1.1.0",
      firstRelease: "https://github.com/acme/widgets/releases/tag/api/v1.1.0",
      commit: `https://github.com/acme/widgets/commit/${SHA}`,
      pr: "https://github.com/acme/widgets/pull/7",
    });
  });

  it("GitHub Enterprise: the host of GITHUB_SERVER_URL, for the remote or for config github.owner/repo", async () => {
    const env = { GITHUB_SERVER_URL: "https://github.corp.example" };
    expect(await linksFor("https://github.corp.example/acme/widgets.git", {}, env)).toMatchObject({
      repository: { forge: "github" },
      pr: "https://github.corp.example/acme/widgets/pull/7",
    });
    expect(await linksFor("/srv/git/widgets.git", { github: { owner: "acme", repo: "widgets" } }, env)).toMatchObject({
      compare: "https://github.corp.example/acme/widgets/compare/api/v1.0.0...api/v1.1.0",
    });
    expect(await linksFor("https://github.corp.example/acme/widgets.git")).toMatchObject({
      repository: null,
      note: expect.stringContaining("github.corp.example, which is not a forge relnotes recognizes"),
    });
  });

  it("GitLab keeps groups and subgroups and uses /-/ paths and merge requests", async () => {
    expect(await linksFor("git@gitlab.com:group/team/svc.git")).toMatchObject({
      repository: { url: "https://gitlab.com/group/team/svc", forge: "gitlab", owner: "group/team", repo: "svc" },
      compare: "https://gitlab.com/group/team/svc/-/compare/api/v1.0.0...api/v1.1.0",
      tag: "https://gitlab.com/group/team/svc/-/releases/api%2Fv1.1.0",
      commit: `https://gitlab.com/group/team/svc/-/commit/${SHA}`,
      pr: "https://gitlab.com/group/team/svc/-/merge_requests/7",
    });
    expect(await linksFor("ssh://git@gitlab.com:2222/a/b/c/svc.git")).toMatchObject({
      repository: { url: "https://gitlab.com/a/b/c/svc", owner: "a/b/c" },
    });
  });

  it("Gitea, Forgejo and Codeberg", async () => {
    expect(await linksFor("https://codeberg.org/acme/widgets.git")).toMatchObject({
      repository: { forge: "gitea" },
      compare: "https://codeberg.org/acme/widgets/compare/api/v1.0.0...api/v1.1.0",
      tag: "https://codeberg.org/acme/widgets/releases/tag/api/v1.1.0",
      pr: "https://codeberg.org/acme/widgets/pulls/7",
    });
    expect(await linksFor("git@forge.example.org:acme/widgets.git", { repository: { forge: "gitea" } })).toMatchObject({
      pr: "https://forge.example.org/acme/widgets/pulls/7",
    });
  });

  it("Bitbucket", async () => {
    expect(await linksFor("git@bitbucket.org:acme/widgets.git")).toMatchObject({
      repository: { forge: "bitbucket" },
      compare: "https://bitbucket.org/acme/widgets/branches/compare/api%2Fv1.1.0%0Dapi%2Fv1.0.0",
      commit: `https://bitbucket.org/acme/widgets/commits/${SHA}`,
      pr: "https://bitbucket.org/acme/widgets/pull-requests/7",
    });
  });

  it("file://, local paths and unknown hosts: no links, and a note that says why", async () => {
    for (const remote of [
      "file:///srv/git/widgets.git",
      "/srv/git/widgets.git",
      "../widgets.git",
      "https://git.example.com/acme/widgets.git",
    ]) {
      const links = await linksFor(remote);
      expect({ remote, ...links }).toMatchObject({
        remote,
        repository: null,
        compare: null,
        tag: null,
        commit: null,
        pr: null,
        note: expect.stringContaining("so notes and changelogs have no links"),
      });
    }
    expect(await linksFor(null)).toMatchObject({ repository: null, note: null });
  });

  it("repository.url overrides detection (with repository.forge for a self-hosted forge)", async () => {
    const config = { repository: { url: "https://git.example.com/platform/team/svc", forge: "gitlab" } };
    expect(await linksFor("file:///srv/git/widgets.git", config)).toMatchObject({
      note: null,
      repository: { url: "https://git.example.com/platform/team/svc", owner: "platform/team" },
      pr: "https://git.example.com/platform/team/svc/-/merge_requests/7",
    });
    expect(
      await linksFor("git@github.com:acme/widgets.git", { repository: { url: "https://gitlab.com/acme/widgets" } }),
    ).toMatchObject({ repository: { forge: "gitlab" } });
    expect(() => resolveConfig({ repository: { url: "git@x:y/z" } }, null, "/")).toThrow(/repository\.url/);
  });

  it("a command that renders says it once", () => {
    const r = repo({ commits: [{ message: "feat: first", annotated: ["v1.0.0"] }, { message: "fix: second" }] });
    r.git("remote", "add", "origin", `file://${r.dir}/../elsewhere.git`);
    for (const args of [["preview", "--json"], ["changelog"]]) {
      const res = relnotes(r.dir, args);
      expect(res.code).toBe(0);
      expect(res.stderr.split("has no web address").length - 1).toBe(1);
      expect(res.stdout).not.toMatch(/compare\/|\/commit\/|https:\/\/\//);
    }
    expect(relnotes(r.dir, ["version"]).stderr).toBe("");
  });
});
