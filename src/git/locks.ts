import { type Dirent, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Git } from "./run.js";
import { gitDir } from "./status.js";

export interface GitLockFile {
  /** Absolute path. */
  path: string;
  /** As the user sees it from the work tree (`.git/index.lock`). */
  shown: string;
  modified: Date;
}

function lockFilesUnder(dir: string, found: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) lockFilesUnder(path, found);
    else if (e.name.endsWith(".lock")) found.push(path);
  }
}

/**
 * Lock files git leaves when it is killed mid-command (index.lock, HEAD.lock,
 * packed-refs.lock, refs/…/*.lock): while one exists, the git command that
 * needs it fails with "File exists".
 */
export async function leftoverGitLocks(git: Git): Promise<GitLockFile[]> {
  const own = await gitDir(git);
  const commonOut = await git.out(["rev-parse", "--git-common-dir"]);
  const common = commonOut.startsWith("/") ? commonOut : join(git.cwd, commonOut);
  const paths = new Set<string>();
  for (const dir of new Set([own, common])) {
    for (const name of ["index.lock", "HEAD.lock", "packed-refs.lock", "config.lock", "shallow.lock"]) {
      try {
        statSync(join(dir, name));
        paths.add(join(dir, name));
      } catch {
        // not there
      }
    }
  }
  const refs: string[] = [];
  lockFilesUnder(join(common, "refs"), refs);
  for (const p of refs) paths.add(p);
  return [...paths]
    .sort()
    .map((path) => ({ path, shown: relative(git.cwd, path) || path, modified: statSync(path).mtime }));
}
