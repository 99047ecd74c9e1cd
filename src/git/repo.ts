import { GitError, RelnotesError } from "../errors.js";
import { knownShallowness, SHALLOW_ARGS, shallowCommits } from "./graph.js";
import { Git } from "./run.js";

function notInRepository(cwd: string): RelnotesError {
  return new RelnotesError(
    `${cwd} is not inside a git repository`,
    "run relnotes from your repository's work tree (or pass --cwd <dir>)",
  );
}

/** The work tree's top folder containing `cwd`, or null outside a repository (no error). */
export async function repositoryRoot(cwd: string): Promise<string | null> {
  const r = await new Git(cwd).run(["rev-parse", "--show-toplevel"], { allowFailure: true });
  return r.code === 0 ? r.stdout.trim() : null;
}

/** Open the repository containing `cwd`, at its top level. */
export async function openRepository(cwd: string): Promise<Git> {
  const root = await repositoryRoot(cwd);
  if (root === null) throw notInRepository(cwd);
  return new Git(root);
}

export interface Head {
  sha: string;
  /** Branch name, or null on a detached HEAD. */
  branch: string | null;
}

// HEAD's commit, then its ref (`refs/heads/<branch>`, or `HEAD` when detached): one rev-parse answers both.
const HEAD_ARGS = ["HEAD^{commit}", "--symbolic-full-name", "HEAD"];

function parseHead(lines: readonly string[], ok: boolean): Head {
  const [sha, ref] = lines;
  if (!ok || !sha || ref === undefined)
    throw new RelnotesError("the repository has no commits yet", "make a first commit before planning a release");
  return { sha, branch: ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null };
}

export async function readHead(git: Git): Promise<Head> {
  const r = await git.run(["rev-parse", ...HEAD_ARGS], { allowFailure: true });
  return parseHead(r.stdout.split("\n"), r.code === 0);
}

/**
 * openRepository, readHead and whether the clone is shallow in one git process: every planning command starts
 * here, and each process costs milliseconds. The shallow answer is kept for shallowCommits (git/graph.ts).
 */
export async function openRepositoryHead(cwd: string): Promise<{ git: Git; head: Head }> {
  const r = await new Git(cwd).run(["rev-parse", "--show-toplevel", ...SHALLOW_ARGS, ...HEAD_ARGS], {
    allowFailure: true,
  });
  // The top level and the shallow answer print before HEAD is resolved: without the top level, this is no
  // repository; with it, a failure means HEAD has no commit.
  const [top, shallow = "", shallowFile = "", ...head] = r.stdout.split("\n");
  if (!top) throw notInRepository(cwd);
  const git = new Git(top);
  knownShallowness(git, shallow, shallowFile);
  return { git, head: parseHead(head, r.code === 0) };
}

export async function isShallow(git: Git): Promise<boolean> {
  return (await shallowCommits(git)).size > 0;
}

/** True when `ancestor` is reachable from `descendant`. */
export function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  return git.test(["merge-base", "--is-ancestor", "--end-of-options", ancestor, descendant]);
}

/**
 * True when `ancestor` is a commit reachable from `descendant`; false also when
 * this clone does not have `ancestor` (a tag fetched without its history). One
 * process: merge-base exits 128 on a missing object, and only then is the
 * object looked up, to tell a missing commit from a real failure.
 */
export async function isReachableFrom(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  const args = ["merge-base", "--is-ancestor", "--end-of-options", ancestor, descendant];
  const r = await git.run(args, { allowFailure: true });
  if (r.code === 0) return true;
  if (r.code === 1) return false;
  if (!(await commitExists(git, ancestor))) return false;
  throw new GitError(args, r.stderr, r.code);
}

/** True when this clone has `sha` as a commit (`cat-file -e` exits 128, not 1, on a missing `<sha>^{commit}`). */
export async function commitExists(git: Git, sha: string): Promise<boolean> {
  return git.test(["rev-parse", "--verify", "--quiet", "--end-of-options", `${sha}^{commit}`]);
}

export async function remoteUrl(git: Git, remote: string): Promise<string | null> {
  const r = await git.run(["remote", "get-url", remote], { allowFailure: true });
  return r.code === 0 ? r.stdout.trim() : null;
}
