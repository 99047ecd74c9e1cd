import { RelnotesError } from "../errors.js";
import type { Git } from "./run.js";

export interface CommitInfo {
  sha: string;
  parents: string[];
  subject: string;
  /** Full message as stored. */
  message: string;
}

export async function readCommit(git: Git, rev: string): Promise<CommitInfo> {
  const out = await git.out(["show", "-s", "--format=%H%x00%P%x00%s%x00%B", "--end-of-options", `${rev}^{commit}`]);
  const [sha = "", parents = "", subject = "", message = ""] = out.split("\0");
  return { sha, parents: parents.split(" ").filter(Boolean), subject, message };
}

/**
 * Whether `commit` is exactly the one made by committing `message` on `parent`: one parent, that one, and
 * the same message (git keeps none of its trailing newlines). How a release tells its own commit.
 */
export function isCommitOf(commit: CommitInfo, parent: string, message: string): boolean {
  const text = (m: string) => m.replace(/\n+$/, "");
  return commit.parents.length === 1 && commit.parents[0] === parent && text(commit.message) === text(message);
}

/**
 * Commit exactly `paths` (their work-tree content, new files included) with
 * `message`; anything else staged is left out of the commit. Pathspecs are
 * literal, so a file name is never read as a glob.
 */
export async function commitPaths(git: Git, paths: readonly string[], message: string): Promise<string> {
  await git.run(["--literal-pathspecs", "add", "--", ...paths]);
  const r = await git.run(
    ["--literal-pathspecs", "commit", "--quiet", "--cleanup=verbatim", "-m", message, "--", ...paths],
    { allowFailure: true },
  );
  if (r.code !== 0) {
    throw new RelnotesError(
      `the release commit failed: ${r.stderr.trim() || r.stdout.trim() || `exit ${r.code}`}`,
      "if a git hook rejected it, fix the cause and run relnotes bump --resume (or --abort)",
    );
  }
  return git.out(["rev-parse", "HEAD"]);
}

/** Restore tracked paths (index and work tree) to their content at HEAD. */
export async function restoreFromHead(git: Git, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  await git.run(["--literal-pathspecs", "restore", "--source=HEAD", "--staged", "--worktree", "--", ...paths]);
}

/**
 * Move the current branch from `expected` back to `target`, only if HEAD is
 * still `expected`; files the commit changed go back, local edits are kept.
 */
export async function undoCommit(git: Git, expected: string, target: string): Promise<void> {
  const head = await git.out(["rev-parse", "HEAD"]);
  if (head !== expected)
    throw new RelnotesError(
      `HEAD is ${head.slice(0, 12)}, not the release commit ${expected.slice(0, 12)}: leaving it alone`,
      "undo it yourself if you mean to",
    );
  await git.run(["reset", "--quiet", "--keep", target]);
}

/** Why git cannot make a commit or an annotated tag as the current user (no user.name/user.email), or null. */
export async function identityProblem(git: Git): Promise<string | null> {
  for (const who of ["GIT_COMMITTER_IDENT", "GIT_AUTHOR_IDENT"]) {
    const r = await git.run(["var", who], { allowFailure: true });
    if (r.code !== 0) {
      const said =
        r.stderr
          .split("\n")
          .filter((l) => /fatal|empty ident|unable/i.test(l))
          .join(" / ")
          .trim() || r.stderr.trim();
      return (
        `git has no identity to make the release commit and tags with (${said}): set it with git config ` +
        `user.name "Your Name" && git config user.email you@example.com`
      );
    }
  }
  return null;
}
