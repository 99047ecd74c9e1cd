import { mergeRequestNumber } from "../commits/parse.js";
import type { ConventionalCommit, RawCommit } from "../commits/types.js";
import { streamCommits } from "../git/log.js";
import type { Git } from "../git/run.js";
import type { CommitGraph } from "./graph.js";

interface PullRequestMerge {
  parents: string[];
  pr: number;
}

function collect(merges: PullRequestMerge[]): (raw: RawCommit) => void {
  return (raw) => {
    const pr = mergeRequestNumber(raw.message);
    if (pr !== null && raw.parents.length > 1) merges.push({ parents: raw.parents, pr });
  };
}

/**
 * Which pull request brought each commit in, from merge commits ("Merge pull
 * request #130 from …", GitLab's "See merge request group/project!12"): the
 * commits reachable from a merge's other parents and not from its first
 * parent. The innermost (oldest) merge wins for a commit merged twice.
 */
function attribute(graph: CommitGraph, merges: readonly PullRequestMerge[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const merge of [...merges].reverse()) {
    const [first = "", ...others] = merge.parents;
    for (const sha of graph.only(others, [first])) if (!numbers.has(sha)) numbers.set(sha, merge.pr);
  }
  return numbers;
}

/** For one range: one `git log --merges`, and the range's graph (`graph`) only when a PR merge is in it. */
export async function pullRequestsOfRange(
  git: Git,
  tips: readonly string[],
  exclude: readonly string[],
  graph: () => Promise<CommitGraph>,
): Promise<Map<string, number>> {
  const merges: PullRequestMerge[] = [];
  await streamCommits(
    git,
    {
      revisions: [],
      stdinRevisions: [...tips, ...exclude.map((e) => `^${e}`)],
      paths: [],
      noMerges: false,
      mergesOnly: true,
    },
    collect(merges),
  );
  return merges.length === 0 ? new Map() : attribute(await graph(), merges);
}

/** For a graph already in memory: the messages of its merges only (no process at all for a linear history). */
export async function pullRequestsOfGraph(git: Git, graph: CommitGraph): Promise<Map<string, number>> {
  if (graph.merges.length === 0) return new Map();
  const merges: PullRequestMerge[] = [];
  await streamCommits(
    git,
    { revisions: [], stdinRevisions: graph.merges, paths: [], noMerges: false, noWalk: true },
    collect(merges),
  );
  return attribute(graph, merges);
}

/** Give commits without a PR number the one of the merge that brought them in. */
export function attachPullRequests(commits: readonly ConventionalCommit[], numbers: ReadonlyMap<string, number>): void {
  if (numbers.size === 0) return;
  for (const c of commits) if (c.pr === null) c.pr = numbers.get(c.sha) ?? null;
}
