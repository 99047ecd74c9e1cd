import { afterEach, describe, expect, it } from "vitest";
import { closeGitHubFixtures, githubEnv, githubFixture } from "../helpers/github/fixture.js";
import { relnotesAsync } from "../helpers/github/run-cli.js";
import { repo } from "../helpers/repo.js";

afterEach(closeGitHubFixtures);

describe("relnotes release <tag>", () => {
  it("creates a stable release with its notes, named after the service, and makes it latest as configured", async () => {
    const fx = await githubFixture();
    const r = await fx.run(["release", "api/v1.3.0"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("created api v1.3.0 (latest): https://github.com/acme/widgets/releases/tag/api/v1.3.0\n");
    const [create] = fx.github.writes();
    const sha = fx.repo.sha(2);
    expect(create).toMatchObject({ method: "POST", path: "/repos/acme/widgets/releases", status: 201 });
    expect(create!.body).toEqual({
      tag_name: "api/v1.3.0",
      name: "api v1.3.0",
      body: `## Features\n\n- **api:** rotate keys ([#12](https://github.com/acme/widgets/pull/12)) ([${sha.slice(0, 7)}](https://github.com/acme/widgets/commit/${sha}))\n\n**Full changelog:** https://github.com/acme/widgets/compare/api/v1.2.0...api/v1.3.0\n`,
      draft: false,
      prerelease: false,
      make_latest: "true",
      target_commitish: sha,
    });
    expect(fx.github.store.releases).toHaveLength(1);
    expect(fx.github.store.latestId).toBe(fx.github.store.releases[0]!.id);
  });

  it("marks a release candidate pre-release and never latest", async () => {
    const fx = await githubFixture();
    const r = await fx.run(["release", "api/v1.4.0-rc.1", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      action: "created",
      tag: "api/v1.4.0-rc.1",
      prerelease: true,
      draft: false,
      makeLatest: "false",
    });
    expect(fx.github.writes()[0]!.body).toMatchObject({
      name: "api v1.4.0-rc.1",
      prerelease: true,
      make_latest: "false",
    });
    expect(fx.github.store.latestId).toBeNull();
  });

  it("does not make a service latest when config reserves the badge for another", async () => {
    const fx = await githubFixture();
    const r = await fx.run(["release", "vault/v0.1.0", "--json"]);
    expect(r.code).toBe(0);
    expect(fx.github.writes()[0]!.body).toMatchObject({
      name: "vault v0.1.0",
      prerelease: false,
      make_latest: "false",
    });
  });

  it("updates the release on a re-run instead of creating a second one", async () => {
    const fx = await githubFixture();
    expect((await fx.run(["release", "api/v1.3.0"])).code).toBe(0);
    fx.github.store.releases[0]!.body = "edited by hand";
    const again = await fx.run(["release", "api/v1.3.0"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^updated api v1\.3\.0/);
    expect(fx.github.writes().map((w) => w.method)).toEqual(["POST", "PATCH"]);
    expect(fx.github.writes()[1]!.body).not.toHaveProperty("tag_name");
    expect(fx.github.store.releases).toHaveLength(1);
    expect(fx.github.store.releases[0]!.body).toContain("rotate keys");
  });

  it("creates a draft with --draft and finds it again (drafts are invisible to get-by-tag)", async () => {
    const fx = await githubFixture();
    const r = await fx.run(["release", "api/v1.3.0", "--draft", "--json"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: "created", draft: true, makeLatest: "false" });
    expect(fx.github.writes()[0]!.body).toMatchObject({ draft: true, make_latest: "false" });
    const again = await fx.run(["release", "api/v1.3.0", "--draft", "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ action: "unchanged", draft: true });
    expect(fx.github.requests.map((q) => q.operationId)).toContain("repos/list-releases");
    expect(fx.github.store.releases).toHaveLength(1);
    expect(fx.github.store.latestId).toBeNull();
  });

  it('creates drafts when config github.release is "draft"', async () => {
    const fx = await githubFixture({ github: { latest: "api", release: "draft" } });
    expect(JSON.parse((await fx.run(["release", "api/v1.3.0", "--json"])).stdout)).toMatchObject({
      draft: true,
      makeLatest: "false",
    });
  });

  it("does not move latest back to an older stable release", async () => {
    const fx = await githubFixture();
    fx.repo.git("tag", "-a", "-m", "release api/v1.5.0", "api/v1.5.0");
    expect(JSON.parse((await fx.run(["release", "api/v1.3.0", "--json"])).stdout)).toMatchObject({
      makeLatest: "false",
    });
  });

  it("names a single package's release by its version", async () => {
    const fx = await githubFixture();
    const r = repo({
      commits: [
        { message: "feat: one", annotated: ["v1.0.0"] },
        { message: "fix: two", annotated: ["v1.0.1"] },
      ],
    });
    r.git("remote", "add", "origin", "git@github.com:acme/widgets.git");
    const out = await relnotesAsync(r.dir, ["release", "v1.0.1", "--json"], githubEnv(fx.github));
    expect(out.stderr).toBe("");
    expect(JSON.parse(out.stdout)).toMatchObject({ makeLatest: "true" });
    expect(fx.github.writes()[0]!.body).toMatchObject({ name: "v1.0.1", tag_name: "v1.0.1", make_latest: "true" });
  });

  it("publishes an existing draft when run without --draft", async () => {
    const fx = await githubFixture();
    await fx.run(["release", "api/v1.3.0", "--draft"]);
    const r = await fx.run(["release", "api/v1.3.0", "--json"]);
    expect(JSON.parse(r.stdout)).toMatchObject({
      action: "updated",
      draft: false,
      makeLatest: "true",
      url: "https://github.com/acme/widgets/releases/tag/api/v1.3.0",
    });
    expect(fx.github.writes().map((w) => [w.method, w.body?.draft])).toEqual([
      ["POST", true],
      ["PATCH", false],
    ]);
    expect(fx.github.store.releases).toHaveLength(1);
  });

  it("says which repository it could not find, and where that name came from", async () => {
    const fx = await githubFixture({ github: { owner: "acme", repo: "gadgets" } });
    const r = await fx.run(["release", "api/v1.3.0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: GitHub found nothing while listing releases (404 Not Found");
    expect(r.stderr).toContain("hint: check that acme/gadgets exists at http://127.0.0.1:");
    expect(fx.github.writes()).toEqual([]);
  });

  it("refuses a tag that does not exist locally, before calling GitHub", async () => {
    const fx = await githubFixture();
    const r = await fx.run(["release", "api/v9.9.9"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("tag api/v9.9.9 does not exist in this repository");
    expect(fx.github.requests).toEqual([]);
  });
});
