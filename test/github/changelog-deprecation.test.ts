import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { markSectionDeprecated } from "../../src/changelog/deprecation.js";
import { findRelease, parseChangelogDocument } from "../../src/changelog/document.js";
import { writeFileAtomic } from "../../src/fs/atomic.js";
import { changelogBanner } from "../../src/changelog/deprecation-banner.js";

const banner = changelogBanner({ tag: "v1.2.0", replacement: "v1.2.1", replacementUrl: null, reason: null });

describe("marking a changelog section deprecated", () => {
  it("inserts the banner below the heading once and keeps every other byte, CRLF included", () => {
    const text =
      "# Changelog\r\n\r\n## [1.2.1] - 2026-01-02\r\n\r\n- fix\r\n\r\n## [1.2.0] - 2026-01-01\r\n\r\n- broken\r\n";
    const once = markSectionDeprecated(text, "1.2.0", banner, "CHANGELOG.md");
    expect(once).toBe(
      text.replace(
        "## [1.2.0] - 2026-01-01\r\n",
        `## [1.2.0] - 2026-01-01\r\n\r\n${banner.split("\n").join("\r\n")}\r\n`,
      ),
    );
    expect(markSectionDeprecated(once, "1.2.0", banner, "CHANGELOG.md")).toBe(once);
  });

  it("does not take 1.2.0 for 1.2.0-rc.1 or 11.2.0, and handles a heading on the last line", () => {
    const text = "## [1.2.0-rc.1]\n\n## [11.2.0]\n\n## 1.2.0";
    expect(findRelease(parseChangelogDocument(text), "1.2.0")?.line).toBe(5);
    expect(markSectionDeprecated(text, "1.2.0", banner, "CHANGELOG.md")).toBe(`${text}\n\n${banner}\n`);
  });

  it("names the file and version when the section is missing", () => {
    expect(() => markSectionDeprecated("# Changelog\n", "1.2.0", banner, "svc/CHANGELOG.md")).toThrow(
      'svc/CHANGELOG.md has no section for 1.2.0 (a "## [1.2.0]" heading)',
    );
  });

  it("writes atomically: the new bytes in place and no temporary file left", () => {
    const dir = mkdtempSync(join(tmpdir(), "relnotes-atomic-"));
    const file = join(dir, "CHANGELOG.md");
    writeFileSync(file, "old\n");
    writeFileAtomic(file, "new\n");
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["CHANGELOG.md"]);
  });
});
