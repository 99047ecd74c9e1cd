import { spawn } from "node:child_process";
import { formatSeconds, RelnotesError } from "../errors.js";
import type { Emit } from "../events.js";

export interface HookResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  /** Stopped at the deadline (timeouts.hooks). */
  timedOut: boolean;
}

/**
 * Run one hooks.beforeCommit command in the repository root. An argument
 * array runs the program directly; a string is the user's own shell command
 * line (documented shell mode: `sh -c` on POSIX, `cmd` on Windows). Nothing
 * from commits or tags is ever spliced into it: release facts reach the hook
 * only through RELNOTES_* environment variables.
 */
export function runHook(
  command: string | string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<HookResult> {
  return new Promise((resolve, reject) => {
    const options = {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"],
    };
    const child = Array.isArray(command)
      ? spawn(command[0]!, command.slice(1), options)
      : spawn(command, { ...options, shell: true });
    const chunks: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
      // Something the hook started may keep the pipes open after the hook itself is gone: stop reading.
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ code: null, signal: "SIGKILL", output: Buffer.concat(chunks).toString("utf8"), timedOut });
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => chunks.push(b));
    child.stderr.on("data", (b: Buffer) => chunks.push(b));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(
        new RelnotesError(
          `hook ${describeHook(command)} could not start: ${e.message}`,
          "check hooks.beforeCommit in your config",
        ),
      );
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (!timedOut) resolve({ code, signal, output: Buffer.concat(chunks).toString("utf8"), timedOut });
    });
  });
}

export function describeHook(command: string | string[]): string {
  return Array.isArray(command) ? JSON.stringify(command) : `"${command}"`;
}

/** Run every hook in order; the first failure throws with its last output lines. */
export async function runHooks(
  commands: readonly (string | string[])[],
  cwd: string,
  env: Record<string, string>,
  emit: Emit,
  timeoutMs: number,
): Promise<void> {
  for (const command of commands) {
    emit({ type: "progress", step: "hook", detail: describeHook(command) });
    const r = await runHook(command, cwd, env, timeoutMs);
    for (const line of r.output.trimEnd().split("\n")) if (line) emit({ type: "info", message: `  | ${line}` });
    if (r.timedOut) {
      throw new RelnotesError(
        `hook ${describeHook(command)} did not finish within ${formatSeconds(timeoutMs)} and was stopped`,
        "find out why it hangs (run it by hand); if it is only slow, raise timeouts.hooks (seconds) in your " +
          "relnotes config, then run relnotes bump again",
      );
    }
    if (r.code !== 0) {
      const why = r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
      throw new RelnotesError(
        `hook ${describeHook(command)} failed (${why})`,
        "fix what the hook reports and run relnotes bump again",
      );
    }
  }
}
