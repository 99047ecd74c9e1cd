/** A `## …` heading of a Keep-a-Changelog file. */
export interface ChangelogHeading {
  /** 1-based line number. */
  line: number;
  /** Byte (UTF-16 index) offset of the line's first character. */
  offset: number;
  /** Version text inside the brackets, or "Unreleased". */
  version: string;
  unreleased: boolean;
  /** Text after ` - `, e.g. `2026-11-22` or `TBD`; null when absent. */
  date: string | null;
  /** Link in the heading (`## [1.2.3](url)`), or null. */
  url: string | null;
}

export interface ReferenceLink {
  line: number;
  label: string;
  url: string;
}

const HEADING = /^##[ \t]+\[?(?<version>[^\]\s()]+)\]?(?:\((?<url>[^)\s]*)\))?(?:[ \t]+[-–—][ \t]+(?<date>.*?))?[ \t]*$/;
const REFERENCE = /^\[(?<label>[^\]]+)\]:[ \t]*(?<url>\S+)/;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

export interface ParsedChangelog {
  headings: ChangelogHeading[];
  references: ReferenceLink[];
}

/** Find release headings and reference links, outside fenced code blocks. */
export function parseChangelog(text: string): ParsedChangelog {
  const headings: ChangelogHeading[] = [];
  const references: ReferenceLink[] = [];
  let offset = 0;
  let fenced = false;
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced) {
      const h = line.startsWith("## ") || line.startsWith("##\t") ? HEADING.exec(line) : null;
      if (h?.groups) {
        const version = h.groups.version ?? "";
        headings.push({
          line: i + 1,
          offset,
          version,
          unreleased: version.toLowerCase() === "unreleased",
          date: h.groups.date?.trim() || null,
          url: h.groups.url || null,
        });
      } else {
        const r = REFERENCE.exec(line);
        if (r?.groups) references.push({ line: i + 1, label: r.groups.label ?? "", url: r.groups.url ?? "" });
      }
    }
    offset += raw.length + 1;
  });
  return { headings, references };
}

/** Tags named by a compare or release link: `compare/a...b` → [a, b]; `releases/tag/x` → [x]. */
export function tagsInLink(url: string): string[] {
  const compare = /\/compare\/(.+?)\.\.\.(.+?)\/?$/.exec(url);
  if (compare) return [decodeURIComponent(compare[1]!), decodeURIComponent(compare[2]!)];
  const tag = /\/(?:releases\/tag|tree)\/(.+?)\/?$/.exec(url);
  return tag ? [decodeURIComponent(tag[1]!)] : [];
}
