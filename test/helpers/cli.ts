import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BASE_EPOCH, TEST_ENV } from "./repo.js";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built relnotes CLI in `cwd`, with pinned dates and no terminal; `nodeArgs` go before the CLI (e.g. a preload). */
export function relnotes(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  input?: string,
  nodeArgs: readonly string[] = [],
): CliResult {
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd,
    env: {
      ...process.env,
      ...TEST_ENV,
      SOURCE_DATE_EPOCH: String(BASE_EPOCH + 30 * 86_400 * 10),
      GITHUB_ACTIONS: "",
      GITHUB_TOKEN: "",
      GH_TOKEN: "",
      NO_COLOR: undefined,
      FORCE_COLOR: undefined,
      ...env,
    },
    input,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function json<T = unknown>(r: CliResult): T {
  if (r.code !== 0) throw new Error(`relnotes exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
