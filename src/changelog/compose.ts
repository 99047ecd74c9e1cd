import { parseChangelogDocument } from "./document.js";
import { mergeHandWritten } from "./hand-written.js";
import { parseReleaseHeading } from "./heading.js";
import { detectLinkStyle, inStyle, type LinkStyle } from "./links.js";

/** One rendered section of a regenerated changelog, newest first. */
export interface RenderedSection {
  /** Rendered text, `\n` line endings, ending with one newline. */
  text: string;
  unreleased: boolean;
  /** The section's compare link, for a definition when the file links by reference. */
  url: string | null;
}

export interface ComposeOptions {
  /** Repository-relative path of the file written over, for messages. */
  path: string;
  /** Header of a new file (config `changelog.header`). */
  header: string;
  /** Link style of a file that shows none yet (config `changelog.links`). */
  linkStyle: LinkStyle;
}

const withEol = (text: string, eol: string) => (eol === "\n" ? text : text.replace(/\n/g, eol));

/**
 * A changelog regenerated from history, written over an existing file the way
 * a release writes into it: the file's own header (or the configured one),
 * what people wrote under its Unreleased section (entries that repeat
 * generated ones left out), its link style and its other link definitions,
 * its line endings. `existing` null: a new file.
 */
export function composeChangelog(
  existing: string | null,
  sections: readonly RenderedSection[],
  options: ComposeOptions,
): string {
  const doc = parseChangelogDocument(existing ?? "");
  const eol = existing === null ? "\n" : doc.eol;
  const header = existing === null ? options.header : doc.text.slice(0, doc.headerEnd);
  const style = (existing === null ? null : detectLinkStyle(doc)) ?? options.linkStyle;

  const parts: string[] = [];
  const definitions: string[] = [];
  const generated = sections.map((s) => s.text).join("\n");
  const own = doc.unreleased;
  const ownBody = own ? doc.text.slice(own.bodyStart, own.end) : "";
  // The file's own Unreleased heading, with what people wrote under it merged into the generated one.
  const handWritten = (text: string) => {
    if (!own) return text;
    const withOwnHeading = `${own.headingText}${text.slice(text.indexOf("\n"))}`;
    return mergeHandWritten(withOwnHeading, ownBody, {
      path: options.path,
      line: own.line + 1,
      version: "Unreleased",
      alsoGenerated: generated,
    }).text;
  };
  if (own && !sections.some((s) => s.unreleased)) parts.push(handWritten("\n"));
  for (const s of sections) {
    const { section, definition } = inStyle(s.unreleased ? handWritten(s.text) : s.text, style);
    parts.push(section);
    const label = parseReleaseHeading(section.slice(0, section.indexOf("\n")))?.label ?? null;
    if (style === "references" && label !== null && (definition?.url ?? s.url))
      definitions.push(`[${label}]: ${definition?.url ?? s.url}`);
  }
  // Definitions that are not of a release (links used in the header or the notes) stay.
  const kept = doc.definitions.filter(
    (d) => d.start >= doc.footerStart && parseReleaseHeading(`## [${d.label}]`) === null,
  );
  const footer = [...definitions, ...kept.map((d) => doc.text.slice(d.start, d.end).replace(/\r?\n$/, ""))];

  const bom = header.startsWith("\uFEFF") ? "\uFEFF" : "";
  const head = header.slice(bom.length).replace(/\r\n/g, "\n").replace(/\n*$/, "");
  const body = [
    ...(head === "" ? [] : [`${head}\n`]),
    ...parts,
    ...(footer.length > 0 ? [`${footer.join("\n")}\n`] : []),
  ].join("\n");
  return bom + withEol(body, eol);
}
