import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchResult } from "../../bench/run.mjs";
import { cleanupTemp, tempDir } from "../helpers/repo.js";

// Smoke test only: the harness runs end to end on the 10,000-commit size and
// produces the table. Timings are the benchmark's business, never asserted here.
describe("bench harness (10,000 commits, 1 rep)", () => {
  let result: BenchResult;
  let out: string;

  beforeAll(async () => {
    const cache = tempDir("relnotes-bench-smoke-");
    process.env.RELNOTES_BENCH_CACHE = cache;
    out = join(cache, "RESULTS.md");
    const { parseOptions, runBench } = await import("../../bench/run.mjs");
    // dist/cli.js, not the packed package: npm install would need the registry, and tests stay offline.
    const options = parseOptions([
      "--sizes",
      "10000",
      "--reps",
      "1",
      "--startup-reps",
      "2",
      "--warmup",
      "0",
      "--timeout",
      "20",
      "--cli",
      "dist",
      "--out",
      out,
    ]);
    result = await runBench(options, { log: () => {} });
  }, 90_000);

  afterAll(() => {
    delete process.env.RELNOTES_BENCH_CACHE;
    cleanupTemp();
  });

  const DURATION = /^\d+(\.\d+)? (ms|s)$/;
  const cells = (line: string) =>
    line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
  const row = (needle: string) => {
    const line = result.table.split("\n").find((l) => l.includes(needle));
    expect(line, `a row for ${needle}`).toBeDefined();
    return cells(line!);
  };

  it("has a row per measurement, with medians where relnotes ran", () => {
    const header = cells(result.table.split("\n")[0]!);
    expect(header).toEqual([
      "commits",
      "tags",
      "measurement",
      "relnotes",
      "floor (git log)",
      "relnotes / floor",
      "git-cliff",
      "relnotes / git-cliff",
      "peak memory (relnotes / floor / git-cliff)",
      "target",
    ]);
    const preview = row("`preview api --json` (since api/v");
    expect(preview[0]).toBe("10,000");
    expect(preview[3]).toMatch(DURATION);
    expect(preview[4]).toMatch(DURATION);
    expect(preview[5]).toMatch(/^\d+\.\d\d×$/);
    expect(preview[8]).toMatch(/^\d+ MB \(node \d+ MB\) \/ \d+ MB$/);
    for (const needle of ["`changelog api` full history", "`changelog` single package"]) {
      const r = row(needle);
      // The changelog command may not be built yet: then the row says so instead of a time.
      expect(r[3]).toMatch(/^(\d+(\.\d+)? (ms|s)|n\/a \(no changelog command yet\))$/);
      expect(r[4]).toMatch(DURATION);
    }
    const cliff = row("`changelog api` full history")[6];
    expect(cliff).toMatch(/^(\d+(\.\d+)? (ms|s)|> 20 s|not installed)$/);
  });

  it("has a start-up row per everyday command, against node -e 0", () => {
    const lines = result.startupTable.split("\n");
    expect(cells(lines[0]!)).toEqual([
      "command",
      "relnotes",
      "`node -e 0`",
      "relnotes / node (median of paired runs)",
      "CPU: relnotes / node (mean, with git)",
      "peak memory",
      "target (wall-clock ratio)",
    ]);
    const commands = lines.slice(2).map((l) => cells(l)[0]);
    for (const c of [
      "--version",
      "check --message COMMIT_EDITMSG",
      "version api",
      "verify-tag api/v",
      "preview api",
      "preview api --json",
    ]) {
      expect(
        commands.some((x) => x!.startsWith(`\`relnotes ${c}`)),
        c,
      ).toBe(true);
    }
    for (const line of lines.slice(2)) {
      const r = cells(line);
      // Every command ran (a failure would show "failed (…)"); the ratio and the target are computed, never asserted.
      expect(r[1], r[0]).toMatch(DURATION);
      expect(r[2]).toMatch(DURATION);
      expect(r[3]).toMatch(/^\d+\.\d\d×$/);
      expect(r[4]).toMatch(/^(\d+\.\d\d× \(\d+ \/ \d+ ms\)|—)$/);
      expect(r[6]).toMatch(/^≤ 1\.5× node (✅|❌)$/);
    }
  });

  it("writes RESULTS.md with the table and the machine description", () => {
    const doc = readFileSync(out, "utf8");
    expect(doc).toContain(result.table);
    expect(doc).toContain(result.startupTable);
    expect(doc).toContain("this checkout's `node dist/cli.js`");
    for (const key of ["| CPU |", "| cores |", "| memory |", "| node |", "| git |", "| git-cliff |", "| date |"])
      expect(doc).toContain(key);
    expect(doc).toContain(`| node | ${process.version} |`);
  });
});
