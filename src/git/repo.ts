import { RelnotesError } from "../errors.js";
import { Git } from "./run.js";

/** Open the repository containing `cwd`, at its top level. */
export async function openRepository(cwd: string): Promise<Git> {
  const probe = new Git(cwd);
  const r = await probe.run(["rev-parse", "--show-toplevel"], { allowFailure: true });
  if (r.code !== 0) {
    throw new RelnotesError(`${cwd} is not inside a git repository`, "run relnotes from your repository's work tree (or pass --cwd <dir>)");
  }
  return new Git(r.stdout.trim());
}

export interface Head {
  sha: string;
  /** Branch name, or null on a detached HEAD. */
  branch: string | null;
}

export async function readHead(git: Git): Promise<Head> {
  const sha = await git.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], { allowFailure: true });
  if (sha.code !== 0) throw new RelnotesError("the repository has no commits yet", "make a first commit before planning a release");
  const branch = await git.run(["symbolic-ref", "--quiet", "--short", "HEAD"], { allowFailure: true });
  return { sha: sha.stdout.trim(), branch: branch.code === 0 ? branch.stdout.trim() : null };
}

export async function isShallow(git: Git): Promise<boolean> {
  return (await git.out(["rev-parse", "--is-shallow-repository"])) === "true";
}

/** True when `ancestor` is reachable from `descendant`. */
export function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  return git.test(["merge-base", "--is-ancestor", "--end-of-options", ancestor, descendant]);
}

export async function commitExists(git: Git, sha: string): Promise<boolean> {
  return git.test(["cat-file", "-e", `${sha}^{commit}`]);
}

export async function remoteUrl(git: Git, remote: string): Promise<string | null> {
  const r = await git.run(["remote", "get-url", remote], { allowFailure: true });
  return r.code === 0 ? r.stdout.trim() : null;
}
