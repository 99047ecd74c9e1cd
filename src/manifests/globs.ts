import { readdirSync } from "node:fs";
import { join, posix } from "node:path";
import picomatch from "picomatch";

// Never descend into build output or installed dependencies when expanding `**`.
const SKIP = new Set([".git", "node_modules", "target"]);

function subdirs(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory() && !SKIP.has(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Every directory below `dir` (itself included) down to `depth` levels
 * (Infinity: all), repository-relative. `listed` keeps each directory's
 * listing, so patterns sharing a base read the disk once.
 */
function walk(root: string, dir: string, depth: number, listed: Map<string, string[]>): string[] {
  if (depth === 0) return [dir];
  let names = listed.get(dir);
  if (names === undefined) {
    names = subdirs(root, dir);
    listed.set(dir, names);
  }
  return [dir, ...names.flatMap((d) => walk(root, posix.join(dir, d), depth - 1, listed))];
}

/** How many levels below its fixed base a pattern can match: the segments after the base, or Infinity with `**`. */
function patternDepth(pattern: string, base: string): number {
  const rest = pattern.slice(base.length).replace(/^\/+/, "");
  if (rest === "") return 0;
  const segments = rest.split("/");
  return segments.includes("**") || segments.some((s) => s.includes("**")) ? Infinity : segments.length;
}

/**
 * Workspace member directories (repository-relative) matched by `patterns`,
 * globs relative to `base` as Cargo and npm write them; `!pattern` and
 * `exclude` remove matches. Reads the directory tree on disk.
 */
export function memberDirs(
  root: string,
  base: string,
  patterns: readonly string[],
  exclude: readonly string[] = [],
): string[] {
  const rel = (p: string): string => posix.normalize(posix.join(base, p.replace(/^\.\//, ""))).replace(/\/+$/, "");
  const include = patterns.filter((p) => !p.startsWith("!")).map(rel);
  const drop = [...exclude.map(rel), ...patterns.filter((p) => p.startsWith("!")).map((p) => rel(p.slice(1)))];
  const isDropped = picomatch(drop.length > 0 ? drop : ["\0"], { dot: false });
  const found = new Set<string>();
  const listed = new Map<string, string[]>();
  for (const pattern of include) {
    if (!picomatch.scan(pattern).isGlob) {
      found.add(pattern);
      continue;
    }
    const { base: fixed } = picomatch.scan(pattern);
    const matches = picomatch(pattern);
    for (const dir of walk(root, fixed, patternDepth(pattern, fixed), listed)) if (matches(dir)) found.add(dir);
  }
  return [...found].filter((d) => !isDropped(d)).sort();
}
