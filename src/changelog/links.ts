import type { ChangelogDocument } from "./document.js";
import { parseReleaseHeading, withoutInlineLink } from "./heading.js";

/**
 * How a changelog links its release headings: `## [1.2.0](url)` (relnotes'
 * default) or `## [1.2.0]` with a `[1.2.0]: url` definition at the bottom
 * (Keep a Changelog).
 */
export type LinkStyle = "inline" | "references";

/** A splice of the original text: replace `start..end` with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Apply non-overlapping edits; edits at the same offset land in list order. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  for (const { e } of order) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * The file's own style: definitions named like its bracketed headings; else
 * inline heading links; else definitions named like releases (`[Unreleased]`,
 * `[1.2.0]`); null when it shows none of these.
 */
export function detectLinkStyle(doc: ChangelogDocument): LinkStyle | null {
  const labels = new Set(
    doc.sections.filter((s) => s.heading.bracketed && s.heading.url === null).map((s) => s.heading.label.toLowerCase()),
  );
  if (doc.definitions.some((d) => labels.has(d.label.toLowerCase()))) return "references";
  if (doc.sections.some((s) => s.heading.url !== null)) return "inline";
  if (doc.definitions.some((d) => parseReleaseHeading(`## [${d.label}]`) !== null)) return "references";
  return null;
}

/** A rendered section in the given style: for references, the heading loses its inline link, which becomes a definition. */
export function inStyle(
  section: string,
  style: LinkStyle,
): { section: string; definition: { label: string; url: string } | null } {
  const newline = section.indexOf("\n");
  const first = newline === -1 ? section : section.slice(0, newline);
  const heading = parseReleaseHeading(first);
  if (style === "inline" || !heading?.url) return { section, definition: null };
  return {
    section: withoutInlineLink(first) + section.slice(first.length),
    definition: { label: heading.label, url: heading.url },
  };
}

const isUnreleasedLabel = (label: string) => /^unreleased$/i.test(label.trim());

/**
 * The edits that keep reference definitions right after a release: the
 * `[Unreleased]` definition points at the new tag, and the new version's
 * definition goes above the older versions' (newest first), below
 * `[Unreleased]`. A file without definitions gets a block at its end.
 */
export function definitionEdits(
  doc: ChangelogDocument,
  definition: { label: string; url: string } | null,
  unreleasedUrl: string | null,
): Edit[] {
  const { text, eol } = doc;
  const edits: Edit[] = [];
  const footer = doc.definitions.filter((d) => d.start >= doc.footerStart);
  const unreleased = doc.definitions.find((d) => isUnreleasedLabel(d.label)) ?? null;
  if (unreleased && unreleasedUrl && unreleased.url !== unreleasedUrl) {
    const at = text.indexOf(unreleased.url, unreleased.start);
    edits.push({ start: at, end: at + unreleased.url.length, text: unreleasedUrl });
  }
  const lines: string[] = [];
  const headingUnreleased = doc.unreleased?.heading.bracketed === true && doc.unreleased.heading.url === null;
  if (!unreleased && headingUnreleased && unreleasedUrl)
    lines.push(`[${doc.unreleased!.heading.label}]: ${unreleasedUrl}`);
  if (definition) lines.push(`[${definition.label}]: ${definition.url}`);
  if (lines.length === 0) return edits;
  const block = lines.map((l) => l + eol).join("");

  const releaseLabels = new Set(doc.releases.map((s) => s.heading.label.toLowerCase()));
  const olderVersion = footer.find((d) => releaseLabels.has(d.label.toLowerCase()));
  if (olderVersion) edits.push({ start: olderVersion.start, end: olderVersion.start, text: block });
  else if (unreleased && unreleased.start >= doc.footerStart) {
    const needsEol = !text.slice(unreleased.start, unreleased.end).endsWith("\n");
    edits.push({ start: unreleased.end, end: unreleased.end, text: (needsEol ? eol : "") + block });
  } else if (footer.length > 0) edits.push({ start: doc.footerStart, end: doc.footerStart, text: block });
  else {
    const end = text.length;
    const gap = text === "" ? "" : text.endsWith(`${eol}${eol}`) ? "" : text.endsWith("\n") ? eol : eol + eol;
    edits.push({ start: end, end, text: gap + block });
  }
  return edits;
}
