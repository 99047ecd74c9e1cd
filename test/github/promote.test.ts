import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHANGELOG, closeGitHubFixtures, githubFixture, type GitHubFixture } from "../helpers/github/fixture.js";

afterEach(closeGitHubFixtures);

const REQUIRED = { github: { latest: "api", requiredAssets: ["api-{version}-linux-*.tar.gz", "checksums.txt"] } };

async function draft(fixture: GitHubFixture, tag: string) {
  const r = await fixture.run(["release", tag, "--draft"]);
  expect(r.code).toBe(0);
  return fixture.github.store.releases.find((x) => x.tag_name === tag)!;
}

describe("relnotes promote <tag>", () => {
  it("publishes a checked draft and makes it latest per config", async () => {
    const fx = await githubFixture();
    await draft(fx, "api/v1.3.0");
    const r = await fx.run(["promote", "api/v1.3.0"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("published api/v1.3.0 (latest): https://github.com/acme/widgets/releases/tag/api/v1.3.0\n");
    const patch = fx.github.writes().at(-1)!;
    expect(patch).toMatchObject({ method: "PATCH", body: { draft: false, make_latest: "true" } });
    expect(fx.github.store.releases).toMatchObject([{ draft: false, tag_name: "api/v1.3.0" }]);
    expect(fx.github.store.latestId).toBe(fx.github.store.releases[0]!.id);
  });

  it("refuses a draft missing required assets, lists every problem and changes nothing", async () => {
    const fx = await githubFixture(REQUIRED);
    const release = await draft(fx, "api/v1.3.0");
    fx.github.store.addAsset(release, "api-1.3.0-darwin-arm64.tar.gz");
    const writes = fx.github.writes().length;
    const r = await fx.run(["promote", "api/v1.3.0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: cannot promote api/v1.3.0: the draft is not ready");
    expect(r.stderr).toContain(
      '  - no attached asset matches "api-1.3.0-linux-*.tar.gz" (attached: api-1.3.0-darwin-arm64.tar.gz)',
    );
    expect(r.stderr).toContain('  - no attached asset matches "checksums.txt"');
    expect(fx.github.writes()).toHaveLength(writes);
    expect(fx.github.store.releases[0]!.draft).toBe(true);
  });

  it("publishes once the required assets are attached", async () => {
    const fx = await githubFixture(REQUIRED);
    const release = await draft(fx, "api/v1.3.0");
    fx.github.store.addAsset(release, "api-1.3.0-linux-amd64.tar.gz");
    fx.github.store.addAsset(release, "checksums.txt");
    const r = await fx.run(["promote", "api/v1.3.0", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      action: "published",
      tag: "api/v1.3.0",
      version: "1.3.0",
      url: "https://github.com/acme/widgets/releases/tag/api/v1.3.0",
      makeLatest: "true",
      assets: ["api-1.3.0-linux-amd64.tar.gz", "checksums.txt"],
      tags: [],
      images: [],
      held: [],
    });
    expect(fx.github.store.releases[0]!.draft).toBe(false);
  });

  it("refuses empty notes, TBD in the notes and an undated changelog heading", async () => {
    const fx = await githubFixture();
    const release = await draft(fx, "api/v1.3.0");
    release.body = "## Features\n\n- date TBD\n";
    writeFileSync(
      join(fx.repo.dir, "svc/api/CHANGELOG.md"),
      CHANGELOG.replace("## [1.3.0] - 2026-01-01", "## [1.3.0] - TBD"),
    );
    const r = await fx.run(["promote", "api/v1.3.0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  - the release notes of api/v1.3.0 contain "TBD" (line 3)');
    expect(r.stderr).toContain('  - svc/api/CHANGELOG.md:5: the heading of 1.3.0 is undated ("## [1.3.0] - TBD")');
    release.body = "  \n";
    const empty = await fx.run(["promote", "api/v1.3.0"]);
    expect(empty.stderr).toContain("  - the release notes of api/v1.3.0 are empty");
    expect(fx.github.writes().map((w) => w.method)).toEqual(["POST"]);
  });

  it("refuses an undated heading in the forms relnotes and semantic-release write", async () => {
    const fx = await githubFixture();
    await draft(fx, "api/v1.3.0");
    const forms = [
      "## [1.3.0](https://github.com/acme/widgets/compare/api/v1.2.0...api/v1.3.0) - TBD",
      "# [1.3.0](https://github.com/acme/widgets/compare/api/v1.2.0...api/v1.3.0) (YYYY-MM-DD)",
      "## api 1.3.0",
    ];
    for (const heading of forms) {
      writeFileSync(join(fx.repo.dir, "svc/api/CHANGELOG.md"), CHANGELOG.replace("## [1.3.0] - 2026-01-01", heading));
      const r = await fx.run(["promote", "api/v1.3.0"]);
      expect(r.code, heading).toBe(1);
      expect(r.stderr).toContain(`  - svc/api/CHANGELOG.md:5: the heading of 1.3.0 is undated ("${heading}")`);
    }
    expect(fx.github.writes().map((w) => w.method)).toEqual(["POST"]);
    writeFileSync(
      join(fx.repo.dir, "svc/api/CHANGELOG.md"),
      CHANGELOG.replace(
        "## [1.3.0] - 2026-01-01",
        "## [1.3.0](https://github.com/acme/widgets/compare/api/v1.2.0...api/v1.3.0) - 2026-01-02",
      ),
    );
    expect((await fx.run(["promote", "api/v1.3.0"])).code).toBe(0);
  });

  it("fails when there is no draft, pointing at release --draft", async () => {
    const fx = await githubFixture();
    const r = await fx.run(["promote", "api/v1.3.0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("acme/widgets has no draft release for api/v1.3.0");
    expect(r.stderr).toContain("hint: create the draft first: relnotes release api/v1.3.0 --draft");
    expect(fx.github.writes()).toEqual([]);
  });

  it("publishes a pre-release draft without making it latest, and a second promote changes nothing", async () => {
    const fx = await githubFixture();
    await draft(fx, "api/v1.4.0-rc.1");
    expect((await fx.run(["promote", "api/v1.4.0-rc.1"])).code).toBe(0);
    expect(fx.github.writes().at(-1)!.body).toEqual({ draft: false, make_latest: "false" });
    const again = await fx.run(["promote", "api/v1.4.0-rc.1"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("api/v1.4.0-rc.1 is already published");
    expect(fx.github.writes()).toHaveLength(2);
    expect(fx.github.store.latestId).toBeNull();
  });
});
