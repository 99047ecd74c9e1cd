import { valid } from "semver";
import { parseChangelogDocument, type ChangelogDocument } from "../changelog/document.js";
import { findUnplaceable } from "../changelog/hand-written.js";
import { tagsInLink } from "../changelog/heading.js";
import { WorkingFiles } from "../files/working-files.js";
import type { Checker, Problem } from "./types.js";

/**
 * Changelog problems that must be caught before anything is published:
 * undated, `TBD` or not-a-date headings, a version listed twice, a version
 * with no tag, a compare link naming a tag that does not exist, hand-written
 * notes under Unreleased that the next release could not take.
 */
export const checkChangelogs: Checker = async (ctx) => {
  const problems: Problem[] = [];
  const tagNames = new Set(ctx.tags.map((t) => t.name));
  const services = new Map(ctx.config.services.map((s) => [s.name, s]));
  const files = new WorkingFiles(ctx.git.cwd);
  for (const service of ctx.config.services) {
    if (service.changelog === null) continue;
    const file = service.changelog;
    const text = files.read(file);
    if (text === null) continue;
    const doc = parseChangelogDocument(text);
    const seen = new Map<string, number>();
    for (const { heading: h, line } of doc.releases) {
      if (h.version === null || valid(h.version) === null) continue;
      const at = { file, line };
      const owner = (h.service !== null ? services.get(h.service) : undefined) ?? service;
      if (h.date === null) {
        if (h.dateText === null)
          problems.push({
            code: "changelog-undated",
            message: `release ${h.version} has no date (expected "## [${h.version}] - YYYY-MM-DD")`,
            ...at,
          });
        else if (/\bTBD\b|^YYYY-MM-DD\b/i.test(h.dateText))
          problems.push({
            code: "changelog-tbd",
            message: `release ${h.version} is dated "${h.dateText}": set the release date before publishing`,
            ...at,
          });
        else
          problems.push({
            code: "changelog-date",
            message: `release ${h.version} has date "${h.dateText}", expected a real date as YYYY-MM-DD`,
            ...at,
          });
      }
      const key = `${owner.name ?? ""}@${h.version}`;
      const first = seen.get(key);
      if (first !== undefined)
        problems.push({
          code: "changelog-duplicate",
          message: `version ${h.version} appears twice (first at line ${first})`,
          ...at,
        });
      else seen.set(key, line);
      const tag = owner.tags.tag(h.version);
      if (!tagNames.has(tag))
        problems.push({ code: "changelog-untagged", message: `release ${h.version} has no tag ${tag}`, ...at });
    }
    const unplaceable = unplaceableNotes(doc);
    if (unplaceable) {
      const { line, text: what, reason, hint } = unplaceable;
      problems.push({
        code: "changelog-unplaceable",
        message:
          `the hand-written line "${what}" under Unreleased cannot be placed in the next release: ${reason}; ` +
          `${hint}`,
        file,
        line,
      });
    }
    const links = [
      ...doc.sections.flatMap((s) => (s.heading.url ? [{ line: s.line, url: s.heading.url }] : [])),
      ...doc.definitions,
    ];
    for (const link of links) {
      for (const tag of tagsInLink(link.url)) {
        if (tag !== "HEAD" && !tagNames.has(tag))
          problems.push({
            code: "changelog-link",
            message: `link names tag ${tag}, which does not exist: ${link.url}`,
            file,
            line: link.line,
          });
      }
    }
  }
  return problems.sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0));
};

/** What `bump` would refuse in the Unreleased section (the release heading is relnotes' `##`, or the file's own level when lower). */
function unplaceableNotes(doc: ChangelogDocument) {
  const own = doc.unreleased;
  if (!own) return null;
  const lines = doc.text
    .slice(own.bodyStart, own.end)
    .split(/\r?\n/)
    .map((text, i) => ({ text, line: own.line + 1 + i }));
  return findUnplaceable(lines, Math.max(own.heading.level, 2));
}
