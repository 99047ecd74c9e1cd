import { spawn } from "node:child_process";
import type { CliResult } from "./cli.js";

/**
 * Run a process without blocking the test process (a loopback server living in
 * it must keep answering) and collect its output.
 */
export function spawnCollect(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string | undefined>; detached?: boolean },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: options.detached ?? false,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}
