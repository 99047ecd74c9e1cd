import type { RawCommit } from "../commits/types.js";
import { parseRecord } from "./log.js";
import type { Git } from "./run.js";

/** One commit that changed a file: its text before and after (null: absent, or not text git diffs). */
export interface FileRevision {
  commit: RawCommit;
  before: string | null;
  after: string | null;
}

// The whole file as the context of one hunk, so both sides can be rebuilt from the patch alone.
const CONTEXT = 100_000_000;
// NUL before and after the fixed fields and message: records alternate header, patch, header, patch.
const FORMAT = "--format=%x00%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%B%x00";

export function fileHistoryArgs(revisions: readonly string[], path: string, noMerges: boolean): string[] {
  return [
    "log",
    "-p",
    `-U${CONTEXT}`,
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-renames",
    "--no-show-signature",
    FORMAT,
    ...(noMerges ? ["--no-merges"] : []),
    "--end-of-options",
    ...revisions,
    "--",
    path,
  ];
}

/**
 * Both sides of a one-file patch made with full context. A patch without a
 * hunk (a merge, a mode change) changed no line: null, null. A binary change
 * is reported as unreadable on both sides: `binary`.
 */
export function sidesOfPatch(patch: string): { before: string | null; after: string | null; binary: boolean } {
  const lines = patch.split("\n");
  const hunk = lines.findIndex((l) => l.startsWith("@@"));
  if (hunk === -1) return { before: null, after: null, binary: /^Binary files /m.test(patch) };
  const created = lines.some((l, i) => i < hunk && l === "--- /dev/null");
  const deleted = lines.some((l, i) => i < hunk && l === "+++ /dev/null");
  const before: string[] = [];
  const after: string[] = [];
  let last: string[][] = [];
  for (const line of lines.slice(hunk + 1)) {
    const mark = line[0];
    const text = line.slice(1);
    if (mark === " ") last = [before, after];
    else if (mark === "-") last = [before];
    else if (mark === "+") last = [after];
    if (mark === " " || mark === "-" || mark === "+") for (const side of last) side.push(text);
    // "\ No newline at end of file" belongs to the line above it.
    else if (mark === "\\") for (const side of last) side.push("\0");
  }
  const join = (side: string[]): string => {
    const noNewline = side.at(-1) === "\0";
    const body = (noNewline ? side.slice(0, -1) : side).join("\n");
    return noNewline || side.length === 0 ? body : `${body}\n`;
  };
  return { before: created ? null : join(before), after: deleted ? null : join(after), binary: false };
}

/**
 * Every commit of `revisions` that changed `path`, newest first, with the
 * file's text before and after it: one `git log -p` for the whole range
 * (merges are listed without a diff, as `git log -p` shows them).
 */
export async function streamFileHistory(
  git: Git,
  query: { revisions: readonly string[]; path: string; noMerges: boolean },
  onRevision: (revision: FileRevision & { binary: boolean }) => void,
): Promise<void> {
  let index = 0;
  let pending: RawCommit | null = null;
  await git.stream(fileHistoryArgs(query.revisions, query.path, query.noMerges), "\0", (record) => {
    const i = index++;
    if (i === 0) return;
    if (i % 2 === 1) {
      pending = parseRecord(record);
      return;
    }
    if (pending) onRevision({ commit: pending, ...sidesOfPatch(record) });
    pending = null;
  });
  // The last commit's patch is empty when its diff is (a merge): the stream ends right after its header.
  if (pending) onRevision({ commit: pending, before: null, after: null, binary: false });
}
