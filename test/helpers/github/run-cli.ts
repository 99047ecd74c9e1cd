import type { CliResult } from "../cli.js";
import { CLI } from "../cli.js";
import { BASE_EPOCH, TEST_ENV } from "../repo.js";
import { spawnCollect } from "../spawn.js";

/**
 * Run the built CLI without blocking: the loopback GitHub lives in the test
 * process, so a spawnSync would stop it from answering. Same environment as
 * test/helpers/cli.ts.
 */
export function relnotesAsync(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { detached?: boolean; nodeArgs?: readonly string[] } = {},
): Promise<CliResult> {
  // nodeArgs go before the CLI: a preload such as test/helpers/kill-after.mjs.
  return spawnCollect(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd,
    // Detached: relnotes leads its own process group, so a test can kill the group (relnotes and the git it runs).
    detached: options.detached ?? false,
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
  });
}
