import { appendFileSync, statSync } from "node:fs";
import { RelnotesError } from "../errors.js";

/**
 * A GitLab CI dotenv report (`artifacts: reports: dotenv: FILE`): `KEY=value`
 * lines that GitLab turns into variables of the jobs after this one.
 *
 * GitLab's parser is not the dotenv gem's: it reads each line as `key=value`
 * with surrounding blanks stripped, takes no quotes, escapes, comments, blank
 * lines or multi-line values, accepts keys of ASCII letters, digits and `_`,
 * and refuses a report of 5 KB or more (the default `dotenv_size` limit). The
 * variables are expanded where they are used (`raw: false`), so a `$` in a
 * value would be read as a variable reference. Lists are written space
 * separated, for `for image in $RELEASE_IMAGES`.
 */

/** GitLab's default `dotenv_size` plan limit: a report must be smaller. */
export const DOTENV_SIZE_LIMIT = 5 * 1024;

/** The dotenv names of verify-tag's outputs: `RELEASE_` + the output name in upper snake case. */
export function dotenvName(output: string): string {
  return `RELEASE_${output.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

/** Format variables as GitLab reads a dotenv report; a value GitLab would change is an error, not a surprise later. */
export function formatGitlabDotenv(variables: Readonly<Record<string, string>>): string {
  let text = "";
  for (const [key, value] of Object.entries(variables)) {
    if (!/^[A-Za-z0-9_]+$/.test(key)) throw new Error(`invalid dotenv variable name ${JSON.stringify(key)}`);
    if (/[\r\n]/.test(value)) throw new Error(`dotenv variable ${key} has a line break, which GitLab cannot read`);
    if (value.includes("$")) throw new Error(`dotenv variable ${key} has a "$", which GitLab would expand`);
    if (value !== value.trim()) throw new Error(`dotenv variable ${key} has surrounding blanks, which GitLab strips`);
    text += `${key}=${value}\n`;
  }
  return text;
}

/** verify-tag's outputs as dotenv variables: the same values, lists (one item per line there) joined by spaces. */
export function dotenvVariables(outputs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(outputs).map(([name, value]) => [dotenvName(name), value.split("\n").join(" ")]),
  );
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Append verify-tag's outputs to a dotenv report file (created if missing); returns the file. */
export function writeGitlabDotenv(file: string, outputs: Readonly<Record<string, string>>): string {
  const text = formatGitlabDotenv(dotenvVariables(outputs));
  const size = sizeOf(file) + Buffer.byteLength(text);
  if (size >= DOTENV_SIZE_LIMIT) {
    throw new RelnotesError(
      `the dotenv report ${file} would be ${size} bytes; GitLab refuses a report of ${DOTENV_SIZE_LIMIT} bytes or more`,
      "write the report to a file of its own (--gitlab-dotenv release.env), or list fewer image tags " +
        "in distribution.tags",
    );
  }
  try {
    appendFileSync(file, text);
  } catch (e) {
    throw new RelnotesError(
      `cannot append to the dotenv report ${file}: ${(e as Error).message}`,
      "check that the file's directory exists and is writable",
      { cause: e },
    );
  }
  return file;
}
