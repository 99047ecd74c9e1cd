// The benchmark: relnotes against its floor (one `git log` over the same range
// and paths) and against git-cliff, on generated histories of 10k, 100k and 1M
// commits. Prints a table of medians and ratios and writes it to bench/RESULTS.md.
//
//   npm run bench                       (builds, then all sizes)
//   node bench/run.mjs --sizes 10000,100000 --reps 5 --timeout 120
//
// Flags: --sizes a,b,c  --reps N  --timeout S (per run; a timeout prints "> S s")
//        --seed N  --out FILE  --warmup N  --cliff-max N (largest size git-cliff runs on)
//        --small N (commits of the "small repository")  --startup-reps N (default 20)
//        --cli packed|dist (start-up rows: the npm-packed package installed in a temp
//        project, as a user runs it (default), or this checkout's dist/cli.js)
//        --note TEXT (printed in RESULTS.md, e.g. what else ran on the machine)
//        --startup-only (only the start-up rows: printed, RESULTS.md left as it is)
//        --tag-every a,b,c (tag densities of the changelog rows at 100,000 commits and above; default 20,120,1000)
import { spawn, execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GIT_ENV, SERVICES, TAG_DENSITIES, TAG_EVERY, cacheRoot, ensureRepo } from "./generate.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const TIME = "/usr/bin/time";
const LOG_FORMAT = "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%B";
const SERVICE = "api";
const API = SERVICES.find((s) => s.name === SERVICE);

// ---------- options ----------

export function parseOptions(argv) {
  const o = {
    sizes: [10_000, 100_000, 1_000_000],
    reps: null,
    timeout: 120,
    seed: 1,
    out: join(ROOT, "bench", "RESULTS.md"),
    warmup: 1,
    cliffMax: 100_000,
    small: 2000,
    startupReps: 20,
    cli: "packed",
    note: null,
    startupOnly: false,
    tagEvery: TAG_DENSITIES,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    const num = (x) => {
      const n = Number(String(x).replace(/_/g, ""));
      if (!Number.isFinite(n) || n < 0) throw new Error(`${a}: not a number: ${x}`);
      return n;
    };
    if (a === "--sizes")
      o.sizes = v()
        .split(",")
        .filter(Boolean)
        .map((s) => num(s.replace(/_/g, "").replace(/k$/i, "000").replace(/m$/i, "000000")));
    else if (a === "--reps") o.reps = num(v());
    else if (a === "--timeout") o.timeout = num(v());
    else if (a === "--seed") o.seed = num(v());
    else if (a === "--out") o.out = v();
    else if (a === "--warmup") o.warmup = num(v());
    else if (a === "--cliff-max") o.cliffMax = num(v());
    else if (a === "--small") o.small = num(v());
    else if (a === "--startup-reps") o.startupReps = num(v());
    else if (a === "--note") o.note = v();
    else if (a === "--startup-only") o.startupOnly = true;
    else if (a === "--tag-every")
      o.tagEvery = v()
        .split(",")
        .filter(Boolean)
        .map((x) => num(x));
    else if (a === "--cli") {
      o.cli = v();
      if (o.cli !== "packed" && o.cli !== "dist") throw new Error(`--cli: expected packed or dist, got ${o.cli}`);
    } else if (a === "--help" || a === "-h") {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), "utf8")
          .split("\n")
          .slice(0, 10)
          .join("\n")
          .replace(/^\/\/ ?/gm, ""),
      );
      process.exit(0);
    } else throw new Error(`unknown flag ${a}`);
  }
  return o;
}

// ---------- measuring one run ----------

const hasGnuTime = (() => {
  try {
    execFileSync(TIME, ["-f", "%M", "-o", "/dev/null", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Name and peak RSS (kB, VmHWM) of a live process; null once it is gone. */
function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const name = /^Name:\s+(\S+)/m.exec(text)?.[1] ?? "?";
    const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(text)?.[1] ?? 0);
    return { name, hwm };
  } catch {
    return null;
  }
}

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Poll the process tree under `root` and keep each program's peak RSS
 * (node's own peak apart from the git processes it starts).
 */
function treePoller(root, peaks) {
  const tick = () => {
    const stack = [root];
    while (stack.length > 0) {
      const pid = stack.pop();
      const st = procStatus(pid);
      if (st && st.name !== "time") peaks[st.name] = Math.max(peaks[st.name] ?? 0, st.hwm);
      stack.push(...childrenOf(pid));
    }
  };
  tick();
  return setInterval(tick, 20);
}

/**
 * Run a command once: wall time (ms), peak resident memory (kB: GNU time's
 * maximum RSS, i.e. the largest process of the tree, e.g. node or the git it
 * spawns), exit code, and whether it hit the timeout. stdout goes to `outFile`.
 */
function runOnce(cmd, args, { cwd, timeoutS, outFile, env = {} }) {
  return new Promise((resolve) => {
    const rssFile = join(scratch(), `rss-${process.pid}`);
    const argv = hasGnuTime ? [TIME, ["-f", "%M %U %S", "-o", rssFile, cmd, ...args]] : [cmd, args];
    const out = openSync(outFile, "w");
    const errFile = `${outFile}.err`;
    const err = openSync(errFile, "w");
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv[1], {
      cwd,
      env: { ...process.env, ...GIT_ENV, ...env },
      stdio: ["ignore", out, err],
      detached: true,
    });
    const peaks = {};
    const poll = treePoller(child.pid, peaks);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, timeoutS * 1000);
    child.on("exit", (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      clearInterval(poll);
      closeSync(out);
      closeSync(err);
      let rssKB = Math.max(0, ...Object.values(peaks));
      let cpuMs = null;
      if (hasGnuTime) {
        try {
          // GNU time writes "Command exited with non-zero status N" before the figures on failure.
          const lines = readFileSync(rssFile, "utf8").trim().split("\n");
          const [rss, user, sys] = lines[lines.length - 1].split(" ").map(Number);
          rssKB = rss || 0;
          // user + system CPU of the whole tree (node and the git processes it waited for), in 10 ms steps.
          if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
        } catch {}
      }
      const stderr = readFileSync(errFile, "utf8");
      resolve({
        ms,
        rssKB,
        cpuMs,
        peaks,
        code: timedOut ? null : code,
        signal,
        timedOut,
        stderr,
        outBytes: statSync(outFile).size,
      });
    });
  });
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

let scratchDir = null;
function scratch() {
  if (scratchDir === null) {
    scratchDir = join(cacheRoot(), `run-${process.pid}`);
    mkdirSync(scratchDir, { recursive: true });
  }
  return scratchDir;
}

/**
 * Measure a set of commands together: `warmup` untimed runs, then `reps`
 * rounds that run each command once in turn (interleaved, so drift in the
 * machine's speed hits all of them alike). A command that times out or fails
 * is not repeated.
 */
async function measureGroup(commands, { reps, warmup, timeoutS, log }) {
  const results = new Map(commands.map((c) => [c.id, { runs: [], failure: null, timedOut: false }]));
  const once = async (c) => {
    const r = results.get(c.id);
    if (r.failure || r.timedOut) return null;
    const run = await runOnce(c.cmd, c.args, {
      cwd: c.cwd,
      timeoutS: c.timeoutS ?? timeoutS,
      outFile: join(scratch(), `${c.id}.out`),
      env: c.env,
    });
    if (run.timedOut) r.timedOut = true;
    else if (run.code !== 0)
      r.failure = `exit ${run.code ?? run.signal}: ${
        run.stderr
          .trim()
          .split("\n")
          .filter((l) => !l.startsWith("warning:"))
          .slice(0, 2)
          .join(" / ") || "(no message)"
      }`;
    return run;
  };
  for (let w = 0; w < warmup; w++) for (const c of commands) if (!c.noWarmup) await once(c);
  for (let i = 0; i < reps; i++) {
    for (const c of commands) {
      if (c.maxReps !== undefined && results.get(c.id).runs.length >= c.maxReps) continue;
      const run = await once(c);
      if (run && !run.timedOut && run.code === 0) results.get(c.id).runs.push(run);
      if (run)
        log(
          `  ${c.id.padEnd(28)} ${run.timedOut ? `> ${c.timeoutS ?? timeoutS} s (timeout)` : `${fmtMs(run.ms).padStart(9)}  ${fmtMB(run.rssKB).padStart(8)}${run.code !== 0 ? `  FAILED ${results.get(c.id).failure}` : ""}`}`,
        );
    }
  }
  const summary = {};
  for (const c of commands) {
    const r = results.get(c.id);
    summary[c.id] = {
      label: c.label,
      ms: r.runs.length ? median(r.runs.map((x) => x.ms)) : null,
      // Per round, in order: with equal counts, two commands' i-th runs ran back to back.
      runsMs: r.runs.map((x) => x.ms),
      // Mean, not median: GNU time counts CPU in 10 ms steps, and only an average resolves less.
      cpuMs:
        r.runs.length && r.runs.every((x) => x.cpuMs !== null)
          ? r.runs.reduce((sum, x) => sum + x.cpuMs, 0) / r.runs.length
          : null,
      rssKB: r.runs.length ? Math.max(...r.runs.map((x) => x.rssKB)) : null,
      // node's own peak (polled), apart from the git processes it starts.
      nodeKB: r.runs.length ? Math.max(...r.runs.map((x) => x.peaks.node ?? 0)) || null : null,
      outBytes: r.runs.length ? r.runs[r.runs.length - 1].outBytes : null,
      n: r.runs.length,
      timedOut: r.timedOut ? (c.timeoutS ?? timeoutS) : null,
      failure: r.failure,
      skipped: null,
    };
  }
  return summary;
}

// ---------- formatting ----------

function fmtMs(ms) {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
function fmtMB(kb) {
  if (!kb) return "—";
  return `${Math.round(kb / 1024)} MB`;
}
/** A measured cell: the median, or why there is none. */
function cell(m) {
  if (!m) return "—";
  if (m.skipped) return m.skipped;
  if (m.timedOut) return `> ${m.timedOut} s`;
  if (m.failure) return `failed (${m.failure.replace(/\|/g, "\\|").slice(0, 80)})`;
  return fmtMs(m.ms);
}
function ratio(a, b) {
  if (!a || !b || a.ms === null || b.ms === null || a.failure || b.failure) return "—";
  return `${(a.ms / b.ms).toFixed(2)}×`;
}
/** relnotes / git-cliff, with the speed-up in words; a git-cliff timeout gives a bound. */
function cliffRatio(rel, cliff) {
  if (!rel || !cliff || rel.ms === null || rel.failure) return "—";
  if (cliff.skipped || cliff.failure) return "—";
  if (cliff.timedOut)
    return `< ${(rel.ms / (cliff.timedOut * 1000)).toFixed(3)} (> ${Math.floor((cliff.timedOut * 1000) / rel.ms)}× faster)`;
  if (cliff.ms === null) return "—";
  const speedup = cliff.ms / rel.ms;
  return `${(rel.ms / cliff.ms).toFixed(3)} (${speedup >= 10 ? Math.round(speedup) : speedup.toFixed(1)}× ${speedup >= 1 ? "faster" : "slower"})`;
}
function mem(...ms) {
  return ms
    .map((m, i) => (m?.rssKB ? `${fmtMB(m.rssKB)}${i === 0 && m.nodeKB ? ` (node ${fmtMB(m.nodeKB)})` : ""}` : "—"))
    .join(" / ");
}
const ok = (pass) => (pass === null ? "" : pass ? "✅" : "❌");

// ---------- the machine ----------

function version(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unavailable";
  }
}

/**
 * git-cliff is not a devDependency: the registry here carries only its linux-x64
 * binary, so a lockfile listing its other platforms breaks `npm ci`. The bench
 * installs the pinned version into its cache, outside the project, once.
 */
export const GIT_CLIFF_VERSION = "2.14.2";

function gitCliffBinary() {
  const os = platform() === "win32" ? "windows" : platform();
  const native = `git-cliff-${os}-${arch()}/bin/git-cliff${os === "windows" ? ".exe" : ""}`;
  const prefix = join(cacheRoot(), `git-cliff-${GIT_CLIFF_VERSION}`);
  const resolveIn = (dir) => {
    try {
      // The native binary itself: the npm wrapper would add a node start-up to every run.
      return createRequire(join(dir, "package.json")).resolve(native);
    } catch {
      return null;
    }
  };
  const found = resolveIn(ROOT) ?? resolveIn(prefix);
  if (found) return found;
  try {
    mkdirSync(prefix, { recursive: true });
    execFileSync(
      "npm",
      ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", `git-cliff@${GIT_CLIFF_VERSION}`],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  } catch {
    return null;
  }
  return resolveIn(prefix);
}

function machine(cliff) {
  const cpu = cpus();
  const head = version("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]);
  return {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    git: version("git", ["--version"]).replace(/^git version /, ""),
    gitCliff: cliff ? version(cliff, ["--version"]).replace(/^git-cliff /, "") : "not installed",
    relnotes: `${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version} at ${head}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    loadStart: loadavg()[0].toFixed(2),
    memoryTool: hasGnuTime
      ? "GNU time %M, and /proc/<pid>/status VmHWM polled every 20 ms for node's own peak"
      : "/proc/<pid>/status VmHWM polled every 20 ms",
  };
}

// ---------- git-cliff configuration equivalent to relnotes' changelog ----------

/** A cliff.toml with the api tag pattern and a template close to relnotes' bundled changelog.hbs. */
export function cliffToml(tagPrefix) {
  // TOML literal strings ('…') take a regular expression without another layer of escaping.
  const esc = tagPrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return `[changelog]
header = """
# Changelog\\n
"""
body = """
{% if version %}## [{{ version | trim_start_matches(pat="${tagPrefix}") }}] - {{ timestamp | date(format="%Y-%m-%d") }}{% else %}## [Unreleased]{% endif %}
{% for group, commits in commits | group_by(attribute="group") %}
### {{ group | striptags | trim }}
{% for commit in commits %}
- {% if commit.scope %}**{{ commit.scope }}:** {% endif %}{{ commit.message | split(pat="\\n") | first | trim }} ({{ commit.id | truncate(length=7, end="") }})\\
{% endfor %}
{% endfor %}\\n
"""
trim = true

[git]
conventional_commits = true
filter_unconventional = true
split_commits = false
protect_breaking_commits = true
filter_commits = true
commit_parsers = [
  { message = "^feat", group = "Features" },
  { message = "^fix", group = "Bug Fixes" },
  { message = "^perf", group = "Performance" },
  { message = "^revert", group = "Reverts" },
  { body = ".*", skip = true },
]
tag_pattern = '^${esc}[0-9]'
# relnotes' changelog lists stable releases; a pre-release's commits belong to the next stable one.
ignore_tags = '^${esc}[0-9]+\\.[0-9]+\\.[0-9]+-'
topo_order = false
sort_commits = "newest"
`;
}

// ---------- the benchmark ----------

/** Does the built CLI have the `changelog` command yet? (It is being written.) */
function hasChangelogCommand() {
  try {
    execFileSync(process.execPath, [CLI, "changelog", "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    return true;
  } catch {
    return false;
  }
}

function logCommand(cwd, range, paths) {
  return { cmd: "git", args: ["log", "-z", LOG_FORMAT, "--no-merges", range, "--", ...paths], cwd };
}

/**
 * The rows of one history: preview and both changelogs against their floors (and git-cliff) at the
 * default tag density; at another density (`tagEvery`) only the changelogs, whose cost tags change.
 */
async function benchSize(size, o, tools, log, tagEvery = TAG_EVERY) {
  const repo = await ensureRepo(size, o.seed, { log, tagEvery });
  const { meta } = repo;
  const reps = o.reps ?? (size >= 1_000_000 ? 3 : 5);
  const changelogOnly = tagEvery !== TAG_EVERY;
  log(
    `\n${size.toLocaleString("en-US")} commits, ${meta.tags} tags, a tag every ~${tagEvery} (${reps} reps${repo.cached ? ", cached repo" : ""}): ${repo.dir}`,
  );
  const node = process.execPath;
  const apiBase = meta.lastStableTagCommit[`${SERVICE}/v`];
  const commands = [
    ...(changelogOnly
      ? []
      : [
          {
            id: "preview",
            label: "relnotes preview api --json",
            cmd: node,
            args: [CLI, "preview", SERVICE, "--json"],
            cwd: repo.mono,
          },
          { id: "preview-floor", ...logCommand(repo.mono, `${apiBase}..HEAD`, API.paths) },
        ]),
    { id: "changelog-floor", ...logCommand(repo.mono, "HEAD", API.paths) },
    { id: "single-floor", ...logCommand(repo.single, "HEAD", []) },
  ];
  if (tools.changelog) {
    commands.push({ id: "changelog", cmd: node, args: [CLI, "changelog", SERVICE], cwd: repo.mono });
    commands.push({ id: "single", cmd: node, args: [CLI, "changelog"], cwd: repo.single });
  }
  const cliffRuns = tools.cliff && size <= o.cliffMax;
  if (cliffRuns) {
    const toml = join(repo.dir, "cliff-api.toml");
    writeFileSync(toml, cliffToml(`${SERVICE}/v`));
    const includes = API.paths.flatMap((p) => ["--include-path", `${p}**`]);
    // One timed run: git-cliff is the slow reference, and a timeout ends its measurement.
    commands.push({
      id: "git-cliff",
      cmd: tools.cliff,
      args: ["--config", toml, "--repository", repo.mono, ...includes],
      cwd: repo.dir,
      noWarmup: true,
      maxReps: size >= 100_000 ? 1 : undefined,
    });
  }
  const m = await measureGroup(commands, { reps, warmup: o.warmup, timeoutS: o.timeout, log });
  const missing = { skipped: "n/a (no changelog command yet)" };
  if (!tools.changelog) m.changelog = m.single = missing;
  if (!cliffRuns)
    m["git-cliff"] = {
      skipped: tools.cliff ? `not run (> ${o.cliffMax.toLocaleString("en-US")} commits)` : "not installed",
    };
  return { size, tagEvery, changelogOnly, meta, reps, m };
}

/** Issue #20: changelogs within 1.5 × their floor at any size and tag density; at 1M commits node under 300 MB. */
export const CHANGELOG_TARGET = 1.5;
export const MEMORY_TARGET_MB = 300;

function targetsFor(row, startupMs) {
  const { size, m } = row;
  const within = (a, b, factor, extra = 0) =>
    a?.ms != null && b?.ms != null && !a.failure ? a.ms <= factor * b.ms + extra : a?.skipped ? null : false;
  const notes = {};
  // The budget is relnotes' own process; git's share is the floor's business (shown beside it).
  const memOk = (x) => (x?.nodeKB ? x.nodeKB < MEMORY_TARGET_MB * 1024 : null);
  const memNote = (x) => (size >= 1_000_000 ? `, node < ${MEMORY_TARGET_MB} MB ${ok(memOk(x))}` : "");
  const previewPass = within(m.preview, m["preview-floor"], 1.5, startupMs ?? 0);
  notes.preview = `≤ 1.5× floor + start-up${size >= 1_000_000 ? "" : " (target at 1M)"} ${ok(previewPass)}${memNote(m.preview)}`;
  for (const [id, floor] of [
    ["changelog", "changelog-floor"],
    ["single", "single-floor"],
  ]) {
    const pass = within(m[id], m[floor], CHANGELOG_TARGET);
    let text = `≤ ${CHANGELOG_TARGET}× floor ${ok(pass)}${memNote(m[id])}`;
    if (id === "changelog" && m["git-cliff"] && !m["git-cliff"].skipped && m.changelog?.ms) {
      const cliffMs = m["git-cliff"].timedOut ? m["git-cliff"].timedOut * 1000 : m["git-cliff"].ms;
      text += `, ≥ 50× faster than git-cliff ${ok(cliffMs !== null && !m["git-cliff"].failure ? cliffMs / m.changelog.ms >= 50 : null)}`;
    }
    notes[id] = text;
  }
  return notes;
}

export function renderTable(rows, global, _info) {
  const lines = [];
  lines.push(
    "| commits | tags | measurement | relnotes | floor (git log) | relnotes / floor | git-cliff | relnotes / git-cliff | peak memory (relnotes / floor / git-cliff) | target |",
  );
  lines.push("|---:|---:|---|---:|---:|---:|---:|---:|---|---|");
  const startup = global.version?.ms ?? null;
  for (const row of rows) {
    const { m, meta } = row;
    const t = targetsFor(row, startup);
    const size = row.size.toLocaleString("en-US");
    const density = row.tagEvery ?? TAG_EVERY;
    const tags = `${meta.tags.toLocaleString("en-US")}${density === TAG_EVERY ? "" : ` (every ~${density})`}`;
    const apiTags = meta.tagsByNamespace[`${SERVICE}/v`] ?? 0;
    const rootTags = meta.tagsByNamespace.v ?? 0;
    if (!row.changelogOnly)
      lines.push(
        `| ${size} | ${tags} | \`preview api --json\` (since ${meta.lastStableTag[`${SERVICE}/v`]}) | ${cell(m.preview)} | ${cell(m["preview-floor"])} | ${ratio(m.preview, m["preview-floor"])} | | | ${mem(m.preview, m["preview-floor"])} | ${t.preview} |`,
      );
    lines.push(
      `| ${size} | ${tags} | \`changelog api\` full history (${apiTags} api tags) | ${cell(m.changelog)} | ${cell(m["changelog-floor"])} | ${ratio(m.changelog, m["changelog-floor"])} | ${cell(m["git-cliff"])} | ${cliffRatio(m.changelog, m["git-cliff"])} | ${mem(m.changelog, m["changelog-floor"], m["git-cliff"])} | ${t.changelog} |`,
    );
    lines.push(
      `| ${size} | ${tags} | \`changelog\` single package (${rootTags} v* tags) | ${cell(m.single)} | ${cell(m["single-floor"])} | ${ratio(m.single, m["single-floor"])} | | | ${mem(m.single, m["single-floor"])} | ${t.single} |`,
    );
  }
  return lines.join("\n");
}

/** Median over rounds of command / `node -e 0` in the same round; the ratio of medians when runs do not pair up. */
function pairedRatio(m, node) {
  if (!m || !node || m.ms === null || node.ms === null || m.failure) return null;
  if (m.runsMs.length === node.runsMs.length && m.runsMs.length > 0)
    return median(m.runsMs.map((ms, i) => ms / node.runsMs[i]));
  return m.ms / node.ms;
}

/** Start-up target: the everyday commands within 1.5 × a bare node start. */
export const STARTUP_TARGET = 1.5;

export function renderStartupTable(startup) {
  const { m, commands } = startup;
  const lines = [
    "| command | relnotes | `node -e 0` | relnotes / node (median of paired runs) | CPU: relnotes / node (mean, with git) | peak memory | target (wall-clock ratio) |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  const cpu = (x) =>
    x?.cpuMs != null && m.node?.cpuMs
      ? `${(x.cpuMs / m.node.cpuMs).toFixed(2)}× (${Math.round(x.cpuMs)} / ${Math.round(m.node.cpuMs)} ms)`
      : "—";
  for (const c of commands) {
    const r = pairedRatio(m[c.id], m.node);
    const pass = r === null ? (m[c.id]?.skipped ? null : false) : r <= STARTUP_TARGET;
    lines.push(
      `| \`${c.label}\` | ${cell(m[c.id])} | ${cell(m.node)} | ${r === null ? "—" : `${r.toFixed(2)}×`} | ${cpu(m[c.id])} | ${m[c.id]?.rssKB ? fmtMB(m[c.id].rssKB) : "—"} | ≤ ${STARTUP_TARGET}× node ${ok(pass)} |`,
    );
  }
  return lines.join("\n");
}

function renderResults(rows, global, info, mach, o) {
  const floorNote = `\`git log -z ${LOG_FORMAT} --no-merges <range> -- <paths>\``;
  return `# relnotes benchmark results

Generated by \`npm run bench\` (\`node bench/run.mjs --sizes ${o.sizes.join(",")}${o.reps ? ` --reps ${o.reps}` : ""} --timeout ${o.timeout}\`).
Medians of ${rows
    .filter((r) => !r.changelogOnly)
    .map((r) => `${r.reps} (${r.size.toLocaleString("en-US")})`)
    .join(
      ", ",
    )} interleaved repetitions after ${o.warmup} warm-up run${o.warmup === 1 ? "" : "s"}; git-cliff runs once at 100,000 commits and above. Times are wall clock; peak memory is the largest resident set of any one process of the tree — node or a git it starts — with node's own peak in parentheses (${mach.memoryTool}).

${renderTable(rows, global, info)}

- **floor**: ${floorNote} — the same range and paths relnotes reads: \`<last stable api tag>..HEAD -- svc/api/ pkg/\` for preview, \`HEAD -- svc/api/ pkg/\` for the api changelog, \`HEAD\` (all paths) for the single package.
- **git-cliff**: the native binary, \`--config cliff-api.toml --include-path 'svc/api/**' --include-path 'pkg/**'\` with \`tag_pattern = "^api/v[0-9]"\`, conventional commits, unconventional filtered, a section template like relnotes' \`changelog.hbs\` (see \`cliffToml()\` in bench/run.mjs). "> N s" is a timeout.
- **histories** (bench/generate.mjs, seed ${o.seed}): linear \`main\`, annotated tags every ~120 commits (rows marked "every ~N": a tag every ~N commits; at 100,000 commits and above the changelogs run at ${o.tagEvery.join(", ")}) across \`v*\` (the single package, ~45%) and \`api/v*\`, \`vault/v*\`, \`cli/v*\`, \`web/v*\`, \`worker/v*\`; ~8% release candidates; commits touching one service, \`pkg/\` (shared, part of api), docs/tools, or several; bodies, footers, \`BREAKING CHANGE\`/\`!\`, ~3% unconventional. Cached under \`${"${XDG_CACHE_HOME:-~/.cache}"}/relnotes-bench/\`.
  ${rows
    .map(
      (r) =>
        `${r.size.toLocaleString("en-US")} commits${r.changelogOnly ? ` (a tag every ~${r.tagEvery})` : ""}: ${r.meta.tags} tags (${Object.entries(
          r.meta.tagsByNamespace,
        )
          .map(([k, v]) => `${k}* ${v}`)
          .join(", ")}), ${r.meta.unconventional} unconventional, ${r.meta.breaking} breaking`,
    )
    .join(";\n  ")}.

## Start-up: the everyday commands on a small repository

${renderStartupTable(global.startup)}

- **how**: ${global.startup.how}, in a clone (\`git clone --shared\`, so \`origin/main\` exists) of the ${info.small.toLocaleString("en-US")}-commit history (${global.smallTags} tags; seed ${o.seed}). ${o.startupReps} interleaved rounds after ${o.warmup} warm-up: each round runs every command once, back to back, so the ratio is taken per round (command / \`node -e 0\` of that round) and its median reported; the times are medians too. CPU is user + system time of the whole process tree (GNU time, 10 ms steps, so a mean over the rounds): on a shared machine it moves less than wall time, which includes waiting for a core. Peak memory is the largest resident set of the process tree.
- **\`node -e 0\`** is the floor any Node CLI pays; ${global.startup.missing.length ? `not measured (no such command in this build): ${global.startup.missing.map((n) => `\`${n}\``).join(", ")}; ` : ""}the target is at most ${STARTUP_TARGET}× it (issue #20).${o.note ? `\n- **note**: ${o.note}` : ""}

## Machine

| | |
|---|---|
| CPU | ${mach.cpu} |
| cores | ${mach.cores} |
| memory | ${mach.memory} |
| OS | ${mach.os} |
| node | ${mach.node} |
| git | ${mach.git} |
| git-cliff | ${mach.gitCliff} |
| relnotes | ${mach.relnotes} |
| date | ${mach.date} |
| load average (1 min), start → end | ${mach.loadStart} → ${loadavg()[0].toFixed(2)} (other work on the machine inflates the medians; compare ratios within one run) |
`;
}

// ---------- start-up: the everyday commands ----------

/**
 * relnotes as a user runs it: \`npm pack\` of this (built) checkout, installed with npm into a
 * temporary project, run through the installed bin (node_modules/.bin/relnotes, its shebang).
 */
function installPacked(log) {
  const dir = join(scratch(), "packed");
  const project = join(dir, "project");
  mkdirSync(project, { recursive: true });
  log("packing relnotes (npm pack) and installing it into a temporary project …");
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  writeFileSync(join(project, "package.json"), '{ "name": "relnotes-bench-user", "private": true }\n');
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(dir, packed[0].filename)], {
    cwd: project,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return {
    cmd: join(project, "node_modules", ".bin", "relnotes"),
    args: [],
    how: "the packed package (`npm pack`, then `npm install` of the tarball in a temporary project), run as `node_modules/.bin/relnotes`",
  };
}

async function measureStartup(small, o, log) {
  const relnotes =
    o.cli === "dist"
      ? { cmd: process.execPath, args: [CLI], how: "this checkout's `node dist/cli.js`" }
      : installPacked(log);
  const user = join(scratch(), "small-clone");
  execFileSync("git", ["clone", "-q", "--shared", small.mono, user], {
    env: { ...process.env, ...GIT_ENV },
    stdio: "ignore",
  });
  const message = join(scratch(), "COMMIT_EDITMSG");
  writeFileSync(message, "feat(api): add key rotation\n\nRotate signing keys every 30 days.\n");
  const tag = small.meta.lastStableTag[`${SERVICE}/v`];
  const has = (name) => {
    try {
      execFileSync(relnotes.cmd, [...relnotes.args, name, "--help"], { cwd: user, stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  // `next` is newer than the others: a build without it gets no row, and RESULTS.md says so.
  const wanted = [
    { id: "--version", args: ["--version"] },
    { id: "check-message", args: ["check", "--message", message], label: "check --message COMMIT_EDITMSG" },
    { id: "version", args: ["version", SERVICE] },
    { id: "next", args: ["next", SERVICE], optional: true },
    { id: "verify-tag", args: ["verify-tag", tag] },
    { id: "preview", args: ["preview", SERVICE] },
    { id: "preview-json", args: ["preview", SERVICE, "--json"] },
  ];
  const commands = [];
  const missing = [];
  for (const w of wanted) {
    if (w.optional && !has(w.args[0])) missing.push(`relnotes ${w.args[0]}`);
    else
      commands.push({
        id: w.id,
        label: `relnotes ${w.label ?? w.args.join(" ")}`,
        cmd: relnotes.cmd,
        args: [...relnotes.args, ...w.args],
        cwd: user,
      });
  }
  log(
    `\nstart-up: ${commands.length} everyday commands on a small repository (${o.small} commits, ${small.meta.tags} tags), ${relnotes.how}`,
  );
  const node = { id: "node", cmd: process.execPath, args: ["-e", "0"], cwd: user };
  const m = await measureGroup([node, ...commands], {
    reps: Math.max(o.startupReps, 1),
    warmup: o.warmup,
    timeoutS: o.timeout,
    log,
  });
  return { m, commands, missing, how: relnotes.how };
}

/** Only the start-up rows (`--startup-only`): measured and returned as a table; RESULTS.md is not written. */
export async function runStartup(o, { log = (s) => console.error(s) } = {}) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`);
  try {
    const small = await ensureRepo(o.small, o.seed, { log });
    return renderStartupTable(await measureStartup(small, o, log));
  } finally {
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  }
}

export async function runBench(o, { log = (s) => console.error(s) } = {}) {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json, or npm run bench)`);
  const cliff = gitCliffBinary();
  const tools = { cliff, changelog: hasChangelogCommand() };
  if (!tools.changelog) log("note: the built CLI has no `changelog` command yet: its rows are reported as n/a");
  const mach = machine(cliff);
  const rows = [];
  try {
    // Start-up and the small repository first: they need no large history.
    const small = await ensureRepo(o.small, o.seed, { log });
    const startup = await measureStartup(small, o, log);
    const global = { version: startup.m["--version"], node: startup.m.node, startup, smallTags: small.meta.tags };
    for (const size of o.sizes) {
      rows.push(await benchSize(size, o, tools, log));
      // Other tag densities: the changelogs' cost grows with tags, at the sizes the targets name.
      if (size >= 100_000)
        for (const tagEvery of o.tagEvery)
          if (tagEvery !== TAG_EVERY) rows.push(await benchSize(size, o, tools, log, tagEvery));
    }
    const info = { small: o.small };
    const table = renderTable(rows, global, info);
    const doc = renderResults(rows, global, info, mach, o);
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, doc);
    return { table, startupTable: renderStartupTable(startup), doc, rows, global, machine: mach };
  } finally {
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(2);
  }
  if (options.startupOnly)
    console.log(`\n${await runStartup(options)}\n\n(${loadavg()[0].toFixed(2)} load average at the end)`);
  else {
    const { table } = await runBench(options);
    console.log(`\n${table}\n\nwritten to ${options.out}`);
  }
}
