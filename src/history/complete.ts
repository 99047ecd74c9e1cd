import { RelnotesError } from "../errors.js";
import { listCommits, shallowCommits } from "../git/graph.js";
import type { Git } from "../git/run.js";
import type { HistoryGraph } from "./compact-graph.js";

export const FETCH_HISTORY_HINT =
  "fetch the full history and tags: git fetch --unshallow --tags (in GitHub Actions: actions/checkout with " +
  "fetch-depth: 0)";

/** A walk a command is about to make: commits reachable from `tips` and not from `exclude`. */
export interface HistoryWalk {
  tips: readonly string[];
  exclude: readonly string[];
  /** What the walk is for, in a message: `api since api/v1.2.0`. */
  what: string;
}

/**
 * Stop before reading history a shallow clone does not have: when a walk
 * reaches the clone's cut, its answer (previous release, commit list, next
 * version) would be silently wrong. A complete clone costs one git call.
 */
export async function assertHistoryComplete(git: Git, walks: readonly HistoryWalk[]): Promise<void> {
  const cut = await shallowCommits(git);
  if (cut.size === 0) return;
  for (const walk of walks) {
    const commits = await listCommits(git, walk.tips, walk.exclude);
    const hit = commits.find((c) => cut.has(c));
    if (hit !== undefined) {
      throw new RelnotesError(
        `this is a shallow clone: the history of ${walk.what} reaches the clone's cut at commit ` +
          `${hit.slice(0, 12)}, so its previous release and commits cannot be told`,
        FETCH_HISTORY_HINT,
      );
    }
  }
}

/** The same check for a graph already read in memory. */
export async function assertGraphComplete(git: Git, commits: readonly string[], what: string): Promise<void> {
  const cut = await shallowCommits(git);
  if (cut.size === 0) return;
  const hit = commits.find((c) => cut.has(c));
  if (hit !== undefined) {
    throw new RelnotesError(
      `this is a shallow clone: the history of ${what} reaches the clone's cut at commit ${hit.slice(0, 12)}`,
      FETCH_HISTORY_HINT,
    );
  }
}

/** The same check for a whole history's graph: the cut commit nearest the tips, as in `git rev-list --topo-order`. */
export async function assertWalkComplete(git: Git, graph: HistoryGraph, what: string): Promise<void> {
  const cut = await shallowCommits(git);
  let hit = -1;
  for (const sha of cut) {
    const id = graph.ids.numberOfHex(sha);
    if (graph.isWalked(id) && (hit === -1 || graph.positionOf(id) < graph.positionOf(hit))) hit = id;
  }
  if (hit !== -1) {
    throw new RelnotesError(
      `this is a shallow clone: the history of ${what} reaches the clone's cut at commit ${graph.ids.hex(hit).slice(0, 12)}`,
      FETCH_HISTORY_HINT,
    );
  }
}
