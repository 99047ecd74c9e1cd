import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dotenvName, formatGitlabDotenv } from "../../src/distribution/gitlab-dotenv.js";
import { VERIFY_TAG_OUTPUTS } from "../../src/verify/outputs.js";
import { monorepo, publish } from "../handoff/fixture.js";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, tempDir } from "../helpers/repo.js";

afterAll(cleanupTemp);

/**
 * Read a dotenv report the way GitLab does (Ci::ParseDotenvArtifactService): every line is
 * `key=value` split at the first `=`, both sides stripped; a line without `=` fails the whole
 * report; keys are ASCII letters, digits and `_`; the last of a repeated key wins.
 */
function parseGitlabDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/(?<=\n)/)) {
    const m = /^(.*?)=(.*)$/m.exec(line);
    if (!m) throw new Error(`Invalid Format: ${JSON.stringify(line)}`);
    const key = m[1]!.trim();
    if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error(`invalid key ${JSON.stringify(key)}`);
    out[key] = m[2]!.trim();
  }
  return out;
}

interface VerifyJson {
  service: string;
  version: string;
  prerelease: boolean;
  tag: string;
  previousTag: string | null;
  commit: string;
  tags: string[];
  images: string[];
}

function released() {
  const r = monorepo([
    { message: "feat(api): first", annotated: ["api/v1.0.0"] },
    { message: "feat(api): second", annotated: ["api/v1.1.0"] },
  ]);
  publish(r);
  return r;
}

describe("verify-tag --gitlab-dotenv", () => {
  it("appends the variables a GitLab pipeline reads, the same values as --json", () => {
    const r = released();
    const file = join(tempDir("rn-gl-"), "release.env");
    writeFileSync(file, "EARLIER=kept\n");
    const res = relnotes(r.dir, ["verify-tag", "api/v1.1.0", "--gitlab-dotenv", file, "--json"]);
    const v = json<VerifyJson>(res);
    const text = readFileSync(file, "utf8");
    expect(parseGitlabDotenv(text)).toEqual({
      EARLIER: "kept",
      RELEASE_SERVICE: "api",
      RELEASE_VERSION: "1.1.0",
      RELEASE_PRERELEASE: "false",
      RELEASE_TAG: "api/v1.1.0",
      RELEASE_PREVIOUS_TAG: "api/v1.0.0",
      RELEASE_COMMIT: v.commit,
      RELEASE_TAGS: v.tags.join(" "),
      RELEASE_IMAGES: v.images.join(" "),
    });
    const short = v.commit.slice(0, 7);
    expect(parseGitlabDotenv(text).RELEASE_IMAGES!.split(" ")).toEqual(
      ["1.1.0", "1.1", "1", "latest", `sha-${short}`].map((t) => `ghcr.io/acme/api:${t}`),
    );
    // Nothing GitLab's parser would refuse or change: no blank line, no quotes, no `$`.
    expect(
      text
        .slice(0, -1)
        .split("\n")
        .filter((line) => line.trim() === ""),
    ).toEqual([]);
    expect(text).not.toMatch(/["'$]/);
  });

  it("writes one variable per verify-tag output, relative to --cwd, and says where", () => {
    const r = released();
    const res = relnotes(process.cwd(), ["verify-tag", "api/v1.0.0", "--cwd", r.dir, "--gitlab-dotenv", "release.env"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`dotenv report written to ${join(r.dir, "release.env")}`);
    const vars = parseGitlabDotenv(readFileSync(join(r.dir, "release.env"), "utf8"));
    expect(Object.keys(vars)).toEqual(VERIFY_TAG_OUTPUTS.map(dotenvName));
    expect(vars).toMatchObject({ RELEASE_PREVIOUS_TAG: "", RELEASE_PRERELEASE: "false" });
  });

  it("stops with a hint when the report would reach GitLab's 5 KB limit", () => {
    const r = released();
    const file = join(tempDir("rn-gl-"), "release.env");
    writeFileSync(file, `BIG=${"x".repeat(5000)}\n`);
    const res = relnotes(r.dir, ["verify-tag", "api/v1.1.0", "--gitlab-dotenv", file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/error: the dotenv report .* would be \d+ bytes; GitLab refuses a report of 5120 bytes/);
    expect(res.stderr).toContain("hint: write the report to a file of its own");
    expect(readFileSync(file, "utf8")).toBe(`BIG=${"x".repeat(5000)}\n`);
  });
});

describe("formatGitlabDotenv", () => {
  it("names outputs RELEASE_ in upper snake case", () => {
    expect(VERIFY_TAG_OUTPUTS.map(dotenvName)).toEqual([
      "RELEASE_SERVICE",
      "RELEASE_VERSION",
      "RELEASE_PRERELEASE",
      "RELEASE_TAG",
      "RELEASE_PREVIOUS_TAG",
      "RELEASE_COMMIT",
      "RELEASE_TAGS",
      "RELEASE_IMAGES",
    ]);
  });

  it("refuses a value GitLab would read differently", () => {
    expect(() => formatGitlabDotenv({ A: "x\ny" })).toThrow("line break");
    expect(() => formatGitlabDotenv({ A: "pay $HOME" })).toThrow("expand");
    expect(() => formatGitlabDotenv({ A: " x" })).toThrow("blanks");
    expect(() => formatGitlabDotenv({ "A-B": "x" })).toThrow("invalid dotenv variable name");
    expect(formatGitlabDotenv({ A: "x=y", B: "" })).toBe("A=x=y\nB=\n");
    expect(parseGitlabDotenv("A=x=y\nB=\n")).toEqual({ A: "x=y", B: "" });
  });
});
