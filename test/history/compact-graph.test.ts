import { afterAll, describe, expect, it } from "vitest";
import { streamGraphLines } from "../../src/git/graph.js";
import { streamCommitRecords } from "../../src/git/log.js";
import { Git } from "../../src/git/run.js";
import { HistoryGraph } from "../../src/history/compact-graph.js";
import { hasBit } from "../../src/history/graph.js";
import { graphRepo, type GraphCommit } from "../helpers/graph-repo.js";
import { BASE_EPOCH, cleanupTemp, gitIn } from "../helpers/repo.js";

afterAll(cleanupTemp);

/**
 * A deterministic pseudo-random history: branches forking from anywhere, merges (octopus too) of
 * anything older, and commit times that repeat and run backwards (clock skew), which is where
 * git's walk order and its topological sort stop being the plain commit order.
 */
function randomHistory(seed: number, size: number): GraphCommit[] {
  let state = seed;
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const commits: GraphCommit[] = [{ id: "n0", branch: "b0", message: "c0", files: { f: "0" }, time: BASE_EPOCH }];
  for (let i = 1; i < size; i++) {
    const parents = [`n${rand(i)}`];
    const roll = rand(10);
    if (i > 2 && roll < 3) parents.push(`n${rand(i)}`);
    if (i > 5 && roll === 0) parents.push(`n${rand(i)}`);
    const unique = parents.filter((p, k, all) => all.indexOf(p) === k);
    // Same second as others (a rebase), or an hour early (skew), or in order.
    const skew = rand(6);
    const time = BASE_EPOCH + (skew === 0 ? i * 60 - 3600 : skew === 1 ? 600 * Math.floor(i / 10) : i * 60);
    commits.push({ id: `n${i}`, branch: `b${i}`, parents: unique, message: `c${i}`, files: { f: String(i) }, time });
  }
  return commits;
}

async function readGraph(git: Git, tips: string[]): Promise<HistoryGraph> {
  const graph = new HistoryGraph();
  await streamGraphLines(git, tips, (data, start, end) => {
    const space = data.indexOf(32, start);
    const shaEnd = space === -1 || space > end ? end : space;
    graph.add(data, start, shaEnd - start, shaEnd + 1, end);
  });
  graph.finish();
  return graph;
}

describe("the whole-history graph (typed arrays) answers like git", () => {
  for (const seed of [1, 7, 42, 1234]) {
    it(`topological order, reachable-from-A-not-from-B and ancestry (history seed ${seed})`, async () => {
      const commits = randomHistory(seed, 60);
      const r = graphRepo({ commits, tags: [], head: "b0" });
      const shas = commits.map((c) => r.shaOf(c.id));
      // Many tips in a mixed order, as a changelog passes HEAD and every release.
      const tips = shas.filter((_, i) => i % 4 === 1 || i === shas.length - 1).reverse();
      const graph = await readGraph(new Git(r.dir), tips);
      const id = (sha: string) => graph.ids.numberOfHex(sha);

      const topo = gitIn(r.dir, ["rev-list", "--topo-order", "--stdin"], `${[...new Set(tips)].join("\n")}\n`)
        .split("\n")
        .filter(Boolean);
      expect(Array.from({ length: graph.commitCount }, (_, p) => graph.ids.hex(graph.idAt(p)))).toEqual(topo);
      // Fed from `git log` (the single package's one walk) instead: the same walk, so the same order.
      const fromLog = new HistoryGraph();
      await streamCommitRecords(
        new Git(r.dir),
        { revisions: [], stdinRevisions: tips, paths: [], noMerges: false },
        (c) => fromLog.add(c.data, c.sha, c.shaEnd - c.sha, c.parents, c.parentsEnd),
      );
      fromLog.finish();
      expect(Array.from({ length: fromLog.commitCount }, (_, p) => fromLog.ids.hex(fromLog.idAt(p)))).toEqual(topo);

      const marks = shas.filter((_, i) => i % 3 === 0);
      const reach = graph.reachableMarks(marks.map(id), topo.map(id));
      for (let k = 0; k < 12; k++) {
        const a = topo[(k * 7 + seed) % topo.length]!;
        const b = topo[(k * 11 + 3 * seed) % topo.length]!;
        const expected = gitIn(r.dir, ["rev-list", a, `^${b}`])
          .split("\n")
          .filter(Boolean)
          .sort();
        expect(
          graph
            .only([id(a)], [id(b)])
            .map((n) => graph.ids.hex(n))
            .sort(),
        ).toEqual(expected);
        const ancestors = new Set(gitIn(r.dir, ["rev-list", a]).split("\n").filter(Boolean));
        for (const [i, m] of marks.entries()) {
          if (!graph.isWalked(id(m))) continue;
          expect({ m, a, reachable: hasBit(reach.get(id(a))!, i) }).toEqual({ m, a, reachable: ancestors.has(m) });
        }
      }
    });
  }

  it("numbers ids without strings and finds them again after the table grows", () => {
    const graph = new HistoryGraph();
    const hex = (i: number) => (i * 2654435761).toString(16).padStart(8, "0").repeat(5).slice(0, 40);
    for (let i = 0; i < 20_000; i++) {
      const line = Buffer.from(`${hex(i)}${i > 0 ? ` ${hex(i - 1)}` : ""}`);
      const sp = line.indexOf(32);
      graph.add(line, 0, 40, sp === -1 ? 40 : sp + 1, line.length);
    }
    graph.finish();
    expect(graph.commitCount).toBe(20_000);
    for (const i of [0, 1, 4095, 4096, 19_999]) {
      const n = graph.ids.numberOfHex(hex(i));
      expect(graph.ids.hex(n)).toBe(hex(i));
      expect(graph.positionOf(n)).toBe(19_999 - i);
    }
    expect(graph.ids.numberOfHex("f".repeat(40))).toBe(-1);
    // What rendering still reads once the questions are asked: ids and parents, nothing else.
    const last = graph.ids.numberOfHex(hex(19_999));
    graph.keepOnlyCommits();
    expect(graph.ids.hex(last)).toBe(hex(19_999));
    expect(graph.parentsOf(last).map((p) => graph.ids.hex(p))).toEqual([hex(19_998)]);
    expect(graph.ids.numberOfHex(hex(5))).toBe(-1);
    expect(() => graph.only([last], [])).toThrow(/keepOnlyCommits/);
  });
});
