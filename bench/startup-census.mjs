// Start-up census, the numbers behind bench/PROFILE.md: for each everyday command on the
// bench's small repository, the module files node loads (count and size), the npm packages
// among them, and the git processes the command starts.
//
//   node bench/startup-census.mjs [--cli path/to/cli.js] [--small N]
//
// Modules are recorded by test/helpers/modules/register.mjs (a loader hook), git processes
// by GIT_TRACE. Works on any build: the bundled dist/ or an older tsc one.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { GIT_ENV, ensureRepo } from "./generate.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RECORDER = join(ROOT, "test", "helpers", "modules", "register.mjs");

const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : def);
const cli = opt("cli", join(ROOT, "dist", "cli.js"));
// A bundled build says in its metafile which packages each file holds.
const metaPath = join(dirname(cli), "meta.json");
const meta = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, "utf8")) : null;
const packageOf = (path) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
const packagesIn = (file) => {
  const output = meta?.outputs[relative(join(dirname(cli), ".."), file)];
  return output ? Object.keys(output.inputs).map(packageOf) : [packageOf(file)];
};
const small = await ensureRepo(Number(opt("small", "2000")), 1, { log: (m) => console.error(m) });

const work = mkdtempSync(join(tmpdir(), "relnotes-census-"));
try {
  const repo = join(work, "repo");
  execFileSync("git", ["clone", "-q", "--shared", small.mono, repo], {
    env: { ...process.env, ...GIT_ENV },
    stdio: "ignore",
  });
  const message = join(work, "COMMIT_EDITMSG");
  writeFileSync(message, "feat(api): add key rotation\n");
  const tag = small.meta.lastStableTag["api/v"];
  const commands = [
    ["--version"],
    ["check", "--message", message],
    ["version", "api"],
    ["next", "api"],
    ["verify-tag", tag],
    ["preview", "api"],
    ["changelog", "api"],
  ];

  console.log(`relnotes at ${cli}, node ${process.version}\n`);
  console.log("| command | exit | module files | size | git processes | npm packages loaded |");
  console.log("|---|---:|---:|---:|---:|---|");
  for (const command of commands) {
    const log = join(work, "modules.log");
    const trace = join(work, "git.trace");
    writeFileSync(log, "");
    writeFileSync(trace, "");
    const r = spawnSync(process.execPath, ["--import", RECORDER, cli, ...command], {
      cwd: repo,
      env: { ...process.env, ...GIT_ENV, RELNOTES_MODULE_LOG: log, GIT_TRACE: trace },
      encoding: "utf8",
    });
    const files = [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))].map((u) => fileURLToPath(u));
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    const packages = [...new Set(files.flatMap(packagesIn).filter(Boolean))].sort();
    const gits = readFileSync(trace, "utf8")
      .split("\n")
      .filter((l) => / trace: (built-in|exec): git /.test(l)).length;
    const label = command.map((a) => (a === message ? "COMMIT_EDITMSG" : a)).join(" ");
    console.log(
      `| \`${label}\` | ${r.status} | ${files.length} | ${Math.round(bytes / 1024)} KB | ${gits} | ${packages.join(", ")} |`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
