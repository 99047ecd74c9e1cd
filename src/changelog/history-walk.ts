import { RelnotesError } from "../errors.js";
import { classifyCommit, subjectOf } from "../commits/classify.js";
import {
  asUnconventional,
  isAutosquash,
  mergeRequestNumber,
  parseConventional,
  parseHeader,
  wrappedHeader,
} from "../commits/parse.js";
import type { ConventionalCommit, RawCommit } from "../commits/types.js";
import type { ResolvedConfig } from "../config/types.js";
import { streamGraphLines } from "../git/graph.js";
import { streamCommitRecords, streamCommits, type CommitRecord } from "../git/log.js";
import type { Git } from "../git/run.js";
import { HistoryGraph } from "../history/compact-graph.js";

const EMPTY_LINE = Buffer.from("\n\n");

/** Bytes per chunk of the commit store: records never straddle two. */
const CHUNK = 1 << 22;

/**
 * The commits a whole-history changelog shows, as git printed them (author,
 * date, message bytes; the id is the graph's number), in walk order. Parsed
 * again, one release at a time, when that release is rendered: a parsed
 * commit is several objects and strings, its bytes one slice of a chunk.
 */
export class KeptCommits {
  private readonly chunks: (Buffer | null)[] = [];
  private used = CHUNK;
  private fields = new Int32Array(6 * 1024);
  count = 0;

  /** Keep commit `id`'s author, date and message, read from `record`. */
  add(id: number, r: CommitRecord): void {
    const authorLength = r.authorEnd - r.author;
    const dateLength = r.dateEnd - r.date;
    const size = authorLength + dateLength + (r.end - r.message);
    if (this.used + size > CHUNK || this.chunks.length === 0) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK, size)));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    const start = this.used;
    r.data.copy(chunk, start, r.author, r.authorEnd);
    r.data.copy(chunk, start + authorLength, r.date, r.dateEnd);
    r.data.copy(chunk, start + authorLength + dateLength, r.message, r.end);
    this.used += size;
    if ((this.count + 1) * 6 > this.fields.length) {
      const next = new Int32Array(this.fields.length * 2);
      next.set(this.fields);
      this.fields = next;
    }
    const f = this.count * 6;
    this.fields.set([id, this.chunks.length - 1, start, authorLength, dateLength, size], f);
    this.count++;
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  /** The chunk kept commit `k` is in. */
  chunkOf(k: number): number {
    return this.fields[k * 6 + 1]!;
  }

  /** Let chunk `c` go: its commits are read no more. */
  drop(c: number): void {
    this.chunks[c] = null;
  }

  /** The graph number of kept commit `k`. */
  idOf(k: number): number {
    return this.fields[k * 6]!;
  }

  /** Kept commit `k` as git printed it (with the graph's hex id and parents; no author address). */
  raw(k: number, graph: HistoryGraph): RawCommit {
    const f = k * 6;
    const [id, chunkIndex, start, authorLength, dateLength, size] = this.fields.subarray(
      f,
      f + 6,
    ) as unknown as number[];
    const chunk = this.chunks[chunkIndex!];
    if (!chunk) throw new Error(`kept commit ${k} was read after its chunk was let go`);
    const authorEnd = start! + authorLength!;
    const dateEnd = authorEnd + dateLength!;
    return {
      sha: graph.ids.hex(id!),
      parents: graph.parentsOf(id!).map((p) => graph.ids.hex(p)),
      authorName: chunk.toString("utf8", start, authorEnd),
      authorEmail: "",
      date: chunk.toString("utf8", authorEnd, dateEnd),
      message: chunk.toString("utf8", dateEnd, start! + size!),
    };
  }
}

/** A whole history read for a changelog: the graph, the commits it shows, the PR numbers merges give. */
export interface WholeHistory {
  graph: HistoryGraph;
  kept: KeptCommits;
  /** Per graph number: the commit's index in `kept`, or -1 (let go, empty, once the releases are planned). */
  keptIndex: Int32Array;
  /** Pull request numbers merges give the commits they brought in, by graph number. */
  pullRequests: Map<number, number>;
  /** How the commits were classified (config commits.merges). */
  merges: ResolvedConfig["commits"]["merges"];
}

/** The header line(s) of a message exactly as parseConventional reads them, without splitting the whole message. */
function headerText(message: string): string {
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const nl = message.indexOf("\n", at);
    // parseConventional reads `message.replace(/\r\n/g, "\n").split("\n")`: a line before a newline loses one `\r`.
    const line = nl === -1 ? message.slice(at) : message.slice(at, message.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
    lines.push(line);
    // wrappedHeader never reads past the first blank line.
    if (nl === -1 || line.trim() === "") break;
    at = nl + 1;
  }
  return wrappedHeader(lines, 0).text;
}

/**
 * Whether a whole-history changelog shows a commit, as CommitSelection with
 * the changelog's filter decides (a Conventional Commit of a type with a
 * section, a breaking one, or an unconventional one kept by
 * `commits.unconventional: "keep"`), reading no more of the message than it
 * must: `head` is the message up to its first empty line at least (the whole
 * message will do), `mentionsBreaking` whether the message holds `BREAKING`.
 * Throws like CommitSelection for `commits.unconventional: "fail"`.
 */
export function showsInChangelog(
  config: ResolvedConfig["commits"],
  service: string | null,
  head: string,
  parentCount: number,
  mentionsBreaking: () => boolean,
  raw: () => RawCommit,
): boolean {
  const nl = head.indexOf("\n");
  if (isAutosquash((nl === -1 ? head : head.slice(0, nl)).trim())) return false;
  let commit: ConventionalCommit | null;
  if (parentCount > 1) {
    if (config.merges === "skip") return false;
    const c = classifyCommit(raw(), config.merges);
    commit = c.kind === "conventional" ? c.commit : null;
  } else {
    const header = parseHeader(headerText(head));
    if (header === null) commit = null;
    else {
      if (header.breaking || config.types[header.type.toLowerCase()]?.section) return true;
      // Not shown unless a footer makes it breaking: BREAKING CHANGE / BREAKING-CHANGE, case-sensitive.
      if (!mentionsBreaking()) return false;
      commit = parseConventional(raw());
    }
  }
  if (commit !== null) return commit.breaking || Boolean(config.types[commit.type ?? ""]?.section);
  if (config.unconventional === "fail") {
    const r = raw();
    throw new RelnotesError(
      `commit ${r.sha.slice(0, 12)}${service ? ` (${service})` : ""} is not a Conventional ` +
        `Commit: "${subjectOf(r)}"`,
      'reword it (type(scope): subject), or set commits.unconventional to "skip" or "keep"',
    );
  }
  return config.unconventional === "keep";
}

/** Kept commit `k` parsed for rendering, as CommitSelection would have kept it. */
export function keptCommit(history: WholeHistory, k: number): ConventionalCommit {
  const raw = history.kept.raw(k, history.graph);
  const c = classifyCommit(raw, history.merges);
  const commit = c.kind === "conventional" ? c.commit : asUnconventional(raw);
  if (commit.pr === null) commit.pr = history.pullRequests.get(history.kept.idOf(k)) ?? null;
  return commit;
}

function recordRaw(r: CommitRecord): RawCommit {
  const parents = r.data.toString("latin1", r.parents, r.parentsEnd);
  return {
    sha: r.data.toString("latin1", r.sha, r.shaEnd),
    parents: parents ? parents.split(" ") : [],
    authorName: r.data.toString("utf8", r.author, r.authorEnd),
    authorEmail: "",
    date: r.data.toString("utf8", r.date, r.dateEnd),
    message: r.data.toString("utf8", r.message, r.end),
  };
}

function countParents(r: CommitRecord): number {
  if (r.parentsEnd === r.parents) return 0;
  let n = 1;
  for (let i = r.parents; i < r.parentsEnd; i++) if (r.data[i] === 32) n++;
  return n;
}

/**
 * Read the history reachable from `tips` for a whole changelog: the commit
 * graph, the commits `paths` limits the changelog to that it shows, and the
 * pull request numbers of merges. Without paths one `git log` gives all of it
 * (its parents are the graph, its merges the PR numbers); with paths, the
 * path-limited `git log` runs beside a `git rev-list --parents` for the graph,
 * then, only when the history has merge commits, one log of those merges.
 */
export async function readWholeHistory(
  git: Git,
  config: ResolvedConfig["commits"],
  service: string | null,
  tips: readonly string[],
  paths: readonly string[],
): Promise<WholeHistory> {
  const graph = new HistoryGraph();
  const kept = new KeptCommits();
  const mergePrs: [number, number][] = [];
  const noMerges = config.merges === "skip";
  const query = { revisions: [], stdinRevisions: [...tips], paths, noMerges: noMerges && paths.length > 0 };
  const keep = (id: number, r: CommitRecord, parentCount: number) => {
    // Decode up to the first empty line: the header (and the subject) end there at the latest.
    const message = r.data.subarray(r.message, r.end);
    const blank = message.indexOf(EMPTY_LINE);
    const head = message.toString("utf8", 0, blank === -1 ? message.length : blank + 1);
    const breaking = () => message.includes("BREAKING");
    if (showsInChangelog(config, service, head, parentCount, breaking, () => recordRaw(r))) kept.add(id, r);
  };
  if (paths.length === 0) {
    await streamCommitRecords(git, query, (r) => {
      const id = graph.add(r.data, r.sha, r.shaEnd - r.sha, r.parents, r.parentsEnd);
      const parentCount = graph.parentCountOf(id);
      if (parentCount > 1) {
        const pr = mergeRequestNumber(r.data.toString("utf8", r.message, r.end));
        if (pr !== null) mergePrs.push([id, pr]);
      }
      keep(id, r, parentCount);
    });
  } else {
    await Promise.all([
      streamGraphLines(git, tips, (data, start, end) => {
        const space = data.indexOf(32, start);
        const shaEnd = space === -1 || space > end ? end : space;
        graph.add(data, start, shaEnd - start, shaEnd + 1, end);
      }),
      streamCommitRecords(git, query, (r) => keep(graph.idOf(r.data, r.sha, r.shaEnd - r.sha), r, countParents(r))),
    ]);
  }
  graph.finish();
  const keptIndex = new Int32Array(graph.size).fill(-1);
  for (let k = 0; k < kept.count; k++) keptIndex[kept.idOf(k)] = k;
  if (paths.length > 0) await mergeNumbers(git, graph, mergePrs);
  return { graph, kept, keptIndex, pullRequests: attribute(graph, mergePrs), merges: config.merges };
}

/** The PR numbers of the graph's merges (one `git log --no-walk` of just those), in topological order. */
async function mergeNumbers(git: Git, graph: HistoryGraph, out: [number, number][]): Promise<void> {
  const merges: string[] = [];
  for (let p = 0; p < graph.commitCount; p++) {
    const id = graph.idAt(p);
    if (graph.parentCountOf(id) > 1) merges.push(graph.ids.hex(id));
  }
  if (merges.length === 0) return;
  await streamCommits(
    git,
    { revisions: [], stdinRevisions: merges, paths: [], noMerges: false, noWalk: true },
    (raw) => {
      const pr = mergeRequestNumber(raw.message);
      if (pr !== null && raw.parents.length > 1) out.push([graph.ids.numberOfHex(raw.sha), pr]);
    },
  );
}

/**
 * Which pull request brought each commit in (src/history/merge-prs.ts): the
 * commits reachable from a merge's other parents and not from its first
 * parent; the innermost (oldest) merge wins for a commit merged twice.
 */
function attribute(graph: HistoryGraph, merges: [number, number][]): Map<number, number> {
  const numbers = new Map<number, number>();
  // Deepest first: the reverse of the topological order `git rev-list --topo-order` prints.
  const ordered = merges
    .filter(([id]) => graph.isWalked(id))
    .sort((a, b) => graph.positionOf(b[0]) - graph.positionOf(a[0]));
  for (const [id, pr] of ordered) {
    const [first, ...others] = graph.parentsOf(id);
    if (first === undefined) continue;
    for (const c of graph.only(others, [first])) if (!numbers.has(c)) numbers.set(c, pr);
  }
  return numbers;
}
