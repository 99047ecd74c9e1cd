import { RelnotesError } from "../errors.js";
import { colorEnabled } from "./style.js";

/**
 * All CLI output goes through here, so secrets are redacted in one place:
 * the values of GITHUB_TOKEN and GH_TOKEN never reach stdout or stderr.
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** A transient status line on stderr: redrawn in place on a terminal; elsewhere printed only if no `done` line replaces it. */
  progress(text: string): void;
  /** The final line of the step `progress` announced. */
  done(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdin and stderr are terminals (prompts are allowed). */
  interactive: boolean;
  /** Whether stdout and stderr get colour (TTY, NO_COLOR, FORCE_COLOR, --color/--no-color). */
  color: { out: boolean; err: boolean };
  /** All of standard input, as UTF-8 text (read only when a command asks for it). */
  readStdin(): Promise<string>;
  /** Ask a yes/no question on the terminal; Ctrl-C or Ctrl-D throws CancelledError. */
  confirm(question: string): Promise<boolean>;
}

/** The user cancelled at a prompt: nothing was written; exit 130 like an interrupted program. */
export class CancelledError extends RelnotesError {
  override readonly exitCode: number = 130;
  constructor() {
    super("Cancelled: nothing was written.");
    this.name = "CancelledError";
  }
}

const SECRET_VARS = ["GITHUB_TOKEN", "GH_TOKEN"];

export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  return SECRET_VARS.map((k) => env[k]).filter((v): v is string => typeof v === "string" && v.length >= 4);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join("***");
  return out;
}

const CLEAR_LINE = "\r\x1b[2K";

async function confirmOnTerminal(question: string): Promise<boolean> {
  // Loaded only when a prompt is shown.
  const { confirm, isCancel, updateSettings } = await import("@clack/prompts");
  // Ctrl-D (end of input) cancels like Ctrl-C and Escape.
  updateSettings({ aliases: { "\x04": "cancel" } });
  const answer = await confirm({ message: question, initialValue: false, output: process.stderr, withGuide: false });
  if (isCancel(answer)) throw new CancelledError();
  return answer;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

export function processIO(): CliIO {
  const secrets = secretsOf(process.env);
  const errTTY = Boolean(process.stderr.isTTY);
  let open = false;
  let pending: string | null = null;
  const raw = (stream: NodeJS.WriteStream, text: string) => stream.write(redact(text, secrets));
  // Whatever else is printed first clears the status line (terminal) or prints the announced step (elsewhere).
  const settle = () => {
    if (open) raw(process.stderr, CLEAR_LINE);
    open = false;
    if (pending !== null) raw(process.stderr, `${pending}\n`);
    pending = null;
  };
  const write = (stream: NodeJS.WriteStream) => (text: string) => {
    settle();
    raw(stream, text.endsWith("\n") ? text : `${text}\n`);
  };
  return {
    out: write(process.stdout),
    err: write(process.stderr),
    progress(text) {
      settle();
      if (errTTY) {
        raw(
          process.stderr,
          `${CLEAR_LINE}${text.split("\n")[0]!.slice(0, Math.max(20, (process.stderr.columns || 80) - 1))}`,
        );
        open = true;
      } else pending = text;
    },
    done(text) {
      pending = null;
      if (open) raw(process.stderr, CLEAR_LINE);
      open = false;
      raw(process.stderr, `${text}\n`);
    },
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stdin.isTTY && errTTY),
    color: { out: colorEnabled(process.env, Boolean(process.stdout.isTTY)), err: colorEnabled(process.env, errTTY) },
    readStdin: () => readAll(process.stdin),
    async confirm(question) {
      settle();
      return confirmOnTerminal(question);
    },
  };
}
