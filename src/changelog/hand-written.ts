import { RelnotesError } from "../errors.js";
import { closesFence, fenceMarker } from "./fence.js";

/** Where hand-written text comes from, for messages. */
export interface HandWrittenSource {
  /** Repository-relative path of the changelog. */
  path: string;
  /** 1-based line number of the first line of `text`. */
  line: number;
  /** The version the notes are being placed in. */
  version: string;
  /** More generated text whose list entries count as repeats (a whole regenerated changelog). */
  alsoGenerated?: string;
}

export interface SourceLine {
  text: string;
  line: number;
}

interface Group {
  titleLine: string;
  key: string;
  lines: SourceLine[];
}

interface Blocks {
  loose: SourceLine[];
  groups: Group[];
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$/;
const ITEM = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;

/** `### <!-- 0 -->🚀 Features` and `### Features` are one group. */
const titleKey = (title: string) =>
  title
    .replace(/<!--.*?-->/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "")
    .toLowerCase();

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", quot: '"', amp: "&" };

/** What a list entry says, without its links, commit and PR references, emphasis or escapes. */
export function entryKey(text: string): string {
  let t = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1");
  for (let prev = ""; prev !== t; ) {
    prev = t;
    t = t.replace(/[ \t]*\((?:#\d+|[0-9a-f]{7,40}|[^()]*?\b[0-9a-f]{7,40}\b[^()]*?)\)[ \t]*$/i, "");
    // conventional-changelog's `, closes #12 #13` after the commit link.
    t = t.replace(/,?[ \t]+(?:closes|fixes|resolves)[ \t]+#\d+(?:[ \t,]+#\d+)*[ \t]*$/i, "");
  }
  return t
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\*\*|__|`/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\.$/, "")
    .toLowerCase();
}

function trimBlank(lines: SourceLine[]): SourceLine[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.text.trim() === "") a++;
  while (b > a && lines[b - 1]!.text.trim() === "") b--;
  return lines.slice(a, b);
}

/** A hand-written line that cannot go into a release section, why, and what fixes it. */
export interface Unplaceable {
  line: number;
  text: string;
  reason: string;
  hint: string;
}

/**
 * The first hand-written line that cannot be placed in a release section whose
 * heading has `releaseLevel` `#`: a heading at that level or above (it would end
 * the section for every reader that splits a changelog by headings), or a code
 * block never closed (it would swallow the releases below).
 */
export function findUnplaceable(lines: readonly SourceLine[], releaseLevel: number): Unplaceable | null {
  let fence: { marker: string; line: SourceLine } | null = null;
  for (const l of lines) {
    const marker = fenceMarker(l.text);
    if (fence) {
      if (closesFence(l.text, fence.marker)) fence = null;
      continue;
    }
    if (marker) {
      fence = { marker, line: l };
      continue;
    }
    const level = ATX.exec(l.text)?.[1]?.length ?? Infinity;
    if (level <= releaseLevel) {
      const hint =
        `make it a ${"#".repeat(releaseLevel + 1)} heading or move it out of the Unreleased section, then run ` +
        "again";
      return {
        line: l.line,
        text: l.text.trim(),
        reason: `a level-${level} heading would end the release section`,
        hint,
      };
    }
  }
  if (!fence) return null;
  return {
    line: fence.line.line,
    text: fence.line.text.trim(),
    reason: "it opens a code block that is never closed",
    hint: `close the block with ${fence.marker}, then run again`,
  };
}

/** Split a section body into lines before the first subheading and subheading groups. */
function parseBlocks(lines: SourceLine[]): Blocks {
  const blocks: Blocks = { loose: [], groups: [] };
  let fence: string | null = null;
  for (const l of lines) {
    const marker = fenceMarker(l.text);
    const target = blocks.groups.at(-1)?.lines ?? blocks.loose;
    if (fence) {
      if (closesFence(l.text, fence)) fence = null;
      target.push(l);
      continue;
    }
    fence = marker;
    const h = marker ? null : ATX.exec(l.text);
    if (h) blocks.groups.push({ titleLine: l.text, key: titleKey(h[2]!), lines: [] });
    else target.push(l);
  }
  return blocks;
}

/** Drop hand-written list items (with their continuation lines) that repeat a generated entry; note each in `dropped`. */
function withoutRepeats(lines: SourceLine[], generated: Set<string>, dropped: SourceLine[]): SourceLine[] {
  const kept: SourceLine[] = [];
  let dropping = false;
  // A code block is kept as written (never taken for list items), unless it continues a dropped item.
  let fence: { marker: string; dropped: boolean } | null = null;
  for (const l of lines) {
    const marker = fenceMarker(l.text);
    if (fence) {
      if (!fence.dropped) kept.push(l);
      if (closesFence(l.text, fence.marker)) fence = null;
      continue;
    }
    if (marker) {
      dropping = dropping && /^[ \t]/.test(l.text);
      fence = { marker, dropped: dropping };
      if (!dropping) kept.push(l);
      continue;
    }
    const item = ITEM.exec(l.text);
    if (item) {
      dropping = generated.has(entryKey(item[1]!));
      if (dropping) dropped.push(l);
    } else if (l.text.trim() === "" || !/^[ \t]/.test(l.text)) dropping = false;
    if (!dropping) kept.push(l);
  }
  return trimBlank(kept);
}

function generatedKeys(blocks: Blocks): Set<string> {
  const keys = new Set<string>();
  for (const l of [...blocks.loose, ...blocks.groups.flatMap((g) => g.lines)]) {
    const item = ITEM.exec(l.text);
    if (!item) continue;
    const key = entryKey(item[1]!);
    keys.add(key);
    keys.add(key.replace(/^[^\s:]+: /, ""));
  }
  return keys;
}

const headingLevel = (line: string) => /^ {0,3}(#+)/.exec(line)?.[1]?.length ?? 0;
const isListLine = (text: string) => ITEM.test(text) || /^[ \t]+\S/.test(text);

/**
 * The release section with what people wrote under Unreleased kept: text
 * before any subheading first, then hand-written groups the release does not
 * have, then the generated groups, each preceded by the hand-written lines of
 * the same title. A hand-written list item that repeats a generated entry is
 * left out. `generated` and the result use "\n"; `handWritten` is the body of
 * the Unreleased section as read.
 */
export function mergeHandWritten(
  generated: string,
  handWritten: string,
  source: HandWrittenSource,
): { text: string; repeats: SourceLine[] } {
  const repeats: SourceLine[] = [];
  const own = trimBlank(handWritten.split(/\r?\n/).map((text, i) => ({ text, line: source.line + i })));
  if (own.length === 0) return { text: generated, repeats };
  const [headingLine = "", ...rest] = generated.replace(/\n$/, "").split("\n");
  const releaseLevel = /^#+/.exec(headingLine)?.[0].length ?? 2;
  const stop = findUnplaceable(own, releaseLevel);
  if (stop)
    throw new RelnotesError(
      `${source.path}:${stop.line}: the hand-written line "${stop.text}" under Unreleased cannot be placed in ` +
        `the ${source.version} section: ${stop.reason}`,
      stop.hint,
    );
  const generatedLines = (text: string) => text.split("\n").map((t) => ({ text: t, line: 0 }));
  const gen = parseBlocks(generatedLines(rest.join("\n")));
  const mine = parseBlocks(own);
  const keys = generatedKeys(gen);
  if (source.alsoGenerated)
    for (const key of generatedKeys(parseBlocks(generatedLines(source.alsoGenerated)))) keys.add(key);
  const kept = (lines: SourceLine[]) => withoutRepeats(lines, keys, repeats).map((l) => l.text);

  const out: string[] = [headingLine];
  const block = (lines: readonly string[]) => {
    if (lines.length > 0) out.push("", ...lines);
  };
  block(kept(mine.loose));
  block(trimBlank(gen.loose).map((l) => l.text));
  const generatedTitles = new Set(gen.groups.map((g) => g.key));
  for (const group of mine.groups.filter((g) => !generatedTitles.has(g.key))) {
    const body = kept(group.lines);
    // A heading written with nothing under it stays; one whose every line repeated a generated entry goes.
    if (body.length > 0 || trimBlank(group.lines).length === 0)
      block([group.titleLine, ...(body.length > 0 ? ["", ...body] : [])]);
  }
  for (const group of gen.groups) {
    const body = trimBlank(group.lines).map((l) => l.text);
    const same = mine.groups.filter((g) => g.key === group.key);
    const ownLines = kept(same.flatMap((g) => g.lines));
    const joined =
      ownLines.length > 0 && body.length > 0 && isListLine(ownLines.at(-1)!) && ITEM.test(body[0]!)
        ? [...ownLines, ...body]
        : [...ownLines, ...(ownLines.length > 0 && body.length > 0 ? [""] : []), ...body];
    // The hand-written title (`### 🚀 Features`) when it is at the generated level, so the section keeps one heading level.
    const title =
      same.find((g) => headingLevel(g.titleLine) === headingLevel(group.titleLine))?.titleLine ?? group.titleLine;
    block([title, ...(joined.length > 0 ? ["", ...joined] : [])]);
  }
  return { text: `${out.join("\n")}\n`, repeats: repeats.sort((a, b) => a.line - b.line) };
}
