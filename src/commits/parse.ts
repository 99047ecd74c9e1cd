import { normalizeUserVersion } from "../tags/semver-strict.js";
import { MERGE_MESSAGES } from "./merge-messages.js";
import type { ConventionalCommit, Footer, RawCommit } from "./types.js";

const HEADER = /^(?<type>[A-Za-z][A-Za-z0-9_-]*)(?:\((?<scope>[^()\r\n]*)\))?(?<bang>!)?: (?<subject>\S.*)$/;
const FOOTER = /^(?<token>BREAKING CHANGE|BREAKING-CHANGE|[A-Za-z][A-Za-z0-9-]*)(?:: | #)(?<value>.*)$/;
const SQUASH_PR = /\s*\(#(\d+)\)$/;
// The forges' merge commit subjects, and the message lines that name a merge request (anywhere in the message).
const MERGE_SUBJECTS = MERGE_MESSAGES.flatMap((m) => (m.subject ? [m.subject] : []));
const MERGE_LINES = MERGE_MESSAGES.flatMap((m) => (m.line ? [new RegExp(m.line.source, "m")] : []));
const MERGE_LINES_ALL = MERGE_MESSAGES.flatMap((m) => (m.line ? [new RegExp(m.line.source, "gm")] : []));
// Lines that end a wrapped header: a list item or a footer start a body of their own.
const LIST_ITEM = /^\s*(?:[-*+•]|\d+[.)])\s/;
const AUTOSQUASH = /^(fixup|squash|amend)! /;

export interface Header {
  type: string;
  scope: string | null;
  breaking: boolean;
  subject: string;
}

/** Parse a Conventional Commits header line; null when it is not one. */
export function parseHeader(line: string): Header | null {
  const m = HEADER.exec(line.trimEnd());
  if (!m?.groups) return null;
  const scope = m.groups.scope?.trim();
  return {
    type: m.groups.type ?? "",
    scope: scope ? scope : null,
    breaking: m.groups.bang === "!",
    subject: (m.groups.subject ?? "").trim(),
  };
}

export function isAutosquash(subject: string): boolean {
  return AUTOSQUASH.test(subject);
}

export function mergePullRequest(subject: string): number | null {
  for (const re of MERGE_SUBJECTS) {
    const m = re.exec(subject);
    if (m) return Number(m[1]);
  }
  return null;
}

/** The pull/merge request a merge commit merged: from its subject, or a line naming it (GitLab's `See merge request …!N`). */
export function mergeRequestNumber(message: string): number | null {
  const nl = message.indexOf("\n");
  return mergePullRequest((nl === -1 ? message : message.slice(0, nl)).trim()) ?? mergeRequestLine(message);
}

function mergeRequestLine(message: string): number | null {
  const text = message.replace(/\r\n/g, "\n");
  for (const re of MERGE_LINES) {
    const m = re.exec(text);
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * The header as written: its first line and the lines it was wrapped onto,
 * up to the first blank line (a list item or footer line ends it earlier),
 * joined with single spaces. `next` is the index of the first line after it.
 */
export function wrappedHeader(lines: readonly string[], at: number): { text: string; next: number } {
  let text = (lines[at] ?? "").trim();
  let next = at + 1;
  while (next < lines.length) {
    const line = lines[next]!;
    if (line.trim() === "" || LIST_ITEM.test(line) || FOOTER.test(line)) break;
    text = `${text} ${line.trim()}`;
    next++;
  }
  return { text, next };
}

function isBreakingToken(token: string): boolean {
  return token === "BREAKING CHANGE" || token === "BREAKING-CHANGE";
}

/**
 * Split the lines after the header into body and footers. The footer block
 * starts at the first footer-shaped line that follows a blank line; lines
 * after it that are not footer-shaped continue the previous footer's value.
 */
export function splitBodyAndFooters(lines: readonly string[]): { body: string; footers: Footer[] } {
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if ((i === 0 || lines[i - 1]!.trim() === "") && FOOTER.test(lines[i]!)) {
      start = i;
      break;
    }
  }
  if (start === -1) return { body: lines.join("\n").trim(), footers: [] };
  const footers: Footer[] = [];
  for (const line of lines.slice(start)) {
    const m = FOOTER.exec(line);
    if (m?.groups) footers.push({ token: m.groups.token ?? "", value: m.groups.value ?? "" });
    else if (footers.length > 0) footers[footers.length - 1]!.value += `\n${line}`;
  }
  for (const f of footers) f.value = f.value.trim();
  return { body: lines.slice(0, start).join("\n").trim(), footers };
}

/**
 * Read a commit message as a Conventional Commit (1.0.0). Returns null when
 * the header does not follow the specification. `headerLine` lets a merge
 * commit be read from the pull request title in its body.
 */
export function parseConventional(
  raw: RawCommit,
  options: { headerLine?: number; pr?: number | null } = {},
): ConventionalCommit | null {
  const lines = raw.message.replace(/\r\n/g, "\n").split("\n");
  const { text, next } = wrappedHeader(lines, options.headerLine ?? 0);
  const header = parseHeader(text);
  if (!header) return null;
  const rest = lines.slice(next);
  while (rest.length > 0 && rest[0]!.trim() === "") rest.shift();
  const split = splitBodyAndFooters(rest);
  // A line naming the merge request (GitLab's `See merge request …!N`) is where the number comes from, not part of the body.
  const body = MERGE_LINES_ALL.reduce((text, re) => text.replace(re, ""), split.body).trim();
  const footers = split.footers;
  const breakingNotes = footers.filter((f) => isBreakingToken(f.token)).map((f) => f.value);
  const breaking = header.breaking || breakingNotes.length > 0;
  if (header.breaking && breakingNotes.length === 0) breakingNotes.push(header.subject.replace(SQUASH_PR, ""));
  const releaseAsFooter = footers.find((f) => f.token.toLowerCase() === "release-as");
  const squashPr = SQUASH_PR.exec(header.subject);
  return {
    sha: raw.sha,
    type: header.type.toLowerCase(),
    scope: header.scope,
    subject: header.subject.replace(SQUASH_PR, ""),
    body,
    breaking,
    breakingNotes,
    footers,
    pr: options.pr ?? (squashPr ? Number(squashPr[1]) : mergeRequestLine(raw.message)),
    releaseAs: releaseAsFooter ? normalizeUserVersion(releaseAsFooter.value.trim()) : null,
    authorName: raw.authorName,
    date: raw.date,
  };
}

/** An unconventional commit kept as-is (`commits.unconventional: "keep"`). */
export function asUnconventional(raw: RawCommit): ConventionalCommit {
  const lines = raw.message.replace(/\r\n/g, "\n").split("\n");
  const { text: first, next } = wrappedHeader(lines, 0);
  const squashPr = SQUASH_PR.exec(first);
  return {
    sha: raw.sha,
    type: null,
    scope: null,
    subject: first.replace(SQUASH_PR, ""),
    body: lines.slice(next).join("\n").trim(),
    breaking: false,
    breakingNotes: [],
    footers: [],
    pr: squashPr ? Number(squashPr[1]) : mergeRequestNumber(raw.message),
    releaseAs: null,
    authorName: raw.authorName,
    date: raw.date,
  };
}
