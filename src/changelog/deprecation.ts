import { readFileSync } from "node:fs";
import { RelnotesError } from "../errors.js";
import { findBanner } from "../github/deprecation-banner.js";

/** A version's section in a Keep-a-Changelog file: the `## [X.Y.Z]` heading line and where the section ends. */
export interface ChangelogSection {
  /** The heading line, without its line ending. */
  heading: string;
  /** 1-based line number of the heading. */
  line: number;
  /** Offset just after the heading's line ending. */
  bodyStart: number;
  /** Offset of the next `## ` heading, or the end of the text. */
  end: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Find `## [1.3.0]` (also `## [v1.3.0]`, `## 1.3.0`, with or without a date after it). */
export function findVersionSection(text: string, version: string): ChangelogSection | null {
  const heading = new RegExp(`^##[ \\t]+\\[?v?${escapeRegExp(version)}\\]?(?=[ \\t]|\\r?$)[^\\r\\n]*`, "m");
  const m = heading.exec(text);
  if (!m) return null;
  const lineEnd = m.index + m[0].length;
  const bodyStart = text.startsWith("\r\n", lineEnd) ? lineEnd + 2 : text.startsWith("\n", lineEnd) ? lineEnd + 1 : lineEnd;
  const next = /^##[ \t]/m.exec(text.slice(bodyStart));
  return { heading: m[0], line: text.slice(0, m.index).split("\n").length, bodyStart, end: next ? bodyStart + next.index : text.length };
}

/**
 * The changelog with `banner` right below the version's heading: inserted
 * once, replaced on later runs; every other byte is kept (line endings too).
 * `banner` uses "\n"; it is written with the file's own line ending.
 */
export function markSectionDeprecated(text: string, version: string, banner: string, file: string): string {
  const section = findVersionSection(text, version);
  if (!section) throw new RelnotesError(`${file} has no section for ${version} (a "## [${version}]" heading)`, "add the section, or pass --no-changelog to mark only the GitHub release");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const block = banner.split("\n").join(eol);
  const existing = findBanner(text, section.bodyStart, section.end);
  if (existing) return text.slice(0, existing.start) + block + text.slice(existing.end);
  const head = text.slice(0, section.bodyStart);
  const rest = text.slice(section.bodyStart);
  // A heading on the file's last line has no line ending yet; a section without a blank line after the heading gets one after the banner.
  const before = section.bodyStart === text.length && !text.endsWith("\n") ? head + eol : head;
  const gap = rest === "" || rest.startsWith(eol) ? "" : eol;
  return `${before}${eol}${block}${eol}${gap}${rest}`;
}

/** Read the changelog, or explain which file is missing. */
export function readChangelog(path: string, display: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new RelnotesError(`cannot read ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "check the service's changelog path in your config, or pass --no-changelog");
  }
}
