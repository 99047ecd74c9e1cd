import { closesFence, fenceMarker } from "./fence.js";
import { parseReleaseHeading, type ReleaseHeading } from "./heading.js";

/** A release (or Unreleased) section: its heading line and the bytes up to the next section. */
export interface ChangelogSection {
  heading: ReleaseHeading;
  /** The heading line as written, without its line ending. */
  headingText: string;
  /** 1-based line number of the heading. */
  line: number;
  /** Offset of the heading line's first character. */
  start: number;
  /** Offset just after the heading's line ending. */
  bodyStart: number;
  /** Offset of the next section, of the trailing link definitions, or the end of the text. */
  end: number;
}

/** A link reference definition, `[1.2.0]: https://…`. */
export interface LinkDefinition {
  line: number;
  /** Offset of the line's first character, and just after its line ending. */
  start: number;
  end: number;
  label: string;
  url: string;
}

/**
 * A changelog file read once: the header above the first release heading, an
 * optional Unreleased section, the release sections in file order, the link
 * definitions, and where the trailing block of definitions begins. Fenced code
 * blocks are skipped. Offsets index `text` as read (BOM and CRLF included),
 * so every writer splices byte ranges and leaves the rest alone.
 */
export interface ChangelogDocument {
  text: string;
  eol: "\n" | "\r\n";
  /** End of the header: the first section, or the trailing definitions, or the end. */
  headerEnd: number;
  sections: ChangelogSection[];
  unreleased: ChangelogSection | null;
  releases: ChangelogSection[];
  definitions: LinkDefinition[];
  /** Start of the trailing block of link definitions (blank lines between them allowed); `text.length` when there is none. */
  footerStart: number;
}

const DEFINITION = /^ {0,3}\[(?<label>[^\]]+)\]:[ \t]*<?(?<url>[^\s>]+)>?/;

interface Line {
  text: string;
  start: number;
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl + 1;
    // A BOM belongs to the header: the first line starts after it.
    const from = start === 0 && text.startsWith("\uFEFF") ? 1 : start;
    let body = text.slice(from, nl === -1 ? text.length : nl);
    if (body.endsWith("\r")) body = body.slice(0, -1);
    lines.push({ text: body, start: from, end });
    start = end;
  }
  return lines;
}

/** Parse a changelog. Never fails: a file without release headings is all header. */
export function parseChangelogDocument(text: string): ChangelogDocument {
  const lines = splitLines(text);
  const found: Omit<ChangelogSection, "end">[] = [];
  const definitions: LinkDefinition[] = [];
  const outside: boolean[] = [];
  let fence: string | null = null;
  lines.forEach((line, i) => {
    const marker = fenceMarker(line.text);
    outside.push(fence === null && marker === null);
    if (fence !== null) {
      if (closesFence(line.text, fence)) fence = null;
      return;
    }
    if (marker !== null) {
      fence = marker;
      return;
    }
    const heading = parseReleaseHeading(line.text);
    if (heading) {
      found.push({
        heading,
        headingText: text.slice(line.start, line.end).replace(/\r?\n$/, ""),
        line: i + 1,
        start: line.start,
        bodyStart: line.end,
      });
      return;
    }
    const d = DEFINITION.exec(line.text);
    if (d?.groups)
      definitions.push({ line: i + 1, start: line.start, end: line.end, label: d.groups.label!, url: d.groups.url! });
  });

  // The trailing definitions: from the end, skip blank lines and definitions; the block starts at its first definition.
  let footerStart = text.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.text.trim() === "") continue;
    if (!outside[i] || !DEFINITION.test(line.text)) break;
    footerStart = line.start;
  }
  const sections = found.map((s, i) => ({ ...s, end: found[i + 1]?.start ?? footerStart }));
  return {
    text,
    eol: /\r\n/.test(text) ? "\r\n" : "\n",
    headerEnd: sections[0]?.start ?? footerStart,
    sections,
    unreleased: sections.find((s) => s.heading.unreleased) ?? null,
    releases: sections.filter((s) => !s.heading.unreleased),
    definitions,
    footerStart,
  };
}

/**
 * The section of a version. A heading with a service prefix belongs to that
 * service only; a heading without one to whichever service owns the file.
 */
export function findRelease(
  doc: ChangelogDocument,
  version: string,
  service: string | null = null,
): ChangelogSection | null {
  return (
    doc.releases.find((s) => {
      if (s.heading.version !== version) return false;
      return s.heading.service === null || service === null || s.heading.service === service;
    }) ?? null
  );
}

/** The header: everything above the first release heading (the whole text, less trailing definitions, when there is none). */
export function headerOf(doc: ChangelogDocument): string {
  return doc.text.slice(0, doc.headerEnd);
}
