import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { apiVaultSpec, releasedRepo, type Released } from "../bump/setup.js";
import { type FakeGitHub, startFakeGitHub } from "../helpers/github/server.js";
import { gitIn } from "../helpers/repo.js";

/**
 * Release pull request fixtures: a remote whose main is protected (every direct push refused, as a branch
 * protection rule does), merges made on the remote's side, and a byte-level picture of the local repository.
 */

/** A released monorepo whose remote refuses every push to main (a protected branch), with local work in progress. */
export function protectedRepo(): Released {
  const r = releasedRepo(apiVaultSpec());
  const hook = join(r.remote.bare, "hooks", "pre-receive");
  writeFileSync(
    hook,
    `#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = refs/heads/main ]; then echo "main is protected: open a pull request"; exit 1; fi\ndone\n`,
  );
  chmodSync(hook, 0o755);
  r.work.git("config", "user.name", "Release Bot");
  r.work.git("config", "user.email", "bot@example.com");
  // Work in progress: a staged edit, an unstaged edit and an untracked file, none of them the plan's.
  writeFileSync(join(r.work.dir, "svc/vault/main.go"), "staged\n");
  r.work.git("add", "svc/vault/main.go");
  writeFileSync(join(r.work.dir, "svc/vault/main.go"), "staged, then edited\n");
  writeFileSync(join(r.work.dir, "notes.txt"), "untracked\n");
  r.work.git("status", "--porcelain"); // let git refresh the index once, before the first snapshot
  return r;
}

/** Every byte a user could see locally: the index file, the index entries, HEAD and its branch, the work tree. */
export function localState(dir: string): string {
  const index = readFileSync(join(dir, ".git", "index")).toString("base64");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name === ".git") continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(`${relative(dir, p)}\n${readFileSync(p, "utf8")}`);
    }
  };
  walk(dir);
  const git = (...args: string[]) => gitIn(dir, args);
  return [
    index,
    git("ls-files", "-s"),
    git("symbolic-ref", "HEAD"),
    git("rev-parse", "HEAD"),
    git("for-each-ref", "refs/heads/main"),
    ...files,
  ].join("\n--\n");
}

/** Move the remote's main to `clone`'s HEAD as a merge on the forge would (the hook refuses pushes to main). */
export function mergeOnRemote(r: Released, clone: string): string {
  gitIn(clone, ["push", "-q", "origin", "HEAD:refs/heads/merging"]);
  const sha = gitIn(clone, ["rev-parse", "HEAD"]).trim();
  r.remote.git("update-ref", "refs/heads/main", sha);
  r.remote.git("update-ref", "-d", "refs/heads/merging");
  return sha;
}

/**
 * A squash merge of `commit` (the release commit) as GitHub makes it: one new commit on the remote's main with
 * `commit`'s tree and the pull request's title as its message. Returns the new main commit.
 */
export function squashOnRemote(r: Released, commit: string, message: string): string {
  const main = r.remote.git("rev-parse", "refs/heads/main").trim();
  const squashed = r.remote.git("commit-tree", `${commit}^{tree}`, "-p", main, "-m", message).trim();
  r.remote.git("update-ref", "refs/heads/main", squashed, main);
  return squashed;
}

/** A loopback GitHub serving acme/widgets whose branches are the remote's (pull request heads and bases). */
export async function remoteGitHub(r: Released, token: string): Promise<FakeGitHub> {
  return startFakeGitHub({
    token,
    branchTip: (branch) => r.remote.refs().get(`refs/heads/${branch}`) ?? null,
  });
}
