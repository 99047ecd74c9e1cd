/**
 * One release heading of a changelog, in the forms people and tools write:
 * `## [1.2.0] - 2026-01-05` (Keep a Changelog, git-cliff), `## [1.2.0](url) - 2026-01-05`
 * (relnotes), `## 1.2.0 (2026-01-05)` and `# [1.2.0](url) (2026-01-05)` (conventional-changelog,
 * semantic-release), `## v1.2.0 - 2026-01-05`, `## 1.2.0 - 2026-01-05` (cocogitto), with or
 * without a service prefix (`## api 1.2.0`, `## [api/v1.2.0]`, `## api-v1.2.0`).
 */
export interface ReleaseHeading {
  /** Number of `#`: 1 to 3. */
  level: number;
  unreleased: boolean;
  /** The label as written, inside the brackets when there are any: `1.2.0`, `api/v1.2.0`, `Unreleased`. */
  label: string;
  bracketed: boolean;
  /** Service prefix of the label, or null. */
  service: string | null;
  /** SemVer version without a leading `v`; null for Unreleased. */
  version: string | null;
  /** Inline link of the label (`[1.2.0](url)`), or null. */
  url: string | null;
  /** What follows the label as the date, e.g. `2026-01-05`, `TBD`, `YYYY-MM-DD`; null when absent. */
  dateText: string | null;
  /** The real calendar date (YYYY-MM-DD) the heading carries; null when it is undated. */
  date: string | null;
}

const SEMVER = String.raw`\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?`;
const ATX = /^(#{1,3})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const BRACKETED = /^\[(?<label>[^\]]+)\](?:\((?<url>[^)\s]*)\))?(?<rest>.*)$/;
const BARE = new RegExp(
  String.raw`^(?<label>unreleased|(?:[\w.@/-]+[ \t])?[\w.@/-]*?v?${SEMVER})(?<rest>(?=[ \t(]|$).*)$`,
  "i",
);
const LABEL = new RegExp(String.raw`^(?:(?<service>[\w.@/-]+?)(?:[ \t]+|/|@|-))?v?(?<version>${SEMVER})$`);
/** After the label only a date-like tail is a heading: ` - …`, ` (…)`, `: …`, a digit, `[YANKED]`. */
const DATE_TAIL = /^(?:[ \t]+(?:[-–—:(\d[]|TBD|YYYY)|[ \t]*\(|$)/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?![\d-])/;

/** The real date at the start of `text`, or null (a `2026-02-30` is not a date). */
export function realDate(text: string | null): string | null {
  const m = text === null ? null : ISO_DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? m[0] : null;
}

function dateTextOf(rest: string): string | null {
  let t = rest.trim();
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) t = paren[1]!.trim();
  else t = t.replace(/^[-–—:][ \t]*/, "").trim();
  return t === "" ? null : t;
}

/** Parse a line as a release heading; null when it is not one (`# Changelog`, `### Features`). */
export function parseReleaseHeading(line: string): ReleaseHeading | null {
  const atx = ATX.exec(line);
  if (!atx) return null;
  const level = atx[1]!.length;
  // conventional-changelog writes patch releases as `## <small>[1.2.1](url) (date)</small>`.
  const content = atx[2]!.replace(/^<small>[ \t]*/i, "").replace(/[ \t]*<\/small>$/i, "");
  const m = BRACKETED.exec(content) ?? BARE.exec(content);
  if (!m?.groups) return null;
  const { label = "", url, rest = "" } = m.groups;
  if (!DATE_TAIL.test(rest)) return null;
  const bracketed = content.startsWith("[");
  const dateText = dateTextOf(rest);
  const base = { level, label, bracketed, url: url || null, dateText, date: realDate(dateText) };
  if (/^unreleased$/i.test(label.trim())) return { ...base, unreleased: true, service: null, version: null };
  const parsed = LABEL.exec(label.trim());
  if (!parsed?.groups) return null;
  return { ...base, unreleased: false, service: parsed.groups.service ?? null, version: parsed.groups.version! };
}

/** The heading line with its inline link removed: `## [1.2.0](url) - d` → `## [1.2.0] - d`. */
export function withoutInlineLink(line: string): string {
  return line.replace(/^(#{1,3}[ \t]+\[[^\]]+\])\([^)\s]*\)/, "$1");
}

/**
 * Tags named by a compare or release link: `compare/a...b` (or `a..b`, as
 * git-cliff and cocogitto write) → [a, b]; `releases/tag/x` → [x]. A commit
 * hash (a first release compared from the root commit) is not a tag.
 */
export function tagsInLink(url: string): string[] {
  const compare = /\/compare\/(.+?)\.\.\.?(.+?)\/?$/.exec(url);
  const tag = /\/(?:releases\/tag|tree)\/(.+?)\/?$/.exec(url);
  const refs = compare ? [compare[1]!, compare[2]!] : tag ? [tag[1]!] : [];
  return refs.map((r) => decodeURIComponent(r)).filter((r) => !/^[0-9a-f]{40}$/.test(r));
}
