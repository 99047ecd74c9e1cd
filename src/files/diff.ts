import { createTwoFilesPatch } from "diff";
/** A file the release will write: its bytes before and after, and the unified diff. */
export interface FileChange {
  path: string;
  /** null when the file does not exist yet. */
  before: string | null;
  after: string;
  diff: string;
}

/** A planned file write with its unified diff (`a/` and `b/` prefixes, like git). */
export function fileChange(path: string, before: string | null, after: string): FileChange {
  const diff = createTwoFilesPatch(
    before === null ? "/dev/null" : `a/${path}`,
    `b/${path}`,
    before ?? "",
    after,
    undefined,
    undefined,
    { context: 3 },
  );
  // Drop the "Index:"/"=====" preamble the library writes; keep git's shape.
  return { path, before, after, diff: diff.replace(/^(?:Index:[^\n]*\n)?=+\n/, "") };
}
