import type { RawCommit } from "../commits/types.js";
import type { Git } from "./run.js";

const FIELD = "\x1f";
// Fixed-shape fields first, the free-form message last, so a message can hold any byte but NUL.
const FORMAT = "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%B";

export interface LogQuery {
  /** Revisions and ranges, e.g. `["api/v1.2.0..HEAD"]`. */
  revisions: string[];
  /** Many revisions, passed on stdin (`--stdin`) instead of the command line. */
  stdinRevisions?: string[];
  /** Pathspecs relative to the repository root; empty: all paths. */
  paths: readonly string[];
  /** Leave merge commits out in git itself (cheaper than filtering afterwards). */
  noMerges: boolean;
  /** Only merge commits. */
  mergesOnly?: boolean;
  /** Show exactly the given commits, without walking their history. */
  noWalk?: boolean;
}

export function logArgs(query: LogQuery, format = FORMAT): string[] {
  return [
    "log",
    "-z",
    format,
    ...(query.noMerges ? ["--no-merges"] : []),
    ...(query.mergesOnly ? ["--merges"] : []),
    ...(query.noWalk ? ["--no-walk=unsorted"] : []),
    ...(query.stdinRevisions ? ["--stdin"] : []),
    "--end-of-options",
    ...query.revisions,
    "--",
    ...query.paths,
  ];
}

export function parseRecord(record: string): RawCommit | null {
  let start = record.charCodeAt(0) === 10 ? 1 : 0;
  const fields: string[] = [];
  for (let i = 0; i < 5; i++) {
    const end = record.indexOf(FIELD, start);
    if (end === -1) return null;
    fields.push(record.slice(start, end));
    start = end + 1;
  }
  const [sha = "", parents = "", authorName = "", authorEmail = "", date = ""] = fields;
  return {
    sha,
    parents: parents ? parents.split(" ") : [],
    authorName,
    authorEmail,
    date,
    message: record.slice(start),
  };
}

/** Stream the commits of a query, newest first, from one `git log` process. */
export function streamCommits(git: Git, query: LogQuery, onCommit: (commit: RawCommit) => void): Promise<void> {
  const input = query.stdinRevisions ? `${query.stdinRevisions.join("\n")}\n` : undefined;
  return git.stream(
    logArgs(query),
    "\0",
    (record) => {
      const commit = parseRecord(record);
      if (commit) onCommit(commit);
    },
    input,
  );
}
