import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { tempDir, writeFiles } from "../helpers/repo.js";

const require = createRequire(import.meta.url);
// pnpm exports only its package.json; yarn's dist exports nothing, so its package.json is reached by path.
const dirOf = (entry: string): string => dirname(require.resolve(entry));

/** The package managers the devDependencies pin, run by node from their own scripts (never from PATH). */
export const PNPM = {
  /** pnpm 10: lockfile v9. */
  v9: join(dirOf("pnpm"), "bin/pnpm.cjs"),
  /** pnpm 8: lockfile v6. */
  v6: join(dirOf("pnpm-v8"), "bin/pnpm.cjs"),
};
export const YARN = join(dirOf("@yarnpkg/cli-dist/package.json"), "bin/yarn.js");

/**
 * Settings for the yarn fixtures: no network, no telemetry, a project-local
 * cache, node_modules instead of PnP; workspace-only dependencies need no download.
 */
export const YARNRC =
  "enableNetwork: false\nenableTelemetry: false\nenableGlobalCache: false\nnodeLinker: node-modules\n";

/**
 * The environment a package manager runs in: the test's, less what `npm test`
 * sets for scripts (npm_*) and any pnpm/yarn settings, with a home of its own
 * (no store, cache or telemetry outside the test's temp dirs).
 */
function pmEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(npm_|pnpm_|yarn_|xdg_|corepack_)/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    HOME: tempDir("relnotes-pm-home-"),
    npm_config_update_notifier: "false",
    COREPACK_ENABLE_STRICT: "0",
    ...extra,
  };
}

export interface PmResult {
  status: number | null;
  output: string;
}

/** Run a package manager script with node in `cwd`. */
export function pm(script: string, cwd: string, args: string[], extra: Record<string, string> = {}): PmResult {
  const p = spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: "utf8",
    env: pmEnv(extra),
    timeout: 60_000,
  });
  return {
    status: p.status,
    output: `${script} ${args.join(" ")}\n${p.stdout}${p.stderr}${p.error ? String(p.error) : ""}`,
  };
}

/** Runs that must succeed: a failure throws with the output. */
function must(result: PmResult): void {
  if (result.status !== 0) throw new Error(`package manager failed (${result.status}):\n${result.output}`);
}

// Writing a lockfile is never a frozen install, whatever CI=true makes the default.
export const PNPM_RELOCK = ["install", "--lockfile-only", "--offline", "--no-frozen-lockfile", "--ignore-scripts"];
export const PNPM_FROZEN = ["install", "--frozen-lockfile", "--offline", "--ignore-scripts"];
export const YARN_RELOCK = {
  args: ["install", "--mode", "update-lockfile"],
  env: { YARN_ENABLE_IMMUTABLE_INSTALLS: "false" },
};
export const YARN_IMMUTABLE = ["install", "--immutable"];

/** The pnpm-lock.yaml that pnpm (`v9` or `v6`) writes for the workspace `files`. */
export function pnpmLockFor(version: keyof typeof PNPM, files: Record<string, string>): string {
  const dir = tempDir("relnotes-pnpm-");
  writeFiles(dir, files);
  must(pm(PNPM[version], dir, PNPM_RELOCK));
  return readFileSync(join(dir, "pnpm-lock.yaml"), "utf8");
}

/** The yarn.lock that yarn berry writes for the workspace `files` (an empty yarn.lock marks the project root). */
export function yarnLockFor(files: Record<string, string>): string {
  const dir = tempDir("relnotes-yarn-");
  writeFiles(dir, { ".yarnrc.yml": YARNRC, "yarn.lock": "", ...files });
  must(pm(YARN, dir, YARN_RELOCK.args, YARN_RELOCK.env));
  return readFileSync(join(dir, "yarn.lock"), "utf8");
}
