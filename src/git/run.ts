import { spawn } from "node:child_process";
import { GitError, GitTimeoutError } from "../errors.js";

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  /** Data written to git's stdin. */
  input?: string;
  /** Extra environment variables (merged over process.env). */
  env?: Record<string, string | undefined>;
  /** Return the result on a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Stop git (SIGKILL) and throw a GitTimeoutError after this many ms. */
  timeoutMs?: number;
}

/** Default deadline of one git command that talks to a remote (config timeouts.network). */
export const DEFAULT_NETWORK_TIMEOUT_MS = 120_000;

/** Environment that keeps git's output stable and non-interactive. */
function gitEnv(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", ...extra };
}

/**
 * The only place relnotes starts git. Arguments are an array, never a shell
 * string, so commit data and user input cannot be interpreted by a shell.
 */
export class Git {
  private sshCommand: Promise<string | null> | null = null;

  constructor(
    readonly cwd: string,
    /** Deadline of each command run by `network` (config timeouts.network). */
    readonly networkTimeoutMs: number = DEFAULT_NETWORK_TIMEOUT_MS,
  ) {}

  /** The same repository with another network deadline. */
  withNetworkTimeout(ms: number): Git {
    return new Git(this.cwd, ms);
  }

  run(args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      // No stdin pipe (and stream) unless there is input to send: each one costs a process start time.
      const stdin = options.input === undefined ? "ignore" : "pipe";
      const child = spawn("git", args as string[], {
        cwd: this.cwd,
        env: gitEnv(options.env),
        stdio: [stdin, "pipe", "pipe"],
      });
      const stdout = child.stdout!;
      const stderr = child.stderr!;
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let settled = false;
      const timer =
        options.timeoutMs === undefined
          ? null
          : setTimeout(() => {
              settled = true;
              child.kill("SIGKILL");
              // A helper git started (ssh, git-remote-https) may still hold the pipes open: do not wait for them.
              stdout.destroy();
              stderr.destroy();
              reject(new GitTimeoutError(args, options.timeoutMs!, Buffer.concat(err).toString("utf8")));
            }, options.timeoutMs);
      stdout.on("data", (b: Buffer) => out.push(b));
      stderr.on("data", (b: Buffer) => err.push(b));
      child.on("error", (e) => {
        if (timer) clearTimeout(timer);
        if (!settled) reject(e);
        settled = true;
      });
      child.on("close", (code) => {
        if (timer) clearTimeout(timer);
        if (settled) return;
        settled = true;
        const result = {
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
          code,
        };
        if (code !== 0 && !options.allowFailure) reject(new GitError(args, result.stderr, code));
        else resolve(result);
      });
      if (options.input !== undefined) {
        child.stdin!.on("error", () => {});
        child.stdin!.end(options.input);
      }
    });
  }

  /**
   * Run a command that talks to a remote, with every wait bounded: HTTP
   * transfers slower than 1 KB/s for the whole timeout are dropped by git,
   * SSH connects and stalls time out, and the command as a whole is stopped
   * at the deadline (GitTimeoutError).
   */
  async network(args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
    const seconds = Math.max(1, Math.ceil(this.networkTimeoutMs / 1000));
    const env: Record<string, string | undefined> = { ...options.env };
    const ssh = await this.sshOverride(seconds);
    if (ssh) env.GIT_SSH_COMMAND = ssh;
    const limits = ["-c", "http.lowSpeedLimit=1000", "-c", `http.lowSpeedTime=${seconds}`];
    return this.run([...limits, ...args], { ...options, env, timeoutMs: this.networkTimeoutMs });
  }

  /** `ssh` with connect and keep-alive timeouts, unless the user chose their own SSH command (which is left alone). */
  private async sshOverride(seconds: number): Promise<string | null> {
    if (process.env.GIT_SSH_COMMAND || process.env.GIT_SSH) return null;
    this.sshCommand ??= this.run(["config", "--get", "core.sshCommand"], { allowFailure: true }).then((r) =>
      r.code === 0 && r.stdout.trim() ? r.stdout.trim() : null,
    );
    if ((await this.sshCommand) !== null) return null;
    return (
      `ssh -o ConnectTimeout=${seconds} -o ServerAliveInterval=${Math.max(1, Math.ceil(seconds / 3))} -o ` +
      "ServerAliveCountMax=3"
    );
  }

  /** Run and return trimmed stdout. */
  async out(args: readonly string[], options: RunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.trim();
  }

  /** True when git exits 0, false on exit 1; other codes throw. */
  async test(args: readonly string[]): Promise<boolean> {
    const r = await this.run(args, { allowFailure: true });
    if (r.code === 0) return true;
    if (r.code === 1) return false;
    throw new GitError(args, r.stderr, r.code);
  }

  /**
   * Stream stdout split on a one-byte `separator`, calling `onRecord` for each
   * record as it arrives. Each record is decoded from the bytes on its own, so
   * the strings a caller keeps never pin the whole output in memory.
   */
  stream(
    args: readonly string[],
    separator: "\0" | "\n",
    onRecord: (record: string) => void,
    input?: string,
  ): Promise<void> {
    return this.streamBytes(args, separator, (data, start, end) => onRecord(data.toString("utf8", start, end)), input);
  }

  /**
   * `stream` without decoding: `onRecord(data, start, end)` gets the record's
   * bytes `data[start, end)`, valid only during the call (the buffer is reused),
   * so a caller that reads a few fields of a large output makes no strings.
   */
  streamBytes(
    args: readonly string[],
    separator: "\0" | "\n",
    onRecord: (data: Buffer, start: number, end: number) => void,
    input?: string,
  ): Promise<void> {
    const sep = separator.charCodeAt(0);
    return new Promise((resolve, reject) => {
      const child = spawn("git", args as string[], {
        cwd: this.cwd,
        env: gitEnv(),
        stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      });
      if (input !== undefined) {
        child.stdin!.on("error", () => {});
        child.stdin!.end(input);
      }
      let pending: Buffer = Buffer.alloc(0);
      let failure: unknown;
      const err: Buffer[] = [];
      child.stdout!.on("data", (chunk: Buffer) => {
        if (failure) return;
        const data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
        let start = 0;
        try {
          for (let idx = data.indexOf(sep, start); idx !== -1; idx = data.indexOf(sep, start)) {
            onRecord(data, start, idx);
            start = idx + 1;
          }
        } catch (e) {
          failure = e;
          child.kill();
        }
        // A copy: a view would keep the whole chunk alive for the few bytes of an unfinished record.
        pending = start < data.length ? Buffer.from(data.subarray(start)) : Buffer.alloc(0);
      });
      child.stderr!.on("data", (b: Buffer) => err.push(b));
      child.on("error", reject);
      child.on("close", (code) => {
        if (failure) return reject(failure);
        if (code !== 0) return reject(new GitError(args, Buffer.concat(err).toString("utf8"), code));
        try {
          if (pending.length > 0) onRecord(pending, 0, pending.length);
        } catch (e) {
          return reject(e);
        }
        resolve();
      });
    });
  }
}
