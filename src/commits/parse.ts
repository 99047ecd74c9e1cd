import { normalizeUserVersion } from "../tags/semver-strict.js";
import type { ConventionalCommit, Footer, RawCommit } from "./types.js";

const HEADER = /^(?<type>[A-Za-z][A-Za-z0-9_-]*)(?:\((?<scope>[^()\r\n]*)\))?(?<bang>!)?: (?<subject>\S.*)$/;
const FOOTER = /^(?<token>BREAKING CHANGE|BREAKING-CHANGE|[A-Za-z][A-Za-z0-9-]*)(?:: | #)(?<value>.*)$/;
const SQUASH_PR = /\s*\(#(\d+)\)$/;
const MERGE_PR = /^Merge pull request #(\d+) from \S+/;
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
  const m = MERGE_PR.exec(subject);
  return m ? Number(m[1]) : null;
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
export function parseConventional(raw: RawCommit, options: { headerLine?: number; pr?: number | null } = {}): ConventionalCommit | null {
  const lines = raw.message.replace(/\r\n/g, "\n").split("\n");
  const at = options.headerLine ?? 0;
  const header = parseHeader(lines[at] ?? "");
  if (!header) return null;
  const rest = lines.slice(at + 1);
  while (rest.length > 0 && rest[0]!.trim() === "") rest.shift();
  const { body, footers } = splitBodyAndFooters(rest);
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
    pr: options.pr ?? (squashPr ? Number(squashPr[1]) : null),
    releaseAs: releaseAsFooter ? normalizeUserVersion(releaseAsFooter.value.trim()) : null,
    authorName: raw.authorName,
    date: raw.date,
  };
}

/** An unconventional commit kept as-is (`commits.unconventional: "keep"`). */
export function asUnconventional(raw: RawCommit): ConventionalCommit {
  const [first = "", ...rest] = raw.message.replace(/\r\n/g, "\n").split("\n");
  const squashPr = SQUASH_PR.exec(first);
  return {
    sha: raw.sha,
    type: null,
    scope: null,
    subject: first.trim().replace(SQUASH_PR, ""),
    body: rest.join("\n").trim(),
    breaking: false,
    breakingNotes: [],
    footers: [],
    pr: squashPr ? Number(squashPr[1]) : mergePullRequest(first),
    releaseAs: null,
    authorName: raw.authorName,
    date: raw.date,
  };
}
