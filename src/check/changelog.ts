import { valid } from "semver";
import { parseChangelog, tagsInLink } from "../changelog/headings.js";
import { WorkingFiles } from "../plan/working-files.js";
import type { Checker, Problem } from "./types.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Changelog problems that must be caught before anything is published:
 * undated or `TBD` headings, a version listed twice, a version with no tag,
 * a compare link naming a tag that does not exist.
 */
export const checkChangelogs: Checker = async (ctx) => {
  const problems: Problem[] = [];
  const tagNames = new Set(ctx.tags.map((t) => t.name));
  const files = new WorkingFiles(ctx.git.cwd);
  for (const service of ctx.config.services) {
    if (service.changelog === null) continue;
    const file = service.changelog;
    const text = files.read(file);
    if (text === null) continue;
    const { headings, references } = parseChangelog(text);
    const seen = new Map<string, number>();
    for (const h of headings) {
      if (h.unreleased || valid(h.version) === null) continue;
      const at = { file, line: h.line };
      if (h.date === null) problems.push({ code: "changelog-undated", message: `release ${h.version} has no date (expected "## [${h.version}] - YYYY-MM-DD")`, ...at });
      else if (/\bTBD\b/i.test(h.date)) problems.push({ code: "changelog-tbd", message: `release ${h.version} is dated "${h.date}": set the release date before publishing`, ...at });
      else if (!DATE.test(h.date)) problems.push({ code: "changelog-date", message: `release ${h.version} has date "${h.date}", expected YYYY-MM-DD`, ...at });
      const first = seen.get(h.version);
      if (first !== undefined) problems.push({ code: "changelog-duplicate", message: `version ${h.version} appears twice (first at line ${first})`, ...at });
      else seen.set(h.version, h.line);
      const tag = service.tagFormat.format(service.name, h.version);
      if (!tagNames.has(tag)) problems.push({ code: "changelog-untagged", message: `release ${h.version} has no tag ${tag}`, ...at });
    }
    const links = [...headings.filter((h) => h.url).map((h) => ({ line: h.line, url: h.url! })), ...references];
    for (const link of links) {
      for (const tag of tagsInLink(link.url)) {
        if (tag !== "HEAD" && !tagNames.has(tag)) problems.push({ code: "changelog-link", message: `link names tag ${tag}, which does not exist: ${link.url}`, file, line: link.line });
      }
    }
  }
  return problems.sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0));
};
