import { compare, valid } from "semver";
import { RelnotesError } from "../errors.js";
import { parseChangelog } from "./headings.js";

export interface SectionInsert {
  /** Repository-relative path, for messages. */
  path: string;
  version: string;
  /** Rendered section, `\n` line endings, ending with one newline. */
  section: string;
  /** Header of a new file. */
  header: string;
}

function lineEnding(text: string): string {
  return /\r\n/.test(text) ? "\r\n" : "\n";
}

/**
 * Put a release section into a changelog, touching no byte outside it:
 * an `## [Unreleased]` section is replaced in place; otherwise the section
 * goes above the newest release, below the file's header; a missing file
 * is created with the header. A version already in the file is an error.
 */
export function insertSection(current: string | null, insert: SectionInsert): string {
  if (current === null) return `${insert.header.replace(/\n*$/, "\n\n")}${insert.section}`;
  const eol = lineEnding(current);
  const section = insert.section.replace(/\n/g, eol);
  const { headings } = parseChangelog(current);
  const same = headings.find((h) => !h.unreleased && valid(h.version) !== null && compare(h.version, insert.version) === 0);
  if (same) {
    throw new RelnotesError(
      `${insert.path}:${same.line}: version ${insert.version} is already in the changelog`,
      "a released version is never rewritten; remove the stale section if it was added by hand, or release the next version",
    );
  }
  const unreleased = headings.findIndex((h) => h.unreleased);
  if (unreleased !== -1) {
    const start = headings[unreleased]!.offset;
    const next = headings[unreleased + 1];
    const end = next ? next.offset : current.length;
    const tail = current.slice(end);
    return current.slice(0, start) + section + (tail.length > 0 ? eol : "") + tail;
  }
  const newest = headings[0];
  if (newest) return current.slice(0, newest.offset) + section + eol + current.slice(newest.offset);
  // Only a header so far: append below it, separated by one blank line.
  const trimmed = current.replace(/(\r?\n)*$/, "");
  return trimmed.length === 0 ? section : `${trimmed}${eol}${eol}${section}`;
}
