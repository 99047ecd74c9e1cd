import type { Problem } from "../check/types.js";
import { lintCommit } from "./commit.js";
import type { LintRules } from "./rules.js";

const SCISSORS = / -{8,} >8 -{8,}$/;

/**
 * The message as git will store it: comment lines dropped, everything below
 * a scissors line cut (what `git commit --cleanup=strip` does for the editor).
 */
export function stripGitComments(text: string, commentChar = "#"): string {
  const kept: string[] = [];
  for (const line of text.replace(/\r\n/g, "\n").split("\n")) {
    if (line.startsWith(commentChar) && SCISSORS.test(line)) break;
    if (!line.startsWith(commentChar)) kept.push(line);
  }
  return kept.join("\n").replace(/^\n+/, "").trimEnd();
}

/**
 * Lint one commit message (a commit-msg hook's file or a PR title) exactly
 * as `relnotes check` lints history. `merge` says git is recording a merge
 * (MERGE_HEAD exists), which the bump engine classifies by its two parents.
 */
export function lintMessage(
  text: string,
  rules: LintRules,
  options: { merge?: boolean; label?: string; commentChar?: string } = {},
): Problem[] {
  const label = options.label ?? "message";
  const message = stripGitComments(text, options.commentChar);
  if (message.trim() === "") return [{ code: "commit-header", message: `${label}: the message is empty` }];
  const raw = {
    sha: "",
    parents: options.merge ? ["HEAD", "MERGE_HEAD"] : [],
    authorName: "",
    authorEmail: "",
    date: "",
    message,
  };
  return lintCommit(raw, rules, label);
}
