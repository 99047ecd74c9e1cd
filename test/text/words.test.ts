import { describe, expect, it } from "vitest";
import { agree, commandLine, count } from "../../src/text/words.js";

describe("wording helpers", () => {
  it("count a noun in agreement", () => {
    expect([0, 1, 2].map((n) => count(n, "commit"))).toEqual(["0 commits", "1 commit", "2 commits"]);
    expect(count(2, "was", "were")).toBe("2 were");
  });

  it("pick the word that agrees", () => {
    expect([1, 2].map((n) => `${agree(n, "it", "them")} ${agree(n, "is", "are")}`)).toEqual(["it is", "them are"]);
  });

  it("show a command without the words that are absent", () => {
    expect(commandLine("relnotes", "bump", null, "--bump", "patch")).toBe("relnotes bump --bump patch");
    expect(commandLine("relnotes", "bump", "api", "--rc", false, undefined, "")).toBe("relnotes bump api --rc");
  });
});
