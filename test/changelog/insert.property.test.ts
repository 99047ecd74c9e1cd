import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseChangelogDocument } from "../../src/changelog/document.js";
import { insertSection } from "../../src/changelog/insert.js";

/**
 * For any changelog built from random sections — every heading form, fenced
 * blocks holding heading-like lines, hand-written Unreleased notes, inline or
 * reference links, LF or CRLF, with or without a BOM — inserting a release and
 * parsing again gives the same sections plus the new one, and every byte
 * outside the touched span (the Unreleased section or the insertion point,
 * and the definition lines) is unchanged.
 */

const REPO = "https://github.com/acme/widgets";
const HEADINGS = [
  (v: string) => `## [${v}] - 2025-01-02`,
  (v: string) => `## [${v}](${REPO}/compare/v0.0.0...v${v}) - 2025-01-02`,
  (v: string) => `## ${v} (2025-01-02)`,
  (v: string) => `# [${v}](${REPO}/compare/v0.0.0...v${v}) (2025-01-02)`,
  (v: string) => `## v${v} - 2025-01-02`,
  (v: string) => `## [${v}] - TBD`,
];

const word = fc.constantFrom(
  "alpha",
  "beta",
  "`code`",
  "[link](https://x.example)",
  "snake_case",
  "a | b",
  "(paren)",
  "*stars*",
  "TBD",
  "then ## 9.9.9",
);
const sentence = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));
const bodyLine = fc.oneof(
  sentence.map((s) => `- ${s}`),
  sentence.map((s) => `* ${s}`),
  sentence,
  fc.constantFrom("### Features", "### Added", "#### Bug Fixes", "", "", "- - -"),
  fc.constantFrom("```", "~~~").map((f) => [f, "## 7.7.7", "# [8.8.8] - 2025-01-01", f].join("\n")),
);
const body = fc.array(bodyLine, { maxLength: 8 }).map((lines) => lines.join("\n"));
/** Hand-written notes: no heading at the release level, no open fence (those stop the release, tested elsewhere). */
const notes = fc
  .array(
    fc.oneof(
      sentence.map((s) => `- ${s}`),
      sentence,
      fc.constantFrom("### Upgrade notes", "### Features", ""),
    ),
    { maxLength: 6 },
  )
  .map((l) => l.join("\n"));

const versions = fc
  .uniqueArray(fc.tuple(fc.nat(5), fc.nat(9), fc.nat(9)), { minLength: 0, maxLength: 6, selector: (t) => t.join(".") })
  .map((list) => list.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]).map((t) => t.join(".")));

const changelogs = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  header: fc.constantFrom("", "# Changelog\n", "# Changelog\n\nAll notable changes.\n\n```\n## 1.0.0\n```\n"),
  unreleased: fc.option(
    fc.tuple(fc.constantFrom("## [Unreleased]", "## Unreleased", "## [unreleased]", "# Unreleased"), notes),
    { nil: null },
  ),
  releases: versions.chain((vs) =>
    fc.tuple(...vs.map((v) => fc.tuple(fc.constant(v), fc.nat(HEADINGS.length - 1), body))),
  ),
  references: fc.boolean(),
});

type Spec = typeof changelogs extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): string {
  const parts: string[] = [];
  if (spec.header) parts.push(spec.header);
  if (spec.unreleased) parts.push(`${spec.unreleased[0]}\n\n${spec.unreleased[1]}\n`);
  for (const [v, form, text] of spec.releases)
    parts.push(`${spec.references ? `## [${v}] - 2025-01-02` : HEADINGS[form]!(v)}\n\n${text}\n`);
  let text = parts.join("\n");
  if (spec.references) {
    const defs = [
      `[Unreleased]: ${REPO}/compare/v${spec.releases[0]?.[0] ?? "0.0.0"}...HEAD`,
      ...spec.releases.map(([v]) => `[${v}]: ${REPO}/releases/tag/v${v}`),
    ];
    text += `\n${defs.join("\n")}\n`;
  }
  if (spec.crlf) text = text.replace(/\n/g, "\r\n");
  return spec.bom ? `\uFEFF${text}` : text;
}

const SECTION = `## [9.0.0](${REPO}/compare/v1.0.0...v9.0.0) - 2026-11-22\n\n### Features\n\n- generated entry zq ([abc1234](${REPO}/commit/abc1234))\n`;
const insert = {
  path: "CHANGELOG.md",
  version: "9.0.0",
  service: null,
  section: SECTION,
  header: "# Changelog\n",
  linkStyle: "inline" as const,
  unreleasedUrl: `${REPO}/compare/v9.0.0...HEAD`,
};

describe("inserting a release into any changelog", () => {
  it("keeps every section and every byte outside the touched span", () => {
    fc.assert(
      fc.property(changelogs, (spec) => {
        const before = build(spec);
        const doc = parseChangelogDocument(before);
        const after = insertSection(before, insert).text;
        const again = parseChangelogDocument(after);

        const heading = (s: { headingText: string }) => s.headingText;
        expect(again.releases.map(heading)).toEqual([
          expect.stringMatching(/^## \[9\.0\.0\]/),
          ...doc.releases.map(heading),
        ]);
        expect(again.unreleased?.headingText ?? null).toBe(doc.unreleased?.headingText ?? null);
        expect(again.releases[0]!.heading).toMatchObject({ version: "9.0.0", date: "2026-11-22" });

        // The touched span: the Unreleased section, or the insertion point above the newest release or below the header.
        const start =
          doc.unreleased?.start ??
          doc.releases[0]?.start ??
          before.slice(0, doc.headerEnd).replace(/(\r?\n)*$/, "").length;
        const end = doc.unreleased?.end ?? doc.releases[0]?.start ?? doc.headerEnd;
        expect(after.startsWith(before.slice(0, start))).toBe(true);
        // Everything from the end of the touched span to the trailing definitions comes right after the new section.
        const kept = before.slice(end, doc.footerStart);
        const newEnd = again.releases[0]!.end;
        expect(after.slice(newEnd, newEnd + kept.length)).toBe(kept);

        if (spec.references) {
          const eol = spec.crlf ? "\r\n" : "\n";
          expect(again.releases[0]!.headingText).toBe("## [9.0.0] - 2026-11-22");
          const restored = after
            .slice(again.footerStart)
            .replace(`[9.0.0]: ${REPO}/compare/v1.0.0...v9.0.0${eol}`, "")
            .replace(
              `[Unreleased]: ${REPO}/compare/v9.0.0...HEAD`,
              `[Unreleased]: ${REPO}/compare/v${spec.releases[0]?.[0] ?? "0.0.0"}...HEAD`,
            );
          expect(restored).toBe(before.slice(doc.footerStart));
        } else {
          expect(after.slice(newEnd + kept.length)).toBe(before.slice(doc.footerStart));
        }
        // One line ending throughout: the file's own.
        if (before.includes("\r\n")) expect(after.replace(/\r\n/g, "")).not.toContain("\n");
        else expect(after).not.toContain("\r");
        // What people wrote under Unreleased is in the new release, line for line.
        const section = after.slice(again.releases[0]!.start, again.releases[0]!.end);
        for (const line of (spec.unreleased?.[1] ?? "").split("\n").filter((l) => l.trim() !== ""))
          expect(section).toContain(line);
      }),
      { numRuns: 1000 },
    );
  });
});
