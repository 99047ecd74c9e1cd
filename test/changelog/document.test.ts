import { describe, expect, it } from "vitest";
import { markSectionDeprecated } from "../../src/changelog/deprecation.js";
import { findRelease, parseChangelogDocument } from "../../src/changelog/document.js";
import { parseReleaseHeading, tagsInLink } from "../../src/changelog/heading.js";
import { undatedHeadingProblem } from "../../src/changelog/release-date.js";
import { changelogBanner } from "../../src/changelog/deprecation-banner.js";

const URL = "https://github.com/acme/widgets/compare/v1.1.0...v1.2.0";

/** Every heading form of 1.2.0 dated 2026-01-05, with the service it names (if any) and a template for other dates. */
const FORMS: Array<{ name: string; line: (date: string | null) => string; service: string | null }> = [
  { name: "Keep a Changelog", line: (d) => `## [1.2.0]${d === null ? "" : ` - ${d}`}`, service: null },
  { name: "relnotes (inline link)", line: (d) => `## [1.2.0](${URL})${d === null ? "" : ` - ${d}`}`, service: null },
  { name: "conventional-changelog", line: (d) => `## 1.2.0${d === null ? "" : ` (${d})`}`, service: null },
  {
    name: "conventional-changelog with link",
    line: (d) => `## [1.2.0](${URL})${d === null ? "" : ` (${d})`}`,
    service: null,
  },
  {
    name: "semantic-release major (level 1)",
    line: (d) => `# [1.2.0](${URL})${d === null ? "" : ` (${d})`}`,
    service: null,
  },
  { name: "v prefix", line: (d) => `## v1.2.0${d === null ? "" : ` - ${d}`}`, service: null },
  { name: "bracketed v prefix, en dash", line: (d) => `## [v1.2.0]${d === null ? "" : ` – ${d}`}`, service: null },
  { name: "cocogitto", line: (d) => `## 1.2.0${d === null ? "" : ` - ${d}`}`, service: null },
  {
    name: "conventional-changelog patch (<small>)",
    line: (d) => `## <small>[1.2.0](${URL})${d === null ? "" : ` (${d})`}</small>`,
    service: null,
  },
  { name: "service prefix, space", line: (d) => `## api 1.2.0${d === null ? "" : ` - ${d}`}`, service: "api" },
  { name: "service tag in brackets", line: (d) => `## [api/v1.2.0]${d === null ? "" : ` - ${d}`}`, service: "api" },
  {
    name: "service tag with link",
    line: (d) => `## [api/v1.2.0](${URL})${d === null ? "" : ` - ${d}`}`,
    service: "api",
  },
];

const UNDATED: Array<string | null> = [null, "TBD", "YYYY-MM-DD", "2026-02-30", "soon"];

function changelog(heading: string, eol = "\n"): string {
  return [
    "# Changelog",
    "",
    "```md",
    "## 1.2.0",
    "## [1.2.0] - TBD",
    "```",
    "",
    "## [Unreleased]",
    "",
    "## [1.2.1] - 2026-01-06",
    "",
    "- fixed",
    "",
    heading,
    "",
    "- released",
    "",
    "~~~",
    "## 1.1.0",
    "~~~",
    "",
    "## [1.1.0] - 2026-01-01",
    "",
    "- first",
    "",
  ].join(eol);
}

describe("release headings", () => {
  it.each(FORMS)("reads $name", ({ line, service }) => {
    const h = parseReleaseHeading(line("2026-01-05"))!;
    expect(h).toMatchObject({ version: "1.2.0", service, date: "2026-01-05", unreleased: false });
    for (const undated of UNDATED)
      expect(parseReleaseHeading(line(undated))).toMatchObject({ version: "1.2.0", date: null, dateText: undated });
  });

  it("tells Unreleased, titles and group headings apart", () => {
    expect(parseReleaseHeading("## [Unreleased]")).toMatchObject({ unreleased: true, version: null, bracketed: true });
    expect(parseReleaseHeading("## [unreleased](https://x/compare/v1.0.0...HEAD)")).toMatchObject({
      unreleased: true,
      url: "https://x/compare/v1.0.0...HEAD",
    });
    for (const line of [
      "# Changelog",
      "### Features",
      "## 1.2.0 migration guide",
      "## Unreleased changes",
      "#### 1.2.0",
      "## [1.2]",
    ])
      expect(parseReleaseHeading(line)).toBeNull();
    expect(parseReleaseHeading("## [0.0.5] - 2014-02-25 [YANKED]")).toMatchObject({
      version: "0.0.5",
      date: "2014-02-25",
    });
    expect(parseReleaseHeading("## [1.2.0-rc.1] - 2026-01-05")?.version).toBe("1.2.0-rc.1");
  });
});

describe("links in headings and definitions", () => {
  it("names the tags of compare links with three or two dots and of release links, not a commit hash", () => {
    expect(tagsInLink("https://github.com/a/b/compare/api/v1.0.0...api/v1.1.0")).toEqual(["api/v1.0.0", "api/v1.1.0"]);
    expect(tagsInLink("https://github.com/a/b/compare/v2.13.0..v2.13.1")).toEqual(["v2.13.0", "v2.13.1"]);
    expect(tagsInLink("https://github.com/a/b/compare/3592d81caf6e02e4af493d6edb2fdb6ea3ecd9f5..7.0.0")).toEqual([
      "7.0.0",
    ]);
    expect(tagsInLink("https://github.com/a/b/releases/tag/vault%2Fv0.1.0")).toEqual(["vault/v0.1.0"]);
  });
});

describe("the changelog document", () => {
  it("skips fenced blocks and finds sections, definitions and the trailing definitions, with CRLF and a BOM", () => {
    const text = `\uFEFF${changelog("## [1.2.0] - 2026-01-05", "\r\n")}\r\n[Unreleased]: https://x/compare/v1.2.1...HEAD\r\n[1.2.1]: https://x/compare/v1.2.0...v1.2.1\r\n`;
    const doc = parseChangelogDocument(text);
    expect(doc.eol).toBe("\r\n");
    expect(doc.sections.map((s) => [s.line, s.heading.version])).toEqual([
      [8, null],
      [10, "1.2.1"],
      [14, "1.2.0"],
      [22, "1.1.0"],
    ]);
    expect(doc.unreleased?.headingText).toBe("## [Unreleased]");
    expect(text.slice(0, doc.headerEnd)).toBe(
      `\uFEFF# Changelog\r\n\r\n\`\`\`md\r\n## 1.2.0\r\n## [1.2.0] - TBD\r\n\`\`\`\r\n\r\n`,
    );
    expect(doc.definitions.map((d) => d.label)).toEqual(["Unreleased", "1.2.1"]);
    expect(text.slice(doc.footerStart)).toBe(
      "[Unreleased]: https://x/compare/v1.2.1...HEAD\r\n[1.2.1]: https://x/compare/v1.2.0...v1.2.1\r\n",
    );
    expect(text.slice(doc.releases.at(-1)!.start, doc.releases.at(-1)!.end)).toBe(
      "## [1.1.0] - 2026-01-01\r\n\r\n- first\r\n\r\n",
    );
  });

  it("a heading with a service prefix belongs to that service only", () => {
    const doc = parseChangelogDocument("## [vault/v1.2.0] - 2026-01-01\n\n## [api/v1.2.0] - 2026-01-02\n");
    expect(findRelease(doc, "1.2.0", "api")?.line).toBe(3);
    expect(findRelease(doc, "1.2.0", "vault")?.line).toBe(1);
    expect(findRelease(doc, "1.2.0", "cli")).toBeNull();
  });
});

describe("deprecate and promote on every heading form", () => {
  const banner = changelogBanner({ tag: "v1.2.0", replacement: "v1.2.1", replacementUrl: null, reason: null });

  it.each(FORMS)("deprecate marks the $name heading and nothing in fenced blocks", ({ line, service }) => {
    const heading = line("2026-01-05");
    for (const eol of ["\n", "\r\n"]) {
      const text = changelog(heading, eol);
      const marked = markSectionDeprecated(text, "1.2.0", banner, "CHANGELOG.md", service);
      expect(marked).toBe(
        text.replace(`${heading}${eol}`, `${heading}${eol}${eol}${banner.split("\n").join(eol)}${eol}`),
      );
      expect(markSectionDeprecated(marked, "1.2.0", banner, "CHANGELOG.md", service)).toBe(marked);
    }
  });

  it.each(FORMS)("promote refuses the $name heading when it is undated, in every undated form", ({ line, service }) => {
    expect(undatedHeadingProblem(changelog(line("2026-01-05")), "CHANGELOG.md", "1.2.0", service)).toBeNull();
    for (const undated of UNDATED) {
      const heading = line(undated);
      expect(undatedHeadingProblem(changelog(heading), "CHANGELOG.md", "1.2.0", service)).toBe(
        `CHANGELOG.md:14: the heading of 1.2.0 is undated ("${heading}")`,
      );
    }
  });

  it("a version only inside a fenced block has no section", () => {
    const text = "# Changelog\n\n```\n## 1.3.0\n```\n\n## [1.2.0] - 2026-01-05\n";
    expect(() => markSectionDeprecated(text, "1.3.0", banner, "CHANGELOG.md")).toThrow(
      "CHANGELOG.md has no section for 1.3.0",
    );
    expect(undatedHeadingProblem("```\n## [1.3.0] - TBD\n```\n", "CHANGELOG.md", "1.3.0", null)).toBeNull();
  });
});
