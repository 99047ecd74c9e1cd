import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHANGELOG, closeGitHubFixtures, githubFixture, type GitHubFixture } from "../helpers/github/fixture.js";

afterEach(closeGitHubFixtures);

const count = (text: string, needle: string) => text.split(needle).length - 1;
const changelog = (f: GitHubFixture) => readFileSync(join(f.repo.dir, "svc/api/CHANGELOG.md"), "utf8");

/** The changelog as relnotes writes it: inline compare links in the headings. */
const RELNOTES_FORM = CHANGELOG.replace(
  "## [1.3.0] - 2026-01-01",
  "## [1.3.0](https://github.com/acme/widgets/compare/api/v1.2.0...api/v1.3.0) - 2026-01-01",
).replace(
  "## [1.2.0] - 2026-01-01",
  "## [1.2.0](https://github.com/acme/widgets/releases/tag/api/v1.2.0) - 2026-01-01",
);

describe("relnotes deprecate <tag> --use <tag>", () => {
  it("marks a changelog relnotes wrote (headings with inline links)", async () => {
    const fx = await githubFixture();
    writeFileSync(join(fx.repo.dir, "svc/api/CHANGELOG.md"), RELNOTES_FORM);
    expect((await fx.run(["release", "api/v1.2.0"])).code).toBe(0);
    const r = await fx.run(["deprecate", "api/v1.2.0", "--use", "api/v1.3.0"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const heading = "## [1.2.0](https://github.com/acme/widgets/releases/tag/api/v1.2.0) - 2026-01-01\n";
    const quote =
      "<!-- relnotes:deprecated -->\n> **⚠️ Deprecated:** use [api/v1.3.0](https://github.com/acme/widgets/releases/tag/api/v1.3.0) instead.\n<!-- /relnotes:deprecated -->\n";
    expect(changelog(fx)).toBe(RELNOTES_FORM.replace(heading, `${heading}\n${quote}`));
  });

  it("puts one banner naming the replacement on the release and in the changelog, however often it runs", async () => {
    const fx = await githubFixture();
    expect((await fx.run(["release", "api/v1.2.0"])).code).toBe(0);
    const notes = fx.github.store.releases[0]!.body!;
    const first = await fx.run([
      "deprecate",
      "api/v1.2.0",
      "--use",
      "api/v1.3.0",
      "--reason",
      "Key rotation loses keys.",
    ]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      "api/v1.2.0: GitHub release marked deprecated: https://github.com/acme/widgets/releases/tag/api/v1.2.0\napi/v1.2.0: svc/api/CHANGELOG.md marked deprecated (commit it)\n",
    );
    const banner = [
      "<!-- relnotes:deprecated -->",
      "## ⚠️ Deprecated",
      "",
      "api/v1.2.0 is deprecated: use [api/v1.3.0](https://github.com/acme/widgets/releases/tag/api/v1.3.0) instead.",
      "",
      "Key rotation loses keys.",
      "<!-- /relnotes:deprecated -->",
    ].join("\n");
    expect(fx.github.store.releases[0]!.body).toBe(`${banner}\n\n${notes}`);
    const marked = changelog(fx);
    const quote =
      "<!-- relnotes:deprecated -->\n> **⚠️ Deprecated:** use [api/v1.3.0](https://github.com/acme/widgets/releases/tag/api/v1.3.0) instead. Key rotation loses keys.\n<!-- /relnotes:deprecated -->\n";
    expect(marked).toBe(CHANGELOG.replace("## [1.2.0] - 2026-01-01\n", `## [1.2.0] - 2026-01-01\n\n${quote}`));

    const writes = fx.github.writes().length;
    const second = await fx.run([
      "deprecate",
      "api/v1.2.0",
      "--use",
      "api/v1.3.0",
      "--reason",
      "Key rotation loses keys.",
      "--json",
    ]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      release: { action: "unchanged" },
      changelog: { path: "svc/api/CHANGELOG.md", action: "unchanged" },
    });
    expect(fx.github.writes()).toHaveLength(writes);
    expect(changelog(fx)).toBe(marked);
    expect(count(fx.github.store.releases[0]!.body!, "## ⚠️ Deprecated")).toBe(1);
  });

  it("replaces the banner when the replacement changes, still one", async () => {
    const fx = await githubFixture();
    await fx.run(["release", "api/v1.2.0"]);
    await fx.run(["deprecate", "api/v1.2.0", "--use", "api/v1.4.0-rc.1"]);
    expect((await fx.run(["deprecate", "api/v1.2.0", "--use", "api/v1.3.0"])).code).toBe(0);
    const body = fx.github.store.releases[0]!.body!;
    expect(count(body, "## ⚠️ Deprecated")).toBe(1);
    expect(body).toContain("use [api/v1.3.0]");
    expect(body).not.toContain("rc.1");
    expect(count(changelog(fx), "<!-- relnotes:deprecated -->")).toBe(1);
    expect(changelog(fx)).toContain("use [api/v1.3.0]");
  });

  it("checks everything before writing: a version without a changelog section changes nothing", async () => {
    const fx = await githubFixture();
    await fx.run(["release", "api/v1.4.0-rc.1"]);
    const writes = fx.github.writes().length;
    const r = await fx.run(["deprecate", "api/v1.4.0-rc.1", "--use", "api/v1.3.0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('svc/api/CHANGELOG.md has no section for 1.4.0-rc.1 (a "## [1.4.0-rc.1]" heading)');
    expect(fx.github.writes()).toHaveLength(writes);
    const only = await fx.run(["deprecate", "api/v1.4.0-rc.1", "--use", "api/v1.3.0", "--no-changelog", "--json"]);
    expect(JSON.parse(only.stdout)).toMatchObject({ release: { action: "updated" }, changelog: null });
    expect(changelog(fx)).toBe(CHANGELOG);
  });

  it("refuses a replacement of another service, a missing release and a missing --use", async () => {
    const fx = await githubFixture();
    const other = await fx.run(["deprecate", "api/v1.2.0", "--use", "vault/v0.1.0"]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("vault/v0.1.0 is a release of another service than api/v1.2.0");
    const missing = await fx.run(["deprecate", "api/v1.2.0", "--use", "api/v1.3.0"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("acme/widgets has no GitHub release for api/v1.2.0");
    expect(missing.stderr).toContain("hint: create it first: relnotes release api/v1.2.0");
    expect((await fx.run(["deprecate", "api/v1.2.0"])).code).toBe(2);
    expect(fx.github.writes()).toEqual([]);
    expect(changelog(fx)).toBe(CHANGELOG);
  });
});
