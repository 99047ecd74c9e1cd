import { afterAll, describe, expect, it } from "vitest";
import { Git } from "../../src/git/run.js";
import { CommitGraph, hasBit } from "../../src/history/graph.js";
import { graphRepo, type GraphCommit } from "../helpers/graph-repo.js";
import { cleanupTemp, gitIn } from "../helpers/repo.js";

afterAll(cleanupTemp);

/** A deterministic pseudo-random history: branches forking from anywhere, merges of anything older. */
function randomHistory(seed: number, size: number): GraphCommit[] {
  let state = seed;
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const commits: GraphCommit[] = [{ id: "n0", branch: "b0", message: "c0", files: { f: "0" } }];
  for (let i = 1; i < size; i++) {
    const first = `n${rand(i)}`;
    const parents =
      rand(4) === 0 && i > 2 ? [first, `n${rand(i)}`].filter((p, k, all) => all.indexOf(p) === k) : [first];
    commits.push({ id: `n${i}`, branch: `b${i}`, parents, message: `c${i}`, files: { f: String(i) } });
  }
  return commits;
}

describe("the in-memory commit graph answers like git", () => {
  for (const seed of [1, 7, 42]) {
    it(`reachable-from-A-not-from-B and ancestry (history seed ${seed})`, async () => {
      const commits = randomHistory(seed, 40);
      const r = graphRepo({ commits, tags: [], head: "b0" });
      const shas = commits.map((c) => r.shaOf(c.id));
      const graph = await CommitGraph.read(new Git(r.dir), shas);
      const marks = shas.filter((_, i) => i % 3 === 0);
      const reach = graph.reachableMarks(marks, shas);
      for (let k = 0; k < 12; k++) {
        const a = shas[(k * 7 + seed) % shas.length]!;
        const b = shas[(k * 11 + 3 * seed) % shas.length]!;
        const expected = gitIn(r.dir, ["rev-list", a, `^${b}`])
          .split("\n")
          .filter(Boolean)
          .sort();
        expect([...graph.only([a], [b])].sort()).toEqual(expected);
        const ancestors = new Set(gitIn(r.dir, ["rev-list", a]).split("\n").filter(Boolean));
        for (const [i, m] of marks.entries()) {
          expect({ m, a, reachable: hasBit(reach.get(a)!, i) }).toEqual({ m, a, reachable: ancestors.has(m) });
        }
      }
    });
  }
});
