import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { RelnotesError } from "../errors.js";
import type { SavedFile } from "./state.js";

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** Write a file atomically: a temp file beside it, renamed over it; the file mode is kept. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  let mode: number | undefined;
  try {
    mode = (await stat(path)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const tmp = `${path}.relnotes-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, text, mode === undefined ? {} : { mode });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Write each file's planned text. A file that is neither as planned nor
 * already written was changed by someone else since the plan: stop.
 * Idempotent, so a resumed run can write again.
 */
export async function writePlannedFiles(root: string, files: readonly SavedFile[]): Promise<void> {
  for (const f of files) {
    const path = join(root, f.path);
    const current = await readOrNull(path);
    if (current === f.after) continue;
    if (current !== f.before) {
      throw new RelnotesError(`${f.path} changed since the release was planned`, "undo that change, or run relnotes bump --abort and plan again");
    }
    await writeAtomic(path, f.after);
  }
}

/** Put files back as they were before the release (files it created are removed). */
export async function restorePlannedFiles(root: string, files: readonly SavedFile[]): Promise<string[]> {
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
    else await writeAtomic(path, f.before);
  }
  return skipped;
}
