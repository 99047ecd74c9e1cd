import { lstatSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { RelnotesError } from "../errors.js";

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** realpath of `path`, or of its nearest existing ancestor with the rest appended. */
function realpathOfNearest(path: string): string {
  let current = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw e;
      // A dangling symlink: where it points is what a write would create.
      try {
        if (lstatSync(current).isSymbolicLink())
          throw new ConfinementError(current, "is a symbolic link to a path that does not exist");
      } catch (inner) {
        if (inner instanceof ConfinementError) throw inner;
      }
      const parent = dirname(current);
      if (parent === current) return join(current, ...rest.reverse());
      rest.push(current.slice(parent.length).replace(/^[/\\]+/, ""));
      current = parent;
    }
  }
}

class ConfinementError extends Error {
  constructor(
    readonly at: string,
    readonly why: string,
  ) {
    super(why);
  }
}

/**
 * Where a repository-relative path from config really is, checked to stay
 * inside the work tree: not absolute, no `..` out of it, no symlink (file or
 * directory) pointing outside. A symlinked file inside the tree resolves to
 * its target, so writing edits through the link and the link stays a link.
 * Returns null with `problem` set when the path is refused.
 */
export function confine(root: string, path: string): { real: string; problem: null } | { real: null; problem: string } {
  if (isAbsolute(path))
    return {
      real: null,
      problem: `"${path}" is an absolute path; paths in the config are relative to the repository root`,
    };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = resolve(root);
  }
  const lexical = resolve(realRoot, path);
  if (!inside(realRoot, lexical)) return { real: null, problem: `"${path}" leads out of the repository (${lexical})` };
  let real: string;
  try {
    real = realpathOfNearest(resolve(root, path));
  } catch (e) {
    if (e instanceof ConfinementError)
      return { real: null, problem: `"${path}": ${relative(root, e.at) || e.at} ${e.why}` };
    throw e;
  }
  if (!inside(realRoot, real))
    return { real: null, problem: `"${path}" resolves through a symbolic link to ${real}, outside the repository` };
  return { real, problem: null };
}

/** `confine`, throwing a RelnotesError for a refused path (the last guard before a write). */
export async function confinedPath(root: string, path: string): Promise<string> {
  const r = confine(root, path);
  if (r.problem !== null)
    throw new RelnotesError(
      `refusing to write outside the repository: ${r.problem}`,
      "fix the path in your relnotes config (or the symbolic link), then run relnotes bump --abort and release again",
    );
  return r.real;
}

/** The repository-relative path a write to `path` really changes (a symlinked file's target inside the tree). */
export function writtenPath(root: string, path: string): string {
  const r = confine(root, path);
  if (r.problem !== null) return path;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = resolve(root);
  }
  return relative(realRoot, r.real).split(sep).join("/");
}
