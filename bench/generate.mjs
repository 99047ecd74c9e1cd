// Deterministic history generator for the benchmark: a seeded PRNG drives a
// `git fast-import` stream written to git's stdin chunk by chunk, so a
// million-commit history never exists as one string.
//
//   node bench/generate.mjs --size 100000 [--seed 1] [--tag-every 120]   prints the repo path
//
// Repositories are cached outside the project, under
// ${RELNOTES_BENCH_CACHE:-${XDG_CACHE_HOME:-~/.cache}/relnotes-bench}/<size>-<seed>-g<GENERATOR>[-t<tag-every>],
// and reused when present (they are deterministic, so reuse is exact).
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Bump when the shape of generated histories changes: invalidates the cache. */
export const GENERATOR = 2;

export const BASE_EPOCH = 1_700_000_000; // 2023-11-14T22:13:20Z
export const AUTHORS = [
  "Ada Lovelace",
  "Grace Hopper",
  "Linus Torvalds",
  "Barbara Liskov",
  "Ken Thompson",
  "Margaret Hamilton",
  "Dennis Ritchie",
  "Frances Allen",
  "Edsger Dijkstra",
  "Radia Perlman",
  "Donald Knuth",
  "Sophie Wilson",
  "Guido van Rossum",
  "Anders Hejlsberg",
  "Rob Pike",
  "Katherine Johnson",
  "Leslie Lamport",
  "Mary Shaw",
];

/** Services of the monorepo, with their paths and the share of commits that touch them. */
export const SERVICES = [
  { name: "api", dir: "svc/api", paths: ["svc/api/", "pkg/"], weight: 22 },
  { name: "vault", dir: "svc/vault", paths: ["svc/vault/"], weight: 14 },
  { name: "cli", dir: "cmd/cli", paths: ["cmd/cli/"], weight: 10 },
  { name: "web", dir: "svc/web", paths: ["svc/web/"], weight: 10 },
  { name: "worker", dir: "svc/worker", paths: ["svc/worker/"], weight: 9 },
];
const SHARED = { dir: "pkg", weight: 15 }; // pkg/core, pkg/proto, pkg/util
const OTHER = { dirs: ["docs", "tools", ".github/workflows"], weight: 20 };
/** Tag namespaces and their share of tags: the root `v*` namespace (the single package) plus each service. */
const TAG_NAMESPACES = [
  { prefix: "v", weight: 45 },
  { prefix: "api/v", weight: 15 },
  { prefix: "vault/v", weight: 12 },
  { prefix: "cli/v", weight: 10 },
  { prefix: "web/v", weight: 9 },
  { prefix: "worker/v", weight: 9 },
];
/** Mean distance between tags, in commits: 1,000,000 commits give ~8,300 tags. `--tag-every` sets another. */
export const TAG_EVERY = 120;
/** The tag densities the benchmark measures (a tag every N commits on average). */
export const TAG_DENSITIES = [20, 120, 1000];

const TYPES = [
  ["feat", 28],
  ["fix", 30],
  ["chore", 10],
  ["refactor", 8],
  ["docs", 6],
  ["test", 5],
  ["perf", 3],
  ["ci", 3],
  ["build", 3],
  ["style", 2],
  ["revert", 2],
];
const SCOPES = [
  "keys",
  "auth",
  "http",
  "db",
  "cache",
  "config",
  "deps",
  "io",
  "metrics",
  "parser",
  "sync",
  "ui",
  null,
  null,
  null,
];
const VERBS = [
  "add",
  "support",
  "handle",
  "avoid",
  "fix",
  "remove",
  "rename",
  "speed up",
  "simplify",
  "document",
  "validate",
  "retry",
  "cache",
  "log",
  "expose",
  "drop",
];
const NOUNS = [
  "token refresh",
  "pagination cursor",
  "connection pool",
  "empty bodies",
  "rate limits",
  "TLS handshake",
  "key rotation",
  "JSON errors",
  "timeouts",
  "retry budget",
  "trailing slashes",
  "unicode names",
  "large uploads",
  "stale reads",
  "shutdown hooks",
  "metrics labels",
  "config reload",
  "lock contention",
  "batch writes",
  "schema migration",
];
const WORDS =
  "the a to of in for when with on and while after before request response handler client server cache value field record query result buffer stream error path user session".split(
    " ",
  );
const UNCONVENTIONAL = [
  "Update README",
  "WIP",
  "fix stuff",
  "Merge remote-tracking branch 'origin/main'",
  "Bump version",
  "typo",
  'Revert "oops"',
  "more fixes",
  "cleanup",
];

/** mulberry32: small, fast, good enough for shaping test data; identical output for a seed everywhere. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (arr) => arr[int(arr.length)];
  const weighted = (entries, weightOf) => {
    const total = entries.reduce((s, e) => s + weightOf(e), 0);
    let r = next() * total;
    for (const e of entries) {
      r -= weightOf(e);
      if (r < 0) return e;
    }
    return entries[entries.length - 1];
  };
  return { next, int, pick, weighted };
}

export function cacheRoot() {
  if (process.env.RELNOTES_BENCH_CACHE) return process.env.RELNOTES_BENCH_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "relnotes-bench");
}

/** The relnotes config of the generated monorepo (services, paths, changelogs). */
export function monorepoConfig() {
  const services = {};
  for (const s of SERVICES) services[s.name] = { paths: s.paths, changelog: `${s.dir}/CHANGELOG.md` };
  return { services, tag: { format: "{service}/v{version}" } };
}

/** The single-package config used on the same history: `v*` tags, every commit. */
export function singlePackageConfig() {
  return { package: { changelog: "CHANGELOG.md" } };
}

export const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  LC_ALL: "C",
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
};

function git(dir, args, input) {
  return execFileSync("git", args, {
    cwd: dir,
    env: { ...process.env, ...GIT_ENV },
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
    maxBuffer: 1 << 28,
  });
}

function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

function sentence(r, min, max) {
  const n = min + r.int(max - min + 1);
  const words = [];
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  const s = words.join(" ");
  return `${s[0].toUpperCase() + s.slice(1)}.`;
}

/** One commit message: conventional (~97%) with optional body, footers, breaking changes and a PR number. */
function message(r, index, stats) {
  if (r.next() < 0.03) {
    stats.unconventional++;
    return `${r.pick(UNCONVENTIONAL)}\n`;
  }
  const [type] = r.weighted(TYPES, (t) => t[1]);
  const scope = r.pick(SCOPES);
  const bang = r.next() < 0.004;
  let header = `${type}${scope ? `(${scope})` : ""}${bang ? "!" : ""}: ${r.pick(VERBS)} ${r.pick(NOUNS)}`;
  if (r.next() < 0.7) header += ` (#${1000 + Math.floor(index / 3) + r.int(40)})`;
  const parts = [header];
  if (r.next() < 0.5) {
    const lines = [];
    const n = 1 + r.int(3);
    for (let i = 0; i < n; i++) lines.push(sentence(r, 6, 14));
    parts.push(lines.join("\n"));
  }
  const footers = [];
  if (r.next() < 0.006) {
    footers.push(`BREAKING CHANGE: ${sentence(r, 5, 10)}`);
    stats.breaking++;
  }
  if (bang) stats.breaking++;
  if (r.next() < 0.2) footers.push(`Refs: #${500 + r.int(5000)}`);
  if (r.next() < 0.25) {
    const a = r.pick(AUTHORS);
    footers.push(`Co-authored-by: ${a} <${a.toLowerCase().replace(/ /g, ".")}@example.com>`);
  }
  if (r.next() < 0.15) footers.push(`Reviewed-by: ${r.pick(AUTHORS)}`);
  if (footers.length > 0) parts.push(footers.join("\n"));
  return `${parts.join("\n\n")}\n`;
}

/** Files one commit touches: a service, the shared packages, or elsewhere (bounded tree, ~600 files). */
function touchedFiles(r) {
  const files = new Set();
  const n = r.next() < 0.8 ? 1 : 2 + r.int(2);
  const areas = [
    ...SERVICES.map((s) => ({ dir: s.dir, weight: s.weight, sub: "src" })),
    { dir: SHARED.dir, weight: SHARED.weight, sub: null },
    { dir: null, weight: OTHER.weight },
  ];
  for (let i = 0; i < n; i++) {
    const area = r.weighted(areas, (a) => a.weight);
    if (area.dir === null) files.add(`${r.pick(OTHER.dirs)}/file${r.int(30)}.md`);
    else if (area.sub === null) files.add(`pkg/${r.pick(["core", "proto", "util"])}/mod${r.int(25)}.rs`);
    else files.add(`${area.dir}/src/file${r.int(60)}.rs`);
  }
  return [...files];
}

/** Next version in a tag namespace: mostly patches and minors, rare majors, some release candidates. */
function nextVersion(r, state) {
  const [maj, min, pat] = state.version;
  if (state.rc > 0) {
    // Either another release candidate or the stable release of the same version.
    if (r.next() < 0.3) return `${maj}.${min}.${pat}-rc.${++state.rc}`;
    state.rc = 0;
    return `${maj}.${min}.${pat}`;
  }
  const roll = r.next();
  if (roll < 0.02) state.version = [maj + 1, 0, 0];
  else if (roll < 0.4) state.version = [maj, min + 1, 0];
  else state.version = [maj, min, pat + 1];
  const [a, b, c] = state.version;
  if (r.next() < 0.08) {
    state.rc = 1;
    return `${a}.${b}.${c}-rc.1`;
  }
  return `${a}.${b}.${c}`;
}

/**
 * Write the fast-import stream for `size` commits to `sink(chunk)` (awaited),
 * in chunks of a few hundred commits. Returns statistics about the history.
 */
export async function writeHistory(size, seed, sink, tagEvery = TAG_EVERY) {
  const r = prng(seed * 2654435761 + size);
  const stats = {
    commits: size,
    tags: 0,
    tagsByNamespace: {},
    lastTag: {},
    lastStableTag: {},
    unconventional: 0,
    breaking: 0,
  };
  const versions = new Map(TAG_NAMESPACES.map((ns) => [ns.prefix, { version: [0, 1, 0], rc: 0, first: true }]));
  const config = `${JSON.stringify(monorepoConfig(), null, 2)}\n`;
  let chunk = [];
  let when = BASE_EPOCH;
  let nextTagAt = Math.floor(tagEvery / 2) + r.int(tagEvery);
  for (let i = 0; i < size; i++) {
    when += 30 + r.int(300);
    const author = r.pick(AUTHORS);
    const email = `${author.toLowerCase().replace(/ /g, ".")}@example.com`;
    chunk.push(
      `commit refs/heads/main\nmark :${i + 1}\nauthor ${author} <${email}> ${when} +0000\ncommitter ${author} <${email}> ${when} +0000\n${data(message(r, i, stats))}`,
    );
    if (i > 0) chunk.push(`from :${i}\n`);
    if (i === 0) {
      chunk.push(`M 100644 inline cliff.config.json\n${data(config)}`);
      chunk.push(`M 100644 inline README.md\n${data("# bench monorepo\n")}`);
    }
    for (const path of touchedFiles(r)) chunk.push(`M 100644 inline ${path}\n${data(`// ${path} at ${i}\n`)}`);
    chunk.push("\n");
    if (i === nextTagAt || (i === size - 1 && stats.tags === 0)) {
      const ns = r.weighted(TAG_NAMESPACES, (n) => n.weight);
      const state = versions.get(ns.prefix);
      const version = state.first ? "0.1.0" : nextVersion(r, state);
      state.first = false;
      const name = `${ns.prefix}${version}`;
      // Annotated, like relnotes creates them; the tagger date is the commit's.
      chunk.push(
        `tag ${name}\nfrom :${i + 1}\ntagger ${author} <${email}> ${when} +0000\n${data(`release ${name}\n`)}`,
      );
      stats.tags++;
      stats.tagsByNamespace[ns.prefix] = (stats.tagsByNamespace[ns.prefix] ?? 0) + 1;
      stats.lastTag[ns.prefix] = name;
      if (!version.includes("-")) stats.lastStableTag[ns.prefix] = name;
      nextTagAt = i + Math.floor(tagEvery / 2) + r.int(tagEvery);
    }
    if (chunk.length >= 2000) {
      await sink(chunk.join(""));
      chunk = [];
    }
  }
  chunk.push("done\n");
  await sink(chunk.join(""));
  return stats;
}

/** Pipe the stream into `git fast-import` in `dir`, respecting backpressure. */
async function fastImport(dir, size, seed, tagEvery) {
  const child = spawn("git", ["fast-import", "--quiet", "--done", "--max-pack-size=0"], {
    cwd: dir,
    env: { ...process.env, ...GIT_ENV },
    stdio: ["pipe", "ignore", "pipe"],
  });
  const err = [];
  child.stderr.on("data", (b) => err.push(b));
  const exited = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}: ${Buffer.concat(err).toString()}`)),
    );
  });
  let broken = null;
  child.stdin.on("error", (e) => (broken = e));
  exited.catch(() => {});
  // A dead fast-import never drains: race every wait with its exit.
  const sink = (text) =>
    Promise.race([
      exited.then(() => Promise.reject(new Error("git fast-import exited early"))),
      new Promise((resolve, reject) => {
        if (broken) return reject(broken);
        if (child.stdin.write(text)) resolve();
        else child.stdin.once("drain", resolve);
      }),
    ]);
  const stats = await writeHistory(size, seed, sink, tagEvery);
  child.stdin.end();
  await exited;
  return stats;
}

/**
 * Generate (or reuse) the repositories for one size and seed:
 *   <dir>/mono    the monorepo history with cliff.config.json (services)
 *   <dir>/single  a `git clone --shared` of it whose cliff.config.json is the single-package config
 *   <dir>/meta.json statistics (tags per namespace, last tags, …)
 */
export async function ensureRepo(size, seed = 1, { log = () => {}, tagEvery = TAG_EVERY } = {}) {
  const root = cacheRoot();
  // The default density keeps the folder name it always had, so existing caches stay valid.
  const dir = join(root, `${size}-${seed}-g${GENERATOR}${tagEvery === TAG_EVERY ? "" : `-t${tagEvery}`}`);
  const metaPath = join(dir, "meta.json");
  if (existsSync(metaPath))
    return {
      dir,
      mono: join(dir, "mono"),
      single: join(dir, "single"),
      meta: JSON.parse(readFileSync(metaPath, "utf8")),
      cached: true,
    };
  mkdirSync(root, { recursive: true });
  // Build in a temporary folder and rename, so an interrupted run never leaves a half repo in the cache.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const mono = join(tmp, "mono");
  mkdirSync(mono, { recursive: true });
  const started = Date.now();
  log(`generating ${size.toLocaleString("en-US")} commits (seed ${seed}, a tag every ~${tagEvery}) in ${dir} …`);
  git(mono, ["init", "-q", "-b", "main"]);
  const stats = await fastImport(mono, size, seed, tagEvery);
  // fast-import leaves one loose file per ref; clones and gc pack them (with peeled tag targets), as here.
  git(mono, ["pack-refs", "--all"]);
  git(mono, ["checkout", "-q", "-f", "main"]);
  git(tmp, ["clone", "-q", "--shared", "mono", "single"]);
  writeFileSync(join(tmp, "single", "cliff.config.json"), `${JSON.stringify(singlePackageConfig(), null, 2)}\n`);
  // Keep the edited config out of `git status` noise: it is the benchmark's working configuration.
  git(join(tmp, "single"), ["update-index", "--skip-worktree", "cliff.config.json"]);
  // `git clone --shared` records mono's objects by absolute path: make it relative so the cache folder can move.
  writeFileSync(join(tmp, "single", ".git", "objects", "info", "alternates"), "../../../mono/.git/objects\n");
  const lastStableTagCommit = {};
  for (const [prefix, name] of Object.entries(stats.lastStableTag))
    lastStableTagCommit[prefix] = git(mono, ["rev-parse", `${name}^{commit}`]).trim();
  const meta = {
    size,
    seed,
    tagEvery,
    generator: GENERATOR,
    ...stats,
    lastStableTagCommit,
    seconds: (Date.now() - started) / 1000,
    services: monorepoConfig().services,
  };
  writeFileSync(join(tmp, "meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(
    `generated in ${meta.seconds.toFixed(1)} s: ${stats.tags} tags (${Object.entries(stats.tagsByNamespace)
      .map(([k, v]) => `${k}* ${v}`)
      .join(", ")})`,
  );
  return { dir, mono: join(dir, "mono"), single: join(dir, "single"), meta, cached: false };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? def : args[i + 1];
  };
  const size = Number(opt("size", "10000"));
  const seed = Number(opt("seed", "1"));
  const tagEvery = Number(opt("tag-every", String(TAG_EVERY)));
  if (!Number.isInteger(tagEvery) || tagEvery < 2)
    throw new Error(`--tag-every: expected an integer >= 2, got ${tagEvery}`);
  const repo = await ensureRepo(size, seed, { log: (m) => console.error(m), tagEvery });
  console.log(repo.dir);
}
