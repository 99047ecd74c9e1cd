import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Problem } from "../check/types.js";
import { loadConfig } from "../config/load.js";
import { RelnotesError } from "../errors.js";
import { commitMessageSettings } from "../git/hook-settings.js";
import { lintMessage } from "./message.js";
import { lintRules } from "./rules.js";

function readMessageFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new RelnotesError(
      `cannot read the message file ${path}: ${(e as Error).message}`,
      "pass the file git gives a commit-msg hook ($1), or - to read the message from stdin",
      { cause: e },
    );
  }
}

/**
 * `relnotes check --message FILE|-`: lint one message with the repository's
 * config when run inside one, the defaults otherwise (no repository needed).
 * `-` reads the message with `readStdin`, which the caller provides.
 */
export async function lintMessageInput(
  source: string,
  cwd: string,
  readStdin: () => Promise<string>,
): Promise<Problem[]> {
  const text = source === "-" ? await readStdin() : readMessageFile(resolve(cwd, source));
  const git = await commitMessageSettings(cwd);
  const config = await loadConfig(git.root ?? cwd);
  // A commit-msg hook also runs for `git merge`; MERGE_HEAD (a file in the git dir) tells it is a merge.
  const merge = git.mergeHead !== null && source !== "-" && existsSync(resolve(cwd, git.mergeHead));
  const commentChar = git.commentChar ?? "";
  return lintMessage(text, lintRules(config), {
    merge,
    label: source === "-" ? "message" : source,
    commentChar: commentChar.length === 1 ? commentChar : "#",
  });
}
