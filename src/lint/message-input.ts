import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Problem } from "../check/types.js";
import { loadConfig } from "../config/load.js";
import { RelnotesError } from "../errors.js";
import { Git } from "../git/run.js";
import { lintMessage } from "./message.js";
import { lintRules } from "./rules.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

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
 */
export async function lintMessageInput(source: string, cwd: string): Promise<Problem[]> {
  const text = source === "-" ? await readStdin() : readMessageFile(resolve(cwd, source));
  const git = new Git(cwd);
  const top = await git.run(["rev-parse", "--show-toplevel"], { allowFailure: true });
  const inRepo = top.code === 0;
  const config = await loadConfig(inRepo ? top.stdout.trim() : cwd);
  // A commit-msg hook also runs for `git merge`; MERGE_HEAD tells it is a merge.
  const merge = inRepo && source !== "-" && (await git.run(["rev-parse", "-q", "--verify", "MERGE_HEAD"], { allowFailure: true })).code === 0;
  const commentChar = inRepo ? (await git.run(["config", "core.commentChar"], { allowFailure: true })).stdout.trim() : "";
  return lintMessage(text, lintRules(config), {
    merge,
    label: source === "-" ? "message" : source,
    commentChar: commentChar.length === 1 ? commentChar : "#",
  });
}
