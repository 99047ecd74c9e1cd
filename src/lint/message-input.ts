import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Problem } from "../check/types.js";
import { loadConfig } from "../config/load.js";
import { RelnotesError } from "../errors.js";
import { Git } from "../git/run.js";
import { lintMessage } from "./message.js";
import { lintRules } from "./rules.js";

function readMessageFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new RelnotesError(`cannot read the message file ${path}: ${(e as Error).message}`, "pass the file git gives a commit-msg hook ($1), or - to read the message from stdin", { cause: e });
  }
}

/**
 * `relnotes check --message FILE|-`: lint one message with the repository's
 * config when run inside one, the defaults otherwise (no repository needed).
 * `-` reads the message with `readStdin`, which the caller provides.
 */
export async function lintMessageInput(source: string, cwd: string, readStdin: () => Promise<string>): Promise<Problem[]> {
  const text = source === "-" ? await readStdin() : readMessageFile(resolve(cwd, source));
  const git = new Git(cwd);
  // The commit-msg hook runs on every commit: ask git twice at once, not three times in a row.
  const [top, comment] = await Promise.all([
    git.run(["rev-parse", "--show-toplevel", "--git-path", "MERGE_HEAD"], { allowFailure: true }),
    git.run(["config", "core.commentChar"], { allowFailure: true }),
  ]);
  const inRepo = top.code === 0;
  const [root = "", mergeHead = ""] = top.stdout.split("\n");
  const config = await loadConfig(inRepo ? root : cwd);
  // A commit-msg hook also runs for `git merge`; MERGE_HEAD (a file in the git dir) tells it is a merge.
  const merge = inRepo && source !== "-" && existsSync(resolve(cwd, mergeHead));
  const commentChar = inRepo ? comment.stdout.trim() : "";
  return lintMessage(text, lintRules(config), {
    merge,
    label: source === "-" ? "message" : source,
    commentChar: commentChar.length === 1 ? commentChar : "#",
  });
}
