// Types for the benchmark harness (plain ESM JavaScript so it runs without a TS loader).
export interface BenchOptions {
  sizes: number[];
  /** null: 5 repetitions, 3 at 1,000,000 commits. */
  reps: number | null;
  timeout: number;
  seed: number;
  out: string;
  warmup: number;
  cliffMax: number;
  small: number;
  /** Rounds of the start-up measurements (default 20). */
  startupReps: number;
  /** Start-up rows run the npm-packed package installed in a temp project, or this checkout's dist/cli.js. */
  cli: "packed" | "dist";
  note: string | null;
  /** Tag densities (a tag every N commits) of the changelog rows at 100,000 commits and above. */
  tagEvery: number[];
}

export interface Measurement {
  label?: string;
  ms: number | null;
  rssKB: number | null;
  outBytes: number | null;
  n: number;
  timedOut: number | null;
  failure: string | null;
  skipped: string | null;
}

export interface BenchResult {
  table: string;
  /** The everyday commands on the small repository against `node -e 0`. */
  startupTable: string;
  doc: string;
  rows: { size: number; reps: number; meta: Record<string, unknown>; m: Record<string, Measurement> }[];
  global: Record<string, unknown>;
  machine: Record<string, string | number>;
}

export function parseOptions(argv: string[]): BenchOptions;
export function runBench(options: BenchOptions, io?: { log?: (line: string) => void }): Promise<BenchResult>;
export function renderTable(rows: BenchResult["rows"], global: BenchResult["global"], info: { small: number }): string;
export function renderStartupTable(startup: unknown): string;
export const STARTUP_TARGET: number;
export const CHANGELOG_TARGET: number;
export const MEMORY_TARGET_MB: number;
export function cliffToml(tagPrefix: string): string;
