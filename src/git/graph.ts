import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import type { Git } from "./run.js";

/**
 * Stream the commit graph reachable from `tips` and not from `exclude`,
 * children before parents (`git rev-list --topo-order --parents`), from one
 * process: `onCommit(sha, parents)` per commit. Shallow commits arrive with
 * no parents.
 */
export function streamGraph(
  git: Git,
  tips: readonly string[],
  exclude: readonly string[],
  onCommit: (sha: string, parents: string[]) => void,
): Promise<void> {
  const input = `${[...new Set(tips)].join("\n")}\n${exclude.map((e) => `^${e}`).join("\n")}\n`;
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

/**
 * Stream the commit graph reachable from `tips` in the order git's revision
 * walk visits it (`git rev-list --parents`, no sort: it prints as it walks),
 * without decoding: `onCommit(data, start, end)` gets the bytes of one line,
 * `<id> <parent>…`, valid only during the call.
 */
export function streamGraphLines(
  git: Git,
  tips: readonly string[],
  onCommit: (data: Buffer, start: number, end: number) => void,
): Promise<void> {
  return git.streamBytes(["rev-list", "--parents", "--stdin"], "\n", onCommit, `${[...new Set(tips)].join("\n")}\n`);
}

const shallowCuts = new WeakMap<Git, Promise<Set<string>>>();

/** What `git rev-parse …SHALLOW_ARGS` prints: `true`/`false`, then the path of the shallow file. */
export const SHALLOW_ARGS = ["--is-shallow-repository", "--git-path", "shallow"] as const;

/**
 * The commits where a shallow clone's history is cut (empty for a complete
 * clone), read once per Git: from what the opening rev-parse printed
 * (knownShallowness), else with one rev-parse of its own.
 */
export function shallowCommits(git: Git): Promise<Set<string>> {
  let cut = shallowCuts.get(git);
  if (!cut) {
    cut = git.run(["rev-parse", ...SHALLOW_ARGS]).then((r) => {
      const [shallow = "", path = ""] = r.stdout.split("\n");
      return readShallowCut(git, shallow, path);
    });
    shallowCuts.set(git, cut);
  }
  return cut;
}

/** Record the answer of a rev-parse that printed SHALLOW_ARGS (`true`/`false`, the path), so no later call asks again. */
export function knownShallowness(git: Git, shallow: string, path: string): void {
  shallowCuts.set(git, readShallowCut(git, shallow, path));
}

async function readShallowCut(git: Git, shallow: string, path: string): Promise<Set<string>> {
  if (shallow !== "true") return new Set();
  const text = await readFile(isAbsolute(path) ? path : join(git.cwd, path), "utf8").catch(() => "");
  return new Set(text.split("\n").filter((l) => l.length > 0));
}

/** The commits of `tips` minus `exclude` (whole history, no path limit): one `git rev-list`. */
export async function listCommits(git: Git, tips: readonly string[], exclude: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  await streamGraph(git, tips, exclude, (sha) => out.push(sha));
  return out;
}
