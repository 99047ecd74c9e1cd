/**
 * Escape untrusted text (commit subjects, bodies, author names) so it
 * renders literally, and no more than that: the raw file is what people
 * diff and review, so `snake_case`, `(CI_REF)` and `FILE|-` stay as
 * written. Escaped: HTML (`<` → `&lt;`), entity references, link and image
 * openers (`[`), emphasis and strikethrough delimiters that could open or
 * close (`*`, `_`, `~`; not `_` inside a word), unbalanced backticks,
 * backslashes that would escape, template braces (`{{`, `{%`), and what would
 * start a block at the start of a line. Balanced code spans whose content
 * needs no escaping are kept as written (`new Session(url)`).
 *
 * A `|` is only special inside a GFM table, which the value cannot know
 * about: it is written as a placeholder that `finishMarkdown` turns into
 * `\|` on table rows and back into `|` everywhere else.
 */
const PIPE = "\uE000";
/** Every character escapeInline may write differently (code spans start with a backtick). */
const INLINE_SPECIAL = /[*_~\\`<>&[{}|\uE000]/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

/** [start, end) of each balanced code span: a backtick run closed by a run of the same length. */
function codeSpans(line: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const m of line.matchAll(/`+/g)) runs.push([m.index, m[0].length]);
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < runs.length; i++) {
    const [start, length] = runs[i]!;
    const close = runs.findIndex(([, l], j) => j > i && l === length);
    if (close === -1) continue;
    spans.push([start, runs[close]![0] + length]);
    i = close;
  }
  return spans;
}

/** Whether a `*`, `_` or `~` run at [start, end) could open or close emphasis (CommonMark flanking rules). */
function delimiterActive(line: string, start: number, end: number): boolean {
  const before = line[start - 1];
  const after = line[end];
  const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
  const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
  if (line[start] !== "_") return left || right;
  return (left && (!right || isPunct(before))) || (right && (!left || isPunct(after)));
}

/**
 * The escaped text of `line` from `from` on; context (flanking, code spans) is read from the whole line.
 * A code span is kept as written only when its content needs no escaping as plain text: a template may
 * put the value between backticks of its own, which turns the value's spans inside out.
 */
function escapeInline(line: string, from: number): string {
  // Most text has none of the characters below: it is written as it is.
  if (!INLINE_SPECIAL.test(line)) return from === 0 ? line : line.slice(from);
  const spans = codeSpans(line).filter(([start, end]) => {
    const fence = /^`+/.exec(line.slice(start))![0].length;
    const inner = line.slice(start + fence, end - fence);
    return escapeInline(inner, 0).replaceAll(PIPE, "|") === inner;
  });
  let out = "";
  let sawTagOpen = false;
  for (let i = from; i < line.length; ) {
    const span = spans.find(([s]) => s === i);
    if (span) {
      out += line.slice(span[0], span[1]).replaceAll(PIPE, "&#xE000;").replaceAll("|", PIPE);
      i = span[1];
      continue;
    }
    const c = line[i]!;
    const next = line[i + 1];
    if (c === "*" || c === "_" || c === "~") {
      let end = i;
      while (line[end] === c) end++;
      const run = line.slice(i, end);
      out += delimiterActive(line, i, end) ? run.replace(/./g, "\\$&") : run;
      i = end;
      continue;
    }
    if (c === "\\") out += next === undefined || ASCII_PUNCTUATION.test(next) ? "\\\\" : c;
    else if (c === "`") out += "\\`";
    else if (c === "<") {
      out += "&lt;";
      sawTagOpen = true;
    } else if (c === ">") out += sawTagOpen ? "&gt;" : c;
    else if (c === "&")
      out += /^&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/.test(line.slice(i)) ? "&amp;" : c;
    else if (c === "[") out += "\\[";
    else if (c === "{") out += next === "{" || next === "%" || line[i - 1] === "{" ? "\\{" : c;
    else if (c === "}") out += next === "}" || line[i - 1] === "}" || line[i - 1] === "%" ? "\\}" : c;
    else if (c === "|") out += PIPE;
    else if (c === PIPE) out += "&#xE000;";
    else out += c;
    i++;
  }
  return out;
}

/** Where a backslash keeps the text from starting a block at the start of a line (heading, quote, list, rule, setext underline, fence), or -1. */
function blockStartEscape(line: string): number {
  const lead = /^[ \t]*/.exec(line)![0].length;
  const rest = line.slice(lead);
  if (/^(?:#{1,6}(?=[ \t]|$)|[-+*](?=[ \t]|$)|>|~~~)/.test(rest) || /^([-*_=])(?:[ \t]*\1)*[ \t]*$/.test(rest))
    return lead;
  const ordered = /^(\d{1,9})[.)](?=[ \t]|$)/.exec(rest);
  return ordered ? lead + ordered[1]!.length : -1;
}

export function escapeMarkdownLine(line: string): string {
  const at = blockStartEscape(line);
  if (at === -1) return escapeInline(line, 0);
  const tail = escapeInline(line, at);
  return line.slice(0, at) + (tail.startsWith("\\") ? "" : "\\") + tail;
}

/** Escape multi-line text; continuation lines are indented so they stay inside a list item. */
export function escapeMarkdown(text: string, indent = ""): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line, i) => (i === 0 ? "" : indent) + escapeMarkdownLine(line))
    .join("\n");
}

const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * Resolve the `|` placeholders of escaped values in rendered Markdown: `\|`
 * in a GFM table (its header row, delimiter row and body rows up to the
 * next blank line), a plain `|` everywhere else.
 */
export function finishMarkdown(text: string): string {
  if (!text.includes(PIPE)) return text;
  const lines = text.split("\n");
  const inTable = lines.map(() => false);
  lines.forEach((line, i) => {
    const plain = line.replaceAll(PIPE, "|");
    if (!plain.includes("|") || !DELIMITER_ROW.test(plain) || i === 0 || lines[i - 1]!.trim() === "") return;
    for (let j = i - 1; j < lines.length && (j < i + 1 || lines[j]!.trim() !== ""); j++) inTable[j] = true;
  });
  return lines.map((line, i) => line.replaceAll(PIPE, inTable[i] ? "\\|" : "|")).join("\n");
}
