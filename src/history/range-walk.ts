/** A min-heap of numbers: graph positions, where a lower position is nearer the tips in topological order. */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (a[up]! <= value) break;
      a[i] = a[up]!;
      i = up;
    }
    a[i] = value;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

const INCLUDED = 1;
const EXCLUDED = 2;

/**
 * The positions reachable from `include` and not from `exclude` (git's
 * `include ^exclude`), nearest first, in a graph numbered in topological order
 * (children before parents): paints both sides from the tips and stops as soon
 * as only excluded commits are left to visit. `parents(p, visit)` calls `visit`
 * with the position of each parent of `p` that is in the graph.
 */
export function rangeWalk(
  include: readonly number[],
  exclude: readonly number[],
  parents: (position: number, visit: (parent: number) => void) => void,
): number[] {
  const flags = new Map<number, number>();
  const heap = new MinHeap();
  let interesting = 0;
  const mark = (p: number, flag: number): void => {
    const current = flags.get(p);
    if (current === undefined) {
      flags.set(p, flag);
      heap.push(p);
      if (flag === INCLUDED) interesting++;
    } else if ((current | flag) !== current) {
      if (current === INCLUDED) interesting--;
      flags.set(p, current | flag);
    }
  };
  for (const p of exclude) mark(p, EXCLUDED);
  for (const p of include) mark(p, INCLUDED);
  const out: number[] = [];
  while (heap.size > 0 && interesting > 0) {
    const p = heap.pop();
    const flag = flags.get(p)!;
    if (flag === INCLUDED) {
      interesting--;
      out.push(p);
    }
    // Children come before parents, so a commit's flags are final when it is popped.
    const next = flag === INCLUDED ? INCLUDED : EXCLUDED;
    parents(p, (parent) => mark(parent, next));
  }
  return out;
}
