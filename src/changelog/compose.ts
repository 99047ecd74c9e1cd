import { parseChangelogDocument } from "./document.js";
import { mergeHandWritten } from "./hand-written.js";
import { parseReleaseHeading } from "./heading.js";
import { detectLinkStyle, inStyle, type LinkStyle } from "./links.js";
import { compare } from "semver";
import { count } from "../text/words.js";

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
  /** Told what of the existing file was kept beside the history's text (for the user: nothing is dropped silently). */
  note?: (message: string) => void;
  /** Write tagged releases as the history has them, without what the file added to them (`--replace`). */
  replace?: boolean;
}

const withEol = (text: string, eol: string) => (eol === "\n" ? text : text.replace(/\n/g, eol));

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const LIST_ITEM = /^[ \t]{0,3}[-*+][ \t]/;

/**
 * The body of an existing release section without the lines the history's
 * section writes again as they are (a template's paragraphs, separators):
 * list entries are compared by what they say (mergeHandWritten), headings
 * keep the structure, and what is left is what someone wrote.
 */
function withoutRegeneratedLines(body: string, generated: string): string {
  const same = new Set(
    generated
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== ""),
  );
  return body
    .split(/\r?\n/)
    .filter((l) => ATX_HEADING.test(l) || LIST_ITEM.test(l) || /^[ \t]/.test(l) || !same.has(l.trim()))
    .join("\n");
}

const versionOf = (sectionText: string) =>
  parseReleaseHeading(sectionText.slice(0, sectionText.indexOf("\n")))?.version ?? null;

/**
 * A changelog regenerated from history, written over an existing file the way
 * a release writes into it: the file's own header (or the configured one),
 * what people wrote under its Unreleased section and under each release
 * (entries that repeat generated ones left out), the file's releases the
 * history has no tag for (in version order), its link style and its other
 * link definitions, its line endings. Nothing of the file is dropped unless
 * the history writes it again. `existing` null: a new file.
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
  // The whole generated text only when there are hand-written notes to compare with (a copy of everything).
  let generated: string | null = null;
  const generatedText = (): string => {
    if (generated === null) generated = sections.map((s) => s.text).join("\n");
    return generated;
  };
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
      alsoGenerated: generatedText(),
    }).text;
  };
  if (own && !sections.some((s) => s.unreleased)) parts.push(handWritten("\n"));
  // The file's releases by version: what people wrote under each is kept in the regenerated one.
  const filed = new Map<string, (typeof doc.releases)[number]>();
  for (const r of doc.releases) if (r.heading.version && !filed.has(r.heading.version)) filed.set(r.heading.version, r);
  const regenerated = new Set(sections.map((s) => (s.unreleased ? null : versionOf(s.text))));
  const merged: string[] = [];
  const withFiled = (s: RenderedSection): string => {
    const version = versionOf(s.text);
    const own = version === null ? undefined : filed.get(version);
    if (own === undefined || options.replace) return s.text;
    const body = withoutRegeneratedLines(doc.text.slice(own.bodyStart, own.end), s.text);
    const result = mergeHandWritten(s.text, body, {
      path: options.path,
      line: own.line + 1,
      version: version!,
      alsoGenerated: generatedText(),
    }).text;
    if (result !== s.text) merged.push(`${version} (line ${own.line})`);
    return result;
  };
  // The file's releases the history has no tag for (imported from elsewhere, tagged under another name) stay,
  // placed by version among the regenerated ones.
  const orphans = doc.releases.filter((r) => r.heading.version !== null && !regenerated.has(r.heading.version));
  const orphanText = (r: (typeof doc.releases)[number]) =>
    `${doc.text.slice(r.start, r.end).replace(/\r\n/g, "\n").replace(/\n*$/, "")}\n`;
  let pending = [...orphans];
  const placeOrphansAbove = (version: string | null) => {
    const above = pending.filter((r) => version === null || compare(r.heading.version!, version) > 0);
    pending = pending.filter((r) => !above.includes(r));
    for (const r of above) parts.push(orphanText(r));
  };
  for (const s of sections) {
    if (!s.unreleased) placeOrphansAbove(versionOf(s.text));
    const { section, definition } = inStyle(s.unreleased ? handWritten(s.text) : withFiled(s), style);
    parts.push(section);
    const label = parseReleaseHeading(section.slice(0, section.indexOf("\n")))?.label ?? null;
    if (style === "references" && label !== null && (definition?.url ?? s.url))
      definitions.push(`[${label}]: ${definition?.url ?? s.url}`);
  }
  placeOrphansAbove(null);
  if (merged.length > 0)
    options.note?.(
      `${options.path}: kept what the history does not write in ${count(merged.length, "release section")}: ` +
        `${merged.slice(0, 5).join(", ")}${merged.length > 5 ? ", …" : ""} (--replace writes only the history's text)`,
    );
  if (orphans.length > 0)
    options.note?.(
      `${options.path}: kept as written ${count(orphans.length, "release section")} the history does not ` +
        "render (pre-releases, releases with no tag): " +
        `${orphans
          .slice(0, 5)
          .map((r) => `${r.heading.version} (line ${r.line})`)
          .join(", ")}${orphans.length > 5 ? ", …" : ""}`,
    );
  // Definitions that are not of a regenerated release (links used in the header or the notes, kept releases) stay.
  const orphanLabels = new Set(orphans.map((r) => r.heading.label));
  const kept = doc.definitions.filter(
    (d) => d.start >= doc.footerStart && (parseReleaseHeading(`## [${d.label}]`) === null || orphanLabels.has(d.label)),
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
