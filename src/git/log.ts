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

// The walk of a whole history reads the author's name, not the address: one field less per commit to copy.
const RECORD_FORMAT = "--format=%H%x1f%P%x1f%an%x1f%aI%x1f%B";

/**
 * Where the fields of one commit record lie in `data` (byte offsets, ends
 * exclusive). One object is reused for every record, and `data` is only valid
 * during the call: copy what you keep.
 */
export interface CommitRecord {
  data: Buffer;
  sha: number;
  shaEnd: number;
  /** Parent ids, separated by single spaces. */
  parents: number;
  parentsEnd: number;
  author: number;
  authorEnd: number;
  /** Author date, ISO 8601 with offset. */
  date: number;
  dateEnd: number;
  message: number;
  end: number;
}

/**
 * Stream the commits of a query like `streamCommits`, without decoding them:
 * the caller decodes the fields it needs, so a walk over millions of commits
 * makes no strings for the commits it drops. No author address (authorEmail).
 */
export function streamCommitRecords(
  git: Git,
  query: LogQuery,
  onRecord: (record: CommitRecord) => void,
): Promise<void> {
  const input = query.stdinRevisions ? `${query.stdinRevisions.join("\n")}\n` : undefined;
  const r: CommitRecord = {
    data: Buffer.alloc(0),
    sha: 0,
    shaEnd: 0,
    parents: 0,
    parentsEnd: 0,
    author: 0,
    authorEnd: 0,
    date: 0,
    dateEnd: 0,
    message: 0,
    end: 0,
  };
  return git.streamBytes(
    logArgs(query, RECORD_FORMAT),
    "\0",
    (data, start, end) => {
      let at = data[start] === 10 ? start + 1 : start;
      const ends: number[] = [];
      for (let i = 0; i < 4; i++) {
        const e = data.indexOf(0x1f, at);
        if (e === -1 || e >= end) return;
        ends.push(e);
        at = e + 1;
      }
      r.data = data;
      r.sha = data[start] === 10 ? start + 1 : start;
      r.shaEnd = ends[0]!;
      r.parents = ends[0]! + 1;
      r.parentsEnd = ends[1]!;
      r.author = ends[1]! + 1;
      r.authorEnd = ends[2]!;
      r.date = ends[2]! + 1;
      r.dateEnd = ends[3]!;
      r.message = ends[3]! + 1;
      r.end = end;
      onRecord(r);
    },
    input,
  );
}
