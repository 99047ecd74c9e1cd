import { streamGraph } from "../git/graph.js";
import type { Git } from "../git/run.js";
import { rangeWalk } from "./range-walk.js";

/**
 * A commit graph held in memory, read with one `git rev-list --topo-order`:
 * answers "is A an ancestor of B" and "what is reachable from A and not from
 * B" for many pairs without another git process.
 */
export class CommitGraph {
  private readonly position = new Map<string, number>();
  private readonly shas: string[] = [];
  private parents: number[][] = [];
  /** Merge commits (more than one parent), nearest first. */
  readonly merges: string[] = [];

  private constructor() {}

  /** Read the graph reachable from `tips` and not from `exclude`. */
  static async read(git: Git, tips: readonly string[], exclude: readonly string[] = []): Promise<CommitGraph> {
    const graph = new CommitGraph();
    const parentShas: string[][] = [];
    await streamGraph(git, tips, exclude, (sha, parents) => {
      graph.position.set(sha, graph.shas.length);
      graph.shas.push(sha);
      parentShas.push(parents);
      if (parents.length > 1) graph.merges.push(sha);
    });
    graph.parents = parentShas.map((list) =>
      list.map((p) => graph.position.get(p)).filter((p): p is number => p !== undefined),
    );
    return graph;
  }

  has(sha: string): boolean {
    return this.position.has(sha);
  }

  get commits(): readonly string[] {
    return this.shas;
  }

  /**
   * Commits reachable from `include` and not from `exclude`, nearest first
   * (git's `include ^exclude`): paints both sides in topological order and
   * stops as soon as only excluded commits are left to visit.
   */
  only(include: readonly string[], exclude: readonly string[]): string[] {
    const at = (shas: readonly string[]) => shas.flatMap((sha) => this.position.get(sha) ?? []);
    return rangeWalk(at(include), at(exclude), (p, visit) => {
      for (const parent of this.parents[p]!) visit(parent);
    }).map((p) => this.shas[p]!);
  }

  /**
   * For each of `targets` (commits in the graph), which of `marks` are
   * ancestors of it or the commit itself: bit i of the result is set when
   * `marks[i]` is reachable from the target. One pass over the graph from
   * the roots up; commits with one parent and no mark share their parent's set.
   */
  reachableMarks(marks: readonly string[], targets: readonly string[]): Map<string, Uint32Array> {
    const words = Math.max(1, Math.ceil(marks.length / 32));
    const own = new Map<number, number[]>();
    marks.forEach((sha, i) => {
      const p = this.position.get(sha);
      if (p === undefined) return;
      const list = own.get(p) ?? [];
      list.push(i);
      own.set(p, list);
    });
    const empty = new Uint32Array(words);
    const sets: Uint32Array[] = new Array<Uint32Array>(this.shas.length);
    for (let p = this.shas.length - 1; p >= 0; p--) {
      const parents = this.parents[p]!;
      const bits = own.get(p);
      let set = parents.length === 0 ? empty : sets[parents[0]!]!;
      if (parents.length > 1 || bits) {
        const merged = new Uint32Array(set);
        for (let k = 1; k < parents.length; k++) {
          const other = sets[parents[k]!]!;
          if (other !== set) for (let w = 0; w < words; w++) merged[w] = merged[w]! | other[w]!;
        }
        for (const i of bits ?? []) merged[i >> 5] = merged[i >> 5]! | (1 << (i & 31));
        set = merged;
      }
      sets[p] = set;
    }
    const result = new Map<string, Uint32Array>();
    for (const sha of targets) {
      const p = this.position.get(sha);
      result.set(sha, p === undefined ? empty : sets[p]!);
    }
    return result;
  }
}

/** True when bit `i` is set. */
export function hasBit(set: Uint32Array, i: number): boolean {
  return ((set[i >> 5] ?? 0) & (1 << (i & 31))) !== 0;
}
