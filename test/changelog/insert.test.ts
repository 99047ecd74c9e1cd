import { afterAll, describe, expect, it } from "vitest";
import { insertSection, type SectionInsert } from "../../src/changelog/insert.js";
import { relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo } from "../helpers/repo.js";

const REPO = "https://github.com/acme/widgets";
const SECTION = `## [1.3.0](${REPO}/compare/v1.2.0...v1.3.0) - 2026-11-22\n\n### Features\n\n- **keys:** rotate keys ([abc1234](${REPO}/commit/abc1234))\n`;
const INSERT: SectionInsert = {
  path: "CHANGELOG.md",
  version: "1.3.0",
  service: null,
  section: SECTION,
  header: "# Changelog\n",
  linkStyle: "inline",
  unreleasedUrl: `${REPO}/compare/v1.3.0...HEAD`,
};

afterAll(cleanupTemp);

describe("hand-written lines that cannot be placed stop the release", () => {
  it("names a heading at the release level under Unreleased", () => {
    const text =
      "# Changelog\n\n## [Unreleased]\n\n- kept\n\n## Notes for operators\n\n- restart\n\n## [1.2.0] - 2026-01-01\n";
    expect(() => insertSection(text, INSERT)).toThrow(
      'CHANGELOG.md:7: the hand-written line "## Notes for operators" under Unreleased cannot be placed in the 1.3.0 section: a level-2 heading would end the release section',
    );
  });

  it("names a code block that is never closed", () => {
    const text = "# Changelog\n\n## [Unreleased]\n\n```sh\nwidgets migrate\n\n## [1.2.0] - 2026-01-01\n";
    expect(() => insertSection(text, INSERT)).toThrow(
      'CHANGELOG.md:5: the hand-written line "```sh" under Unreleased cannot be placed in the 1.3.0 section: it opens a code block that is never closed',
    );
  });
});

describe("inserting a release", () => {
  it("refuses a version already in the file, in any heading form, for the same service only", () => {
    expect(() => insertSection("## api 1.3.0 - 2026-01-01\n", { ...INSERT, service: "api" })).toThrow(
      "CHANGELOG.md:1: version 1.3.0 is already in the changelog",
    );
    expect(insertSection("## [vault/v1.3.0] - 2026-01-01\n", { ...INSERT, service: "api" }).text).toBe(
      `${SECTION}\n## [vault/v1.3.0] - 2026-01-01\n`,
    );
  });

  it("creates a file in the configured reference style", () => {
    const { text } = insertSection(null, { ...INSERT, linkStyle: "references" });
    expect(text).toBe(
      `# Changelog\n\n## [1.3.0] - 2026-11-22\n\n### Features\n\n- **keys:** rotate keys ([abc1234](${REPO}/commit/abc1234))\n\n[1.3.0]: ${REPO}/compare/v1.2.0...v1.3.0\n`,
    );
  });

  it("an existing file keeps its own style whatever the configuration says", () => {
    const text = `# Changelog\n\n## [1.2.0](${REPO}/compare/v1.1.0...v1.2.0) - 2026-01-01\n`;
    expect(insertSection(text, { ...INSERT, linkStyle: "references" }).text).toBe(
      `# Changelog\n\n${SECTION}\n## [1.2.0](${REPO}/compare/v1.1.0...v1.2.0) - 2026-01-01\n`,
    );
  });

  it("points an inline Unreleased link at the new tag and adds a missing [Unreleased] definition", () => {
    const inline = insertSection(
      `## [Unreleased](${REPO}/compare/v1.2.0...HEAD)\n\n## [1.2.0](${REPO}/compare/v1.1.0...v1.2.0) - 2026-01-01\n`,
      INSERT,
    ).text;
    expect(inline.split("\n")[0]).toBe(`## [Unreleased](${REPO}/compare/v1.3.0...HEAD)`);
    const refs = insertSection(
      `## [Unreleased]\n\n## [1.2.0] - 2026-01-01\n\n[1.2.0]: ${REPO}/compare/v1.1.0...v1.2.0\n`,
      INSERT,
    ).text;
    expect(refs.slice(refs.indexOf("\n["))).toBe(
      `\n[Unreleased]: ${REPO}/compare/v1.3.0...HEAD\n[1.3.0]: ${REPO}/compare/v1.2.0...v1.3.0\n[1.2.0]: ${REPO}/compare/v1.1.0...v1.2.0\n`,
    );
  });

  it("reports the hand-written lines left out as repeats of generated entries", () => {
    const text = "## [Unreleased]\n\n### Features\n\n- Rotate keys.\n- document the rotation schedule\n";
    const { text: after, repeats } = insertSection(text, INSERT);
    expect(repeats).toEqual([{ line: 5, text: "- Rotate keys." }]);
    expect(after).toBe(
      `## [Unreleased]\n\n${SECTION.replace("### Features\n\n", "### Features\n\n- document the rotation schedule\n")}`,
    );
  });

  it("puts a rule below the new section when releases are separated by rules (cocogitto)", () => {
    const text =
      "# Changelog\nIntro.\n\n- - -\n## v1.2.0 - 2026-01-01\n#### Features\n- old\n\n- - -\n\n## v1.1.0 - 2025-12-01\n";
    expect(insertSection(text, INSERT).text).toBe(
      `# Changelog\nIntro.\n\n- - -\n${SECTION}\n- - -\n\n## v1.2.0 - 2026-01-01\n#### Features\n- old\n\n- - -\n\n## v1.1.0 - 2025-12-01\n`,
    );
  });

  it("keeps a hand-written heading with nothing under it yet", () => {
    const { text } = insertSection("## [Unreleased]\n\n### Upgrade notes\n\n### Features\n", INSERT);
    expect(text).toBe(
      `## [Unreleased]\n\n${SECTION.replace("\n\n### Features", "\n\n### Upgrade notes\n\n### Features")}`,
    );
  });

  it("keeps a code block written under Unreleased as is, even a line in it that reads like a generated entry", () => {
    const text = "## [Unreleased]\n\nRun:\n\n```\n- Rotate keys\n```\n";
    const { text: after, repeats } = insertSection(text, INSERT);
    expect(repeats).toEqual([]);
    expect(after).toBe(
      `## [Unreleased]\n\n${SECTION.replace("\n\n### Features", "\n\nRun:\n\n```\n- Rotate keys\n```\n\n### Features")}`,
    );
  });
});

describe("the plan shows what happens to hand-written notes", () => {
  it("preview --diff shows the moved notes and warns about a repeated line", () => {
    const r = repo({
      files: {
        "CHANGELOG.md":
          "# Changelog\n\n## [Unreleased]\n\n- Operators: rotate keys before upgrading.\n- Rotate keys\n\n## [1.2.0] - 2026-01-01\n",
      },
      commits: [{ message: "feat: first", annotated: ["v1.2.0"] }, { message: "feat: rotate keys" }],
    });
    gitIn(r.dir, ["remote", "add", "origin", `${REPO}.git`]);
    const out = relnotes(r.dir, ["preview", "--diff"]);
    expect(out.code, out.stderr).toBe(0);
    const diff = [
      " ## [Unreleased]",
      " ",
      "+## [1.3.0](https://github.com/acme/widgets/compare/v1.2.0...v1.3.0) - 2026-10-28",
      "+",
      " - Operators: rotate keys before upgrading.",
      "-- Rotate keys",
      " ",
      "+### Features",
    ];
    expect(out.stdout).toContain(diff.map((l) => `    ${l}\n`).join(""));
    expect(out.stderr).toContain(
      'CHANGELOG.md:6: the hand-written line "- Rotate keys" under Unreleased repeats a generated entry of 1.3.0; it is written once',
    );
  });
});
