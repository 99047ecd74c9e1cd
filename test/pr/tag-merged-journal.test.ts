import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { changelogNotes } from "../../src/release/pr/merged-check.js";
import { apiVaultSpec, releasedRepo, stateFile } from "../bump/setup.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { killAfter } from "../helpers/kill-after.js";
import { cleanupTemp } from "../helpers/repo.js";

const TOKEN = "ghs_tagMergedJournal1234";
const servers: FakeGitHub[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(cleanupTemp);

describe("the notes are a version's section of the changelog, without its heading", () => {
  const changelog = [
    "# Changelog",
    "",
    "## [Unreleased]",
    "",
    "## [1.3.0](https://example.com/compare/v1.2.0...v1.3.0) - 2026-03-01",
    "",
    "",
    "### Features",
    "",
    "- Keys rotate every 90 days.",
    "",
    "```md",
    "## [9.9.9] - not a heading inside a fence",
    "```",
    "",
    "## [1.2.0] - 2026-01-01",
    "",
    "- first",
    "",
    "[1.2.0]: https://example.com/v1.2.0",
    "",
  ].join("\n");

  it("from the line after its heading to the next section, blank lines around trimmed", () => {
    expect(changelogNotes(changelog, "1.3.0", null)).toBe(
      "### Features\n\n- Keys rotate every 90 days.\n\n```md\n## [9.9.9] - not a heading inside a fence\n```\n",
    );
    // The last section stops before the trailing link definitions.
    expect(changelogNotes(changelog, "1.2.0", null)).toBe("- first\n");
  });

  it("CRLF files give LF notes; a missing version or another service's heading gives null", () => {
    expect(changelogNotes(changelog.replace(/\n/g, "\r\n"), "1.2.0", null)).toBe("- first\n");
    expect(changelogNotes(changelog, "1.4.0", null)).toBeNull();
    const shared = "# Changelog\n\n## api 2.0.0\n\n- api\n\n## vault 2.0.0\n\n- vault\n";
    expect(changelogNotes(shared, "2.0.0", "vault")).toBe("- vault\n");
    expect(changelogNotes(shared, "2.0.0", "web")).toBeNull();
  });
});

describe("the journal: tag-merged adds one optional field, pullRequest", () => {
  it("a journal without it (bump's, or one written before) is bump's to finish: tag-merged says so, bump --resume reads it", async () => {
    const github = await startFakeGitHub({ token: TOKEN });
    servers.push(github);
    const r = releasedRepo(apiVaultSpec({ github: { owner: "acme", repo: "widgets" } }));
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "1" };
    const killed = await r.runAsync(["bump", "api", "vault", "--yes"], env, killAfter("push:api/v1.3.0"));
    expect(killed.code, killed.stderr).toBe(-1);
    const journal = readFileSync(stateFile(r.work), "utf8");
    expect(JSON.parse(journal)).not.toHaveProperty("pullRequest");
    const before = r.snapshot();

    const refused = await r.runAsync(["tag-merged"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "an unfinished release of api/v1.3.0, vault/v0.4.1, started by relnotes bump, is in progress",
    );
    expect(refused.stderr).toContain("finish it with relnotes bump --resume");
    expect(r.snapshot()).toBe(before);
    expect(readFileSync(stateFile(r.work), "utf8")).toBe(journal);

    const resumed = await r.runAsync(["bump", "--resume"], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain("Completed the unfinished release.");
    expect(
      github.store
        .list()
        .map((x) => x.tag_name)
        .sort(),
    ).toEqual(["api/v1.3.0", "vault/v0.4.1"]);
  });
});
