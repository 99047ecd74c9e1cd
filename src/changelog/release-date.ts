import { findRelease, parseChangelogDocument } from "./document.js";

/**
 * What is wrong with the changelog heading of a version about to be
 * published: undated (no date, `TBD`, `YYYY-MM-DD`, not a real date), in any
 * heading form. Null when the heading is dated or the file has no section
 * for the version.
 */
export function undatedHeadingProblem(
  text: string,
  file: string,
  version: string,
  service: string | null,
): string | null {
  const section = findRelease(parseChangelogDocument(text), version, service);
  if (!section || section.heading.date !== null) return null;
  return `${file}:${section.line}: the heading of ${version} is undated ("${section.headingText.trim()}")`;
}
