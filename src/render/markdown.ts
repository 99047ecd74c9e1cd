/**
 * Escape untrusted text (commit subjects, bodies, author names) so GitHub
 * renders it literally: no HTML, no emphasis, no links, no table breaks.
 * Every ASCII punctuation character may be backslash-escaped in CommonMark;
 * HTML-significant characters become entities.
 */
const INLINE = /[\\`*_{}[\]()|~!]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeMarkdownLine(line: string): string {
  let out = line.replace(/[&<>"]/g, (c) => ENTITIES[c]!).replace(INLINE, (c) => `\\${c}`);
  // Characters that only matter at the start of a line: headings, lists, quotes, rules.
  // Only when followed by a space (or alone), so "1.0.0" or "-foo" stay as written.
  out = out.replace(/^(\s*)([#+\-=])(?=\s|$)/, "$1\\$2").replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2");
  return out;
}

/** Escape multi-line text; continuation lines are indented so they stay inside a list item. */
export function escapeMarkdown(text: string, indent = ""): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line, i) => (i === 0 ? "" : indent) + escapeMarkdownLine(line))
    .join("\n");
}
