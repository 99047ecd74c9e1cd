import { describe, expect, it } from "vitest";
import type { ReleasePlan, ServiceRelease } from "../../src/plan/types.js";
import { parseBlock, releaseBlock } from "../../src/release/pr/block.js";
import { pullRequestBody, pullRequestTitle } from "../../src/release/pr/text.js";

const SHA = (c: string) => c.repeat(40);

function plan(notes: string): ReleasePlan {
  const release = {
    service: "api",
    version: "1.3.0",
    tag: "api/v1.3.0",
    previousTag: "api/v1.2.0",
    prerelease: false,
    reason: "minor: 1 feat",
    notes,
  } as ServiceRelease;
  return {
    releases: [release],
    skipped: [],
    warnings: [],
    files: [{ path: "svc/api/CHANGELOG.md", before: "", after: "x" }] as ReleasePlan["files"],
  };
}

describe("the release pull request's text", () => {
  it("takes the release commit's first line as its title", () => {
    expect(pullRequestTitle("chore(release): api v1.3.0\n\nbody\n")).toBe("chore(release): api v1.3.0");
  });

  it("nests the notes' headings under the release's, but not inside code fences", () => {
    const body = pullRequestBody(plan("## Features\n\n- x\n\n```md\n## not a heading\n```\n"), null);
    expect(body).toContain("## api 1.3.0\n\nTag `api/v1.3.0`, after `api/v1.2.0` (minor: 1 feat).\n\n### Features");
    expect(body).toContain("```md\n## not a heading\n```");
    expect(body).toContain("<!-- relnotes-release block: written with the release commit");
    expect(parseBlock(body, "dry run")).toBeNull();
  });

  it("carries the block, and leaves notes too long for a description to the changelog diff", () => {
    const p = plan(`## Features\n\n${"- a change worth a line of notes\n".repeat(3000)}`);
    const block = releaseBlock(p, { branch: "relnotes/release", base: SHA("a"), commit: SHA("b") });
    const body = pullRequestBody(p, block);
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain("The notes are too long for a pull request description");
    expect(parseBlock(body, "#1")).toEqual(block);
    expect(pullRequestBody(plan("## Features\n\n- one\n"), block)).toContain("- one");
  });
});
