import { join } from "node:path";
import { RelnotesError } from "../errors.js";
import { writeFileAtomic } from "../fs/atomic.js";
import { changelogBanner, findBanner, type Deprecation } from "./deprecation-banner.js";
import { findRelease, parseChangelogDocument } from "./document.js";
import { readChangelog } from "./read.js";

/**
 * The changelog with `banner` right below the version's heading: inserted
 * once, replaced on later runs; every other byte is kept (line endings too).
 * `banner` uses "\n"; it is written with the file's own line ending.
 */
export function markSectionDeprecated(
  text: string,
  version: string,
  banner: string,
  file: string,
  service: string | null = null,
): string {
  const doc = parseChangelogDocument(text);
  const section = findRelease(doc, version, service);
  if (!section)
    throw new RelnotesError(
      `${file} has no section for ${version} (a "## [${version}]" heading)`,
      "add the section, or pass --no-changelog to mark only the GitHub release",
    );
  const eol = doc.eol;
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

/** A changelog marked deprecated: the file (relative to the root) before and after. */
export interface ChangelogDeprecation {
  path: string;
  before: string;
  after: string;
}

/** Read the changelog and mark the version's section (nothing is written yet: every check passes first). */
export function planChangelogDeprecation(
  root: string,
  path: string,
  version: string,
  service: string | null,
  deprecation: Deprecation,
): ChangelogDeprecation {
  const before = readChangelog(join(root, path), path);
  return { path, before, after: markSectionDeprecated(before, version, changelogBanner(deprecation), path, service) };
}

/** Write the marked changelog when it changed; says which. */
export function writeChangelogDeprecation(root: string, edit: ChangelogDeprecation): "updated" | "unchanged" {
  if (edit.after === edit.before) return "unchanged";
  writeFileAtomic(join(root, edit.path), edit.after);
  return "updated";
}
