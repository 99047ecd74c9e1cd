import { isAbsolute, join } from "node:path";
import type { Git } from "./run.js";

/** Tracked files with changes in the index or the work tree (untracked files are ignored). */
export async function changedTrackedFiles(git: Git): Promise<string[]> {
  const out = (await git.run(["status", "--porcelain=v1", "-z", "--untracked-files=no", "--ignore-submodules=none"]))
    .stdout;
  const entries = out.split("\0");
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // Renames and copies carry the original path as the next entry.
    if (entry[0] === "R" || entry[0] === "C") i++;
  }
  return paths;
}

/** The repository's git directory (per worktree), absolute. */
export async function gitDir(git: Git): Promise<string> {
  const dir = await git.out(["rev-parse", "--git-dir"]);
  return isAbsolute(dir) ? dir : join(git.cwd, dir);
}
