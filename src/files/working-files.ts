import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileChange, type FileChange } from "./diff.js";

/** A file as the release leaves it: its text on disk before the release (null: a new file) and its final text. */
export interface FinalFile {
  path: string;
  before: string | null;
  after: string;
}

/**
 * The files of the work tree as the plan has edited them so far. Releases
 * are planned one after another over this overlay, so two releases that
 * touch the same file (a shared Cargo.lock) compose instead of clobbering.
 * Nothing is written to disk.
 */
export class WorkingFiles {
  private readonly overlay = new Map<string, string>();
  private readonly original = new Map<string, string | null>();

  constructor(readonly root: string) {}

  /** Current text of a repository-relative path (planned edits included), or null when it does not exist. */
  read(path: string): string | null {
    const planned = this.overlay.get(path);
    if (planned !== undefined) return planned;
    return this.readDisk(path);
  }

  /** Text on disk before any planned edit. */
  readDisk(path: string): string | null {
    if (!this.original.has(path)) {
      let text: string | null;
      try {
        text = readFileSync(join(this.root, path), "utf8");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        text = null;
      }
      this.original.set(path, text);
    }
    return this.original.get(path)!;
  }

  /** Record an edit; returns the change relative to the previous planned text, or null when nothing changed. */
  write(path: string, text: string): FileChange | null {
    const before = this.read(path);
    if (before === text) return null;
    this.overlay.set(path, text);
    return fileChange(path, before, text);
  }

  /** Final text of every edited file, with its text on disk before the release. */
  finalFiles(): FinalFile[] {
    return [...this.overlay].map(([path, after]) => ({ path, before: this.readDisk(path), after }));
  }
}
