/**
 * The "Deprecated" banner put at the top of a defective release's notes and
 * below its changelog heading. It sits between two HTML comments (invisible
 * in rendered Markdown), so a second run finds and replaces it: one banner,
 * however often `deprecate` runs.
 */

export const BANNER_START = "<!-- relnotes:deprecated -->";
export const BANNER_END = "<!-- /relnotes:deprecated -->";

export interface Deprecation {
  /** The deprecated release's tag. */
  tag: string;
  /** The tag to use instead. */
  replacement: string;
  /** Link to the replacement's release page, when the repository is known. */
  replacementUrl: string | null;
  /** Why, in a sentence (optional). */
  reason: string | null;
}

/** The release body's banner block, without a trailing newline. */
export function deprecationBanner(d: Deprecation): string {
  const use = d.replacementUrl ? `[${d.replacement}](${d.replacementUrl})` : `\`${d.replacement}\``;
  const lines = [BANNER_START, "## ⚠️ Deprecated", "", `${d.tag} is deprecated: use ${use} instead.`];
  if (d.reason) lines.push("", d.reason.trim());
  lines.push(BANNER_END);
  return lines.join("\n");
}

/**
 * The changelog's form of the banner: a quote, not a heading, so the file keeps
 * one `## [X.Y.Z]` heading per version for tools that parse it.
 */
export function changelogBanner(d: Deprecation): string {
  const use = d.replacementUrl ? `[${d.replacement}](${d.replacementUrl})` : `\`${d.replacement}\``;
  return [
    BANNER_START,
    `> **⚠️ Deprecated:** use ${use} instead.${d.reason ? ` ${d.reason.trim()}` : ""}`,
    BANNER_END,
  ].join("\n");
}

/** Position of an existing banner block in `text`, end exclusive (through BANNER_END). */
export function findBanner(text: string, from = 0, to = text.length): { start: number; end: number } | null {
  const start = text.indexOf(BANNER_START, from);
  if (start < 0 || start >= to) return null;
  const endMark = text.indexOf(BANNER_END, start);
  if (endMark < 0) return null;
  return { start, end: endMark + BANNER_END.length };
}

/** The release body with the banner at the top: added once, replaced (not repeated) on later runs. */
export function withBannerOnTop(body: string, banner: string): string {
  const found = findBanner(body);
  if (found) return body.slice(0, found.start) + banner + body.slice(found.end);
  return body.trim() === "" ? `${banner}\n` : `${banner}\n\n${body}`;
}
