import { rangeWalk } from "./range-walk.js";

/**
 * A whole history's commit graph in typed arrays, for walks of millions of
 * commits: commit ids are numbered in the order they are first named (as a
 * commit or as a parent) and held as bytes (20 per SHA-1 id, 32 per SHA-256),
 * parents as numbers. About 40 bytes a commit, no string per commit, nothing
 * for the garbage collector to trace.
 */

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[97 + i] = 10 + i;
  HEX[65 + i] = 10 + i;
}

/** A growable Int32Array. */
class Int32List {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length++] = value;
  }
  grow(capacity: number): void {
    const next = new Int32Array(Math.max(capacity, 16));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** Commit ids (hex object names) numbered 0, 1, 2… in the order they are first looked up. */
export class CommitIds {
  /** Bytes per id: 20 (SHA-1) or 32 (SHA-256), from the first id seen. */
  private width = 0;
  private bytes = new Uint8Array(0);
  private table = new Int32Array(1 << 12).fill(-1);
  private readonly scratch = new Uint8Array(64);
  private lookupsDropped = false;
  count = 0;

  /** The number of `hex` (`length` hex digits at `data[at]`), numbering it when new; -1 for what is not hex. */
  numberOf(data: Uint8Array, at: number, length: number, insert = true): number {
    if (this.width === 0) {
      if (length !== 40 && length !== 64) return -1;
      this.width = length / 2;
      this.bytes = new Uint8Array(this.width * 4096);
    }
    const w = this.width;
    if (length !== w * 2) return -1;
    const key = this.scratch;
    for (let i = 0; i < w; i++) {
      const hi = HEX[data[at + 2 * i]!]!;
      const lo = HEX[data[at + 2 * i + 1]!]!;
      if (hi < 0 || lo < 0) return -1;
      key[i] = (hi << 4) | lo;
    }
    const mask = this.table.length - 1;
    // Object names are uniformly distributed: their first bytes are a good hash.
    let slot = ((key[0]! << 24) | (key[1]! << 16) | (key[2]! << 8) | key[3]!) & mask;
    for (;;) {
      const n = this.table[slot]!;
      if (n === -1) break;
      if (this.equals(n, key)) return n;
      slot = (slot + 1) & mask;
    }
    if (!insert) return -1;
    if (this.lookupsDropped) throw new Error("commit ids can no longer be numbered: the lookup table was let go");
    const n = this.count++;
    if ((n + 1) * w > this.bytes.length) {
      const next = new Uint8Array(this.bytes.length * 2);
      next.set(this.bytes);
      this.bytes = next;
    }
    this.bytes.set(key.subarray(0, w), n * w);
    this.table[slot] = n;
    if (this.count * 2 > this.table.length) this.rehash();
    return n;
  }

  /** The number of a hex id given as a string; -1 when it was never named (or with `insert`, numbered now). */
  numberOfHex(hex: string, insert = false): number {
    const data = Buffer.from(hex, "latin1");
    return this.numberOf(data, 0, data.length, insert);
  }

  /**
   * Keep only what `hex` needs: lookups by hex (numberOf, numberOfHex) answer
   * -1 from now on. For a walk whose questions are all asked.
   */
  dropLookups(): void {
    this.table = new Int32Array(1).fill(-1);
    this.lookupsDropped = true;
  }

  /** The hex id of number `n`. */
  hex(n: number): string {
    const w = this.width;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + n * w, w).toString("hex");
  }

  private equals(n: number, key: Uint8Array): boolean {
    const w = this.width;
    const base = n * w;
    for (let i = 0; i < w; i++) if (this.bytes[base + i] !== key[i]) return false;
    return true;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    const w = this.width;
    for (let n = 0; n < this.count; n++) {
      const b = n * w;
      const bytes = this.bytes;
      let slot = ((bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!) & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = n;
    }
    this.table = table;
  }
}

/**
 * The graph of one walk, fed commit by commit in the order git's revision
 * walk visits them (`git rev-list` or `git log` without `--topo-order`: by
 * commit date, parents after a child). `finish()` then numbers the commits in
 * the order `git rev-list --topo-order` prints them (git's own sort of the
 * walked list, repeated here), so the walk needs no second process for it.
 */
export class HistoryGraph {
  readonly ids = new CommitIds();
  /** Per id: where its parents start in `pool`, -1 for an id not (yet) walked. */
  private parentStart = new Int32Array(4096).fill(-1);
  private parentCount = new Int32Array(4096);
  private readonly pool = new Int32List(8192);
  /** Walked ids in walk order. */
  private walked = new Int32List(4096);
  private walkedCount = 0;
  /** Per id: topological position (children first); per position: the id. */
  private position = new Int32Array(0);
  private byPosition = new Int32Array(0);
  private finished = false;
  private answersDropped = false;

  /** Ids seen so far (walked, or named as a parent, or looked up with insert). */
  get size(): number {
    return this.ids.count;
  }

  /** Number of an id in `data[at, at + length)`, numbering it when new (for a commit a log names before the walk does). */
  idOf(data: Uint8Array, at: number, length: number): number {
    const n = this.ids.numberOf(data, at, length);
    this.fit(n);
    return n;
  }

  /**
   * A walked commit: its id at `data[at, at + length)` and its parents, hex
   * ids separated by single spaces in `data[parentsAt, parentsEnd)`. Returns its number.
   */
  add(data: Uint8Array, at: number, length: number, parentsAt: number, parentsEnd: number): number {
    const n = this.idOf(data, at, length);
    if (n < 0) throw new Error(`not an object name: ${Buffer.from(data.subarray(at, at + length)).toString()}`);
    if (this.parentStart[n] !== -1) return n;
    const start = this.pool.length;
    let count = 0;
    let p = parentsAt;
    while (p < parentsEnd) {
      let e = p;
      while (e < parentsEnd && data[e] !== 32) e++;
      if (e > p) {
        const parent = this.idOf(data, p, e - p);
        if (parent < 0) throw new Error(`not an object name: ${Buffer.from(data.subarray(p, e)).toString()}`);
        this.pool.push(parent);
        count++;
      }
      p = e + 1;
    }
    this.parentStart[n] = start;
    this.parentCount[n] = count;
    this.walked.push(n);
    this.walkedCount++;
    return n;
  }

  /** True when `n` was walked (not only named). */
  isWalked(n: number): boolean {
    return n >= 0 && n < this.ids.count && this.parentStart[n] !== -1;
  }

  /** The walked parents of `n`, in order. */
  parentsOf(n: number): number[] {
    const out: number[] = [];
    const start = this.parentStart[n]!;
    if (start === -1) return out;
    for (let k = 0; k < this.parentCount[n]!; k++) out.push(this.pool.data[start + k]!);
    return out;
  }

  /** Number of parents `n` was walked with (0 for a root or a commit not walked). */
  parentCountOf(n: number): number {
    return this.parentStart[n] === -1 ? 0 : this.parentCount[n]!;
  }

  /** Walked commits, in topological order once finished (children first). */
  get commitCount(): number {
    return this.walkedCount;
  }

  /** Topological position of walked commit `n` (children first), after `finish()`. */
  positionOf(n: number): number {
    return this.position[n]!;
  }

  /** Ids in topological order (children first), after `finish()`. */
  idAt(position: number): number {
    return this.byPosition[position]!;
  }

  /**
   * Number the walked commits in topological order as `git rev-list
   * --topo-order` does for the same walk (commit.c, sort_in_topological_order,
   * graph order): the walked list's tips first, in walk order, each followed
   * depth-first by the parents whose children have all been shown, last
   * parent first.
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const n = this.ids.count;
    const walked = this.walked.data;
    const count = this.walked.length;
    const pool = this.pool.data;
    const indegree = new Int32Array(n);
    for (let i = 0; i < count; i++) indegree[walked[i]!] = 1;
    for (let i = 0; i < count; i++) {
      const c = walked[i]!;
      const start = this.parentStart[c]!;
      for (let k = 0; k < this.parentCount[c]!; k++) {
        const p = pool[start + k]!;
        if (indegree[p] !== 0) indegree[p]!++;
      }
    }
    const stack = new Int32Array(count);
    let top = 0;
    for (let i = count - 1; i >= 0; i--) if (indegree[walked[i]!] === 1) stack[top++] = walked[i]!;
    this.position = new Int32Array(n).fill(-1);
    this.byPosition = new Int32Array(count);
    let next = 0;
    while (top > 0) {
      const c = stack[--top]!;
      const start = this.parentStart[c]!;
      for (let k = 0; k < this.parentCount[c]!; k++) {
        const p = pool[start + k]!;
        if (indegree[p] === 0) continue;
        if (--indegree[p]! === 1) stack[top++] = p;
      }
      indegree[c] = 0;
      this.position[c] = next;
      this.byPosition[next++] = c;
    }
    if (next !== count) throw new Error(`the commit graph has a cycle (${count - next} commits left unsorted)`);
    // Walk order is not asked for again: positions say all of it.
    this.walked = new Int32List(1);
  }

  /**
   * Keep only each commit's id and parents (`ids.hex`, `parentsOf`,
   * `parentCountOf`, `isWalked`): the lookup table and the topological
   * numbering go, and with them `only`, `reachableMarks` and lookups by hex.
   * About half the graph's memory, for a caller that has asked its questions.
   */
  keepOnlyCommits(): void {
    this.finish();
    this.ids.dropLookups();
    this.position = new Int32Array(0);
    this.byPosition = new Int32Array(0);
    this.answersDropped = true;
  }

  private fit(n: number): void {
    if (n < this.parentStart.length) return;
    const size = Math.max(n + 1, this.parentStart.length * 2);
    const start = new Int32Array(size).fill(-1);
    start.set(this.parentStart);
    this.parentStart = start;
    const counts = new Int32Array(size);
    counts.set(this.parentCount);
    this.parentCount = counts;
  }

  /**
   * Walked commits reachable from `include` and not from `exclude` (git's
   * `include ^exclude`), in topological order: paints both sides position by
   * position and stops as soon as only excluded commits are left to visit.
   */
  only(include: readonly number[], exclude: readonly number[]): number[] {
    this.finish();
    if (this.answersDropped) throw new Error("only() after keepOnlyCommits()");
    const at = (commits: readonly number[]) => commits.filter((c) => this.isWalked(c)).map((c) => this.position[c]!);
    const pool = this.pool.data;
    return rangeWalk(at(include), at(exclude), (p, visit) => {
      const c = this.byPosition[p]!;
      const start = this.parentStart[c]!;
      for (let k = 0; k < this.parentCount[c]!; k++) {
        const parent = pool[start + k]!;
        if (this.parentStart[parent] !== -1) visit(this.position[parent]!);
      }
    }).map((p) => this.byPosition[p]!);
  }

  /**
   * For each of `targets` (walked commits), which of `marks` are ancestors of
   * it or the commit itself: bit i of the result is set when `marks[i]` is
   * reachable from the target. One pass over the graph from the roots up;
   * commits with one parent and no mark share their parent's set.
   */
  reachableMarks(marks: readonly number[], targets: readonly number[]): Map<number, Uint32Array> {
    const result = new Map<number, Uint32Array>();
    this.forEachReach(marks, targets, (target, set) => result.set(target, set));
    return result;
  }

  /**
   * `reachableMarks` one target at a time: `onTarget(target, set)` is called
   * once per distinct target as the pass reaches it (`set` is not to be kept
   * or changed), and a set is let go as soon as no commit still to be visited
   * needs it, so memory follows the width of the graph, not the number of
   * marks times the number of targets (23,000 tags: 66 MB of sets held).
   */
  forEachReach(
    marks: readonly number[],
    targets: readonly number[],
    onTarget: (target: number, set: Uint32Array) => void,
  ): void {
    this.finish();
    if (this.answersDropped) throw new Error("reachableMarks() after keepOnlyCommits()");
    const words = Math.max(1, Math.ceil(marks.length / 32));
    const own = new Map<number, number[]>();
    marks.forEach((c, i) => {
      if (!this.isWalked(c)) return;
      const list = own.get(c) ?? [];
      list.push(i);
      own.set(c, list);
    });
    const wanted = new Set(targets.filter((c) => this.isWalked(c)));
    const empty = new Uint32Array(words);
    const count = this.walkedCount;
    const pool = this.pool.data;
    // Children not visited yet, per position: a set goes when its last child has read it.
    const waiting = new Int32Array(count);
    for (let p = 0; p < count; p++) {
      const c = this.byPosition[p]!;
      const start = this.parentStart[c]!;
      for (let k = 0; k < this.parentCount[c]!; k++) {
        const parent = pool[start + k]!;
        if (this.parentStart[parent] !== -1) waiting[this.position[parent]!]!++;
      }
    }
    const sets: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(count);
    for (let p = count - 1; p >= 0; p--) {
      const c = this.byPosition[p]!;
      const start = this.parentStart[c]!;
      let first: Uint32Array | null = null;
      let merged: Uint32Array | null = null;
      for (let k = 0; k < this.parentCount[c]!; k++) {
        const parent = pool[start + k]!;
        if (this.parentStart[parent] === -1) continue;
        const at = this.position[parent]!;
        const set = sets[at]!;
        if (--waiting[at]! === 0) sets[at] = undefined;
        if (first === null) first = set;
        else if (set !== first) {
          merged ??= new Uint32Array(first);
          for (let w = 0; w < words; w++) merged[w] = merged[w]! | set[w]!;
        }
      }
      const bits = own.get(c);
      let set = merged ?? first ?? empty;
      if (bits) {
        if (merged === null) set = new Uint32Array(set);
        for (const i of bits) set[i >> 5] = set[i >> 5]! | (1 << (i & 31));
      }
      if (waiting[p]! > 0) sets[p] = set;
      if (wanted.has(c)) onTarget(c, set);
    }
    for (const c of targets) if (!this.isWalked(c)) onTarget(c, empty);
  }
}
