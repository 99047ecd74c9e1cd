import { describe, expect, it } from "vitest";
import { formatBlock, parseBlock, type ReleaseBlock } from "../../src/release/pr/block.js";

const block: ReleaseBlock = {
  format: 1,
  branch: "relnotes/release",
  base: "a".repeat(40),
  commit: "b".repeat(40),
  releases: [
    { service: "api", version: "1.3.0", tag: "api/v1.3.0", previousTag: "api/v1.2.0", prerelease: false },
    { service: "web", version: "0.1.0-rc.1", tag: "web/v0.1.0-rc.1", previousTag: null, prerelease: true },
  ],
  files: ["svc/api/CHANGELOG.md", "svc/api/Cargo.toml"],
};

const where = "pull request #7";

describe("the release pull request's machine block", () => {
  it("reads back what it wrote, inside a description with other text", () => {
    const body = `## api 1.3.0\n\nnotes\n\n${formatBlock(block)}\n\nmore text`;
    expect(parseBlock(body, where)).toEqual(block);
  });

  it("cannot be ended early by a tag or path holding `-->`", () => {
    const odd = { ...block, files: ["a-->b.md"], releases: [{ ...block.releases[0]!, tag: "x-->y" }] };
    const text = formatBlock(odd);
    expect(text.indexOf("-->")).toBe(text.length - 3);
    expect(parseBlock(`before ${text} after`, where)).toEqual(odd);
  });

  it("is absent from a description without one", () => {
    expect(parseBlock("a pull request someone else wrote <!-- a comment -->", where)).toBeNull();
  });

  it("stops on a block edited into something unreadable, naming the pull request", () => {
    const broken = formatBlock(block).replace('"format":1', '"format":1,,');
    expect(() => parseBlock(broken, where)).toThrow(/pull request #7: .*not valid JSON/);
    const twice = `${formatBlock(block)}\n${formatBlock(block)}`;
    expect(() => parseBlock(twice, where)).toThrow(/appears 2 times/);
    const noVersion = formatBlock({ ...block, releases: [{ ...block.releases[0]!, version: "" }] });
    expect(() => parseBlock(noVersion, where)).toThrow(/unreadable release at position 1/);
    const shortSha = formatBlock({ ...block, commit: "abc123" });
    expect(() => parseBlock(shortSha, where)).toThrow(/not a full commit id/);
    const future = formatBlock({ ...block, format: 2 as 1 });
    expect(() => parseBlock(future, where)).toThrow(/format 2/);
  });
});
