import { Git } from "./run.js";

/** What a commit-msg hook needs from git; all null outside a repository. */
export interface CommitMessageSettings {
  root: string | null;
  /** Where MERGE_HEAD would be (relative to `cwd`): present while `git merge` commits. */
  mergeHead: string | null;
  /** `core.commentChar` when set. */
  commentChar: string | null;
}

/** The commit-msg hook runs on every commit: ask git twice at once, not three times in a row. */
export async function commitMessageSettings(cwd: string): Promise<CommitMessageSettings> {
  const git = new Git(cwd);
  const [top, comment] = await Promise.all([
    git.run(["rev-parse", "--show-toplevel", "--git-path", "MERGE_HEAD"], { allowFailure: true }),
    git.run(["config", "core.commentChar"], { allowFailure: true }),
  ]);
  if (top.code !== 0) return { root: null, mergeHead: null, commentChar: null };
  const [root = "", mergeHead = ""] = top.stdout.split("\n");
  return { root, mergeHead, commentChar: comment.code === 0 ? comment.stdout.trim() : null };
}
