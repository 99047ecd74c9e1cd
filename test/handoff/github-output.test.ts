import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatGithubOutput } from "../../src/distribution/github-output.js";
import { json, relnotes } from "../helpers/cli.js";
import { parseGithubOutput } from "../helpers/github-output.js";
import { cleanupTemp, tempDir } from "../helpers/repo.js";
import { monorepo, publish } from "./fixture.js";

afterAll(cleanupTemp);

describe("formatGithubOutput", () => {
  it("uses the heredoc form for multi-line values, with a delimiter absent from the value", () => {
    const delims = ["EOF", "EOF", "OTHER"];
    const text = formatGithubOutput({ a: "1", b: "x\nEOF\ny" }, () => delims.shift()!);
    expect(text).toBe("a=1\nb<<OTHER\nx\nEOF\ny\nOTHER\n");
    expect(parseGithubOutput(text)).toEqual({ a: "1", b: "x\nEOF\ny" });
  });
});

describe("verify-tag --github-output", () => {
  it("appends outputs that parse back to the --json values", () => {
    const r = monorepo([
      { message: "feat(api): first", annotated: ["api/v1.0.0"] },
      { message: "feat(api): second", annotated: ["api/v1.1.0"] },
    ]);
    publish(r);
    const file = join(tempDir("rn-gh-"), "output");
    writeFileSync(file, "earlier=kept\n");
    const res = relnotes(r.dir, ["verify-tag", "api/v1.1.0", "--github-output", "--json"], { GITHUB_OUTPUT: file });
    const v = json<{
      service: string;
      version: string;
      prerelease: boolean;
      tag: string;
      previousTag: string;
      commit: string;
      tags: string[];
      images: string[];
    }>(res);
    const parsed = parseGithubOutput(readFileSync(file, "utf8"));
    expect(parsed).toEqual({
      earlier: "kept",
      service: v.service,
      version: v.version,
      prerelease: String(v.prerelease),
      tag: v.tag,
      previousTag: v.previousTag,
      commit: v.commit,
      tags: v.tags.join("\n"),
      images: v.images.join("\n"),
    });
    expect(parsed.tags!.split("\n")).toEqual(["1.1.0", "1.1", "1", "latest", `sha-${v.commit.slice(0, 7)}`]);
  });

  it("fails with a hint when GITHUB_OUTPUT is not set", () => {
    const r = monorepo([{ message: "feat(api): first", annotated: ["api/v1.0.0-rc.1"] }]);
    const res = relnotes(r.dir, ["verify-tag", "api/v1.0.0-rc.1", "--github-output"], { GITHUB_OUTPUT: "" });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("--github-output needs the GITHUB_OUTPUT environment variable");
  });
});
