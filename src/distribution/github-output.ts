import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import { RelnotesError } from "../errors.js";

/**
 * Format outputs the way `$GITHUB_OUTPUT` reads them: `key=value`, or for a
 * value with a line break the heredoc form `key<<DELIM … DELIM` with a
 * delimiter that does not occur in the value.
 */
export function formatGithubOutput(
  outputs: Readonly<Record<string, string>>,
  delimiter: () => string = randomDelimiter,
): string {
  let text = "";
  for (const [key, value] of Object.entries(outputs)) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) throw new Error(`invalid output name ${JSON.stringify(key)}`);
    if (!value.includes("\n") && !value.includes("\r")) {
      text += `${key}=${value}\n`;
      continue;
    }
    let delim = delimiter();
    while (value.includes(delim)) delim = delimiter();
    text += `${key}<<${delim}\n${value}\n${delim}\n`;
  }
  return text;
}

function randomDelimiter(): string {
  return `ghadelimiter_${randomBytes(12).toString("hex")}`;
}

/** Append outputs to the file named by `GITHUB_OUTPUT`. */
export function writeGithubOutput(env: NodeJS.ProcessEnv, outputs: Readonly<Record<string, string>>): string {
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    throw new RelnotesError(
      "--github-output needs the GITHUB_OUTPUT environment variable",
      "GitHub Actions sets it in every step; elsewhere set GITHUB_OUTPUT=<file> yourself",
    );
  }
  try {
    appendFileSync(file, formatGithubOutput(outputs));
  } catch (e) {
    throw new RelnotesError(
      `cannot append to GITHUB_OUTPUT file ${file}: ${(e as Error).message}`,
      "check that the file's directory exists and is writable",
      { cause: e },
    );
  }
  return file;
}

/** The names `relnotes promote --github-output` writes: the aliases to move now, one per line. */
export const PROMOTE_OUTPUTS = ["tag", "version", "tags", "images"] as const;

export function promoteOutputs(p: {
  tag: string;
  version: string;
  tags: readonly string[];
  images: readonly string[];
}): Record<(typeof PROMOTE_OUTPUTS)[number], string> {
  return { tag: p.tag, version: p.version, tags: p.tags.join("\n"), images: p.images.join("\n") };
}
