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

/** Every directory below `dir` (itself included), repository-relative. */
function walk(root: string, dir: string): string[] {
  return [dir, ...subdirs(root, dir).flatMap((d) => walk(root, posix.join(dir, d)))];
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
  for (const pattern of include) {
    if (!picomatch.scan(pattern).isGlob) {
      found.add(pattern);
      continue;
    }
    const { base: fixed } = picomatch.scan(pattern);
    const matches = picomatch(pattern);
    for (const dir of walk(root, fixed)) if (matches(dir)) found.add(dir);
  }
  return [...found].filter((d) => !isDropped(d)).sort();
}
