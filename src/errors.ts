/** Exit codes of the CLI: 0 success, 1 failure, 2 usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * A failure a user can act on. `hint` says what to run or change next;
 * the top-level handler prints message and hint, never a stack trace (unless --debug).
 */
export class RelnotesError extends Error {
  readonly exitCode: number = EXIT.failure;
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RelnotesError";
  }
}

/** Bad command-line usage (unknown flag, conflicting flags): exit 2. */
export class UsageError extends RelnotesError {
  override readonly exitCode: number = EXIT.usage;
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = "UsageError";
  }
}

/** Invalid configuration: names the file and key. */
export class ConfigError extends RelnotesError {
  constructor(file: string, key: string, expected: string, hint?: string) {
    super(`${file}: ${key}: ${expected}`, hint);
    this.name = "ConfigError";
  }
}

/** A git command failed in a way the caller did not expect. */
export class GitError extends RelnotesError {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly code: number | null,
  ) {
    super(`git ${args.join(" ")} failed${code === null ? "" : ` (exit ${code})`}: ${stderr.trim() || "no output"}`);
    this.name = "GitError";
  }
}

/** A git command (usually one talking to a remote) did not finish in time and was stopped. */
export class GitTimeoutError extends RelnotesError {
  constructor(
    readonly args: readonly string[],
    readonly timeoutMs: number,
    readonly stderr: string,
  ) {
    const said = stderr.trim();
    super(
      `git ${args.filter((a) => !a.startsWith("http.lowSpeed") && a !== "-c").join(" ")} got no answer within ` +
        `${formatSeconds(timeoutMs)} and was stopped${said ? `; git said: ${said}` : ""}`,
      "check the network and that the remote answers (git ls-remote <remote>); if it is only slow, raise " +
        "timeouts.network (seconds) in your relnotes config",
    );
    this.name = "GitTimeoutError";
  }
}

/** `2 s`, `1.5 s`, `120 s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Several independent problems reported at once (check, promote, policy). */
export class ProblemsError extends RelnotesError {
  constructor(
    summary: string,
    readonly problems: readonly string[],
    hint?: string,
  ) {
    super(`${summary}\n${problems.map((p) => `  - ${p}`).join("\n")}`, hint);
    this.name = "ProblemsError";
  }
}
