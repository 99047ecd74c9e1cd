/**
 * All CLI output goes through here, so secrets are redacted in one place:
 * the values of GITHUB_TOKEN and GH_TOKEN never reach stdout or stderr.
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdin and stderr are terminals (prompts are allowed). */
  interactive: boolean;
  /** Ask a yes/no question on the terminal. */
  confirm(question: string): Promise<boolean>;
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

export function processIO(): CliIO {
  const secrets = secretsOf(process.env);
  const write = (stream: NodeJS.WriteStream) => (text: string) => {
    stream.write(redact(text.endsWith("\n") ? text : `${text}\n`, secrets));
  };
  return {
    out: write(process.stdout),
    err: write(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    async confirm(question) {
      const { createInterface } = await import("node:readline/promises");
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await rl.question(`${question} [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
  };
}
