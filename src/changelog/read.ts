import { readFileSync } from "node:fs";
import { RelnotesError } from "../errors.js";

/** A changelog file as it is on disk: `text` null when it does not exist yet. */
export interface ExistingChangelog {
  /** Path for messages. */
  display: string;
  text: string | null;
}

/** Read a changelog that may not exist yet. */
export function readExistingChangelog(path: string, display: string): ExistingChangelog {
  try {
    return { display, text: readFileSync(path, "utf8") };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { display, text: null };
    throw new RelnotesError(
      `cannot read ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      "check the path and its permissions",
    );
  }
}

/** Read a changelog that must exist, or explain which file is missing. */
export function readChangelog(path: string, display: string): string {
  const { text } = readExistingChangelog(path, display);
  if (text === null)
    throw new RelnotesError(
      `cannot read ${display}: ENOENT`,
      "check the service's changelog path in your config, or pass --no-changelog",
    );
  return text;
}
