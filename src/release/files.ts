import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { RelnotesError } from "../errors.js";
import { writeFileAtomic } from "../fs/atomic.js";
import { confinedPath } from "../fs/confine.js";
import type { SavedFile } from "./state.js";

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/**
 * Write each file's planned text. A file that is neither as planned nor
 * already written was changed by someone else since the plan: stop.
 * Idempotent, so a resumed run can write again.
 */
export async function writePlannedFiles(root: string, files: readonly SavedFile[], tempDir: string): Promise<void> {
  for (const f of files) {
    const path = join(root, f.path);
    const current = await readOrNull(path);
    if (current === f.after) continue;
    if (current !== f.before) {
      throw new RelnotesError(
        `${f.path} changed since the release was planned`,
        "undo that change, or run relnotes bump --abort and plan again",
      );
    }
    writeFileAtomic(await confinedPath(root, f.path), f.after, tempDir);
  }
}

/** Put files back as they were before the release (files it created are removed). */
export async function restorePlannedFiles(
  root: string,
  files: readonly SavedFile[],
  tempDir: string,
): Promise<string[]> {
  const skipped: string[] = [];
  for (const f of files) {
    const path = join(root, f.path);
    const current = await readOrNull(path);
    if (current === f.before) continue;
    if (current !== f.after) {
      skipped.push(f.path);
      continue;
    }
    if (f.before === null) await rm(path, { force: true });
    else writeFileAtomic(await confinedPath(root, f.path), f.before, tempDir);
  }
  return skipped;
}
