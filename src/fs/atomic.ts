import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Write a file so readers see the old bytes or the new ones, never half: a
 * temporary file (same mode as the file it replaces), then rename. The
 * temporary file goes in `tempDir` (relnotes uses .git/relnotes/tmp/, swept
 * at the next run, so a kill never leaves it in the work tree for a
 * `git add -A`); beside the file only when no temp dir is given or the two
 * are on different file systems.
 */
export function writeFileAtomic(path: string, text: string, tempDir?: string): void {
  mkdirSync(dirname(path), { recursive: true });
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const name = `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`;
  if (tempDir !== undefined) {
    mkdirSync(tempDir, { recursive: true });
    const temp = join(tempDir, name);
    try {
      writeFileSync(temp, text, mode === undefined ? {} : { mode });
      renameSync(temp, path);
      return;
    } catch (e) {
      rmSync(temp, { force: true });
      if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    }
  }
  const temp = join(dirname(path), name);
  try {
    writeFileSync(temp, text, mode === undefined ? {} : { mode });
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
