import { RelnotesError } from "../errors.js";
import { findRelease, parseChangelogDocument, type ChangelogDocument } from "./document.js";
import { mergeHandWritten, type SourceLine } from "./hand-written.js";
import { applyEdits, definitionEdits, detectLinkStyle, inStyle, type Edit, type LinkStyle } from "./links.js";

export interface SectionInsert {
  /** Repository-relative path, for messages. */
  path: string;
  version: string;
  service: string | null;
  /** Rendered section, `\n` line endings, ending with one newline. */
  section: string;
  /** Header of a new file. */
  header: string;
  /** Link style of a file that shows none yet (config `changelog.links`). */
  linkStyle: LinkStyle;
  /** Where `[Unreleased]` points after this release (`…/compare/<tag>...HEAD`), or null when unknown. */
  unreleasedUrl: string | null;
}

const withEol = (text: string, eol: string) => (eol === "\n" ? text : text.replace(/\n/g, eol));

const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;

/** A thematic break ending a section (`- - -` between cocogitto's releases) separates it from the next one: it is not notes. */
function splitClosingRule(body: string): { body: string; rule: string | null } {
  const lines = body.split("\n");
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.trim() === "") last--;
  const line = last >= 0 ? lines[last]!.replace(/\r$/, "") : "";
  if (!RULE.test(line)) return { body, rule: null };
  return { body: lines.slice(0, last).join("\n"), rule: line };
}

/** The edit that puts the section in: in place of Unreleased (kept, empty, on top), above the newest release, or below the header. */
function sectionEdit(doc: ChangelogDocument, section: string, insert: SectionInsert, repeats: SourceLine[]): Edit {
  const { text, eol } = doc;
  const unreleased = doc.unreleased;
  if (unreleased) {
    const { body, rule } = splitClosingRule(text.slice(unreleased.bodyStart, unreleased.end));
    const { text: merged, repeats: dropped } = mergeHandWritten(section, body, {
      path: insert.path,
      line: unreleased.line + 1,
      version: insert.version,
    });
    repeats.push(...dropped);
    const url = unreleased.heading.url;
    const heading =
      url && insert.unreleasedUrl
        ? unreleased.headingText.replace(`(${url})`, `(${insert.unreleasedUrl})`)
        : unreleased.headingText;
    const tail = unreleased.end < text.length ? eol : "";
    return {
      start: unreleased.start,
      end: unreleased.end,
      text: `${heading}${eol}${eol}${withEol(merged, eol)}${rule === null ? "" : `${eol}${rule}${eol}`}${tail}`,
    };
  }
  const newest = doc.releases[0];
  if (newest) {
    // Releases separated by a rule (cocogitto's `- - -`) get one below the new section too.
    const rule = splitClosingRule(text.slice(0, newest.start)).rule;
    return {
      start: newest.start,
      end: newest.start,
      text: withEol(section, eol) + eol + (rule === null ? "" : `${rule}${eol}${eol}`),
    };
  }
  // Only a header so far: below it, one blank line between, above any trailing definitions.
  const headerEnd = text.slice(0, doc.headerEnd).replace(/(\r?\n)*$/, "").length;
  const lead = text.slice(0, headerEnd).replace(/^\uFEFF/, "") === "" ? "" : eol + eol;
  return {
    start: headerEnd,
    end: doc.headerEnd,
    text: lead + withEol(section, eol) + (doc.headerEnd < text.length ? eol : ""),
  };
}

export interface InsertedSection {
  text: string;
  /** Hand-written list items under Unreleased left out because they repeat a generated entry (the plan says so). */
  repeats: SourceLine[];
}

/**
 * Put a release section into a changelog, touching no byte outside the
 * Unreleased section (or the insertion point) and the link definitions: what
 * people wrote under Unreleased moves into the release, the Unreleased heading
 * stays; a file that links its headings by definitions gets its definitions
 * updated; a missing file is created with the header. A version already in
 * the file, or a hand-written line that cannot be placed, is an error.
 */
export function insertSection(current: string | null, insert: SectionInsert): InsertedSection {
  const text = current ?? (insert.header === "" ? "" : insert.header.replace(/\n*$/, "\n"));
  const doc = parseChangelogDocument(text);
  const same = findRelease(doc, insert.version, insert.service);
  if (same) {
    throw new RelnotesError(
      `${insert.path}:${same.line}: version ${insert.version} is already in the changelog`,
      "a released version is never rewritten; remove the stale section if it was added by hand, or release the " +
        "next version",
    );
  }
  const style = detectLinkStyle(doc) ?? insert.linkStyle;
  const { section, definition } = inStyle(insert.section, style);
  const repeats: SourceLine[] = [];
  const placed = applyEdits(text, [sectionEdit(doc, section, insert, repeats)]);
  if (style === "inline") return { text: placed, repeats };
  return {
    text: applyEdits(placed, definitionEdits(parseChangelogDocument(placed), definition, insert.unreleasedUrl)),
    repeats,
  };
}
