import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import type { Git } from "./run.js";

/**
 * Stream the commit graph reachable from `tips` and not from `exclude`,
 * children before parents (`git rev-list --topo-order --parents`), from one
 * process: `onCommit(sha, parents)` per commit. Shallow commits arrive with
 * no parents.
 */
export function streamGraph(git: Git, tips: readonly string[], exclude: readonly string[], onCommit: (sha: string, parents: string[]) => void): Promise<void> {
  const input = [...new Set(tips)].join("\n") + "\n" + exclude.map((e) => `^${e}`).join("\n") + "\n";
  return git.stream(
    ["rev-list", "--topo-order", "--parents", "--stdin"],
    "\n",
    (line) => {
      if (!line) return;
      const [sha = "", ...parents] = line.split(" ");
      onCommit(sha, parents);
    },
    input,
  );
}

/** The commits where a shallow clone's history is cut (empty for a complete clone). */
export async function shallowCommits(git: Git): Promise<Set<string>> {
  if ((await git.out(["rev-parse", "--is-shallow-repository"])) !== "true") return new Set();
  const path = await git.out(["rev-parse", "--git-path", "shallow"]);
  const text = await readFile(isAbsolute(path) ? path : join(git.cwd, path), "utf8").catch(() => "");
  return new Set(text.split("\n").filter((l) => l.length > 0));
}

/** The commits of `tips` minus `exclude` (whole history, no path limit): one `git rev-list`. */
export async function listCommits(git: Git, tips: readonly string[], exclude: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  await streamGraph(git, tips, exclude, (sha) => out.push(sha));
  return out;
}
