import { mergeRequestNumber } from "../commits/parse.js";
import type { ConventionalCommit } from "../commits/types.js";
import { streamCommits } from "../git/log.js";
import type { Git } from "../git/run.js";
import type { CommitGraph } from "./graph.js";

interface PullRequestMerge {
  parents: string[];
  pr: number;
}

/** The merges of a walk whose message names a pull/merge request, newest first: one `git log --merges`. */
async function pullRequestMerges(git: Git, tips: readonly string[], exclude: readonly string[]): Promise<PullRequestMerge[]> {
  const merges: PullRequestMerge[] = [];
  await streamCommits(git, { revisions: [], stdinRevisions: [...tips, ...exclude.map((e) => `^${e}`)], paths: [], noMerges: false, mergesOnly: true }, (raw) => {
    const pr = mergeRequestNumber(raw.message);
    if (pr !== null && raw.parents.length > 1) merges.push({ parents: raw.parents, pr });
  });
  return merges;
}

/**
 * Which pull request brought each commit in, from merge commits ("Merge pull
 * request #130 from …", GitLab's "See merge request group/project!12"): the
 * commits reachable from a merge's other parents and not from its first
 * parent. The innermost (oldest) merge wins for a commit merged twice.
 * `graph` is asked for only when such a merge exists.
 */
export async function pullRequestsOfMerges(git: Git, tips: readonly string[], exclude: readonly string[], graph: () => Promise<CommitGraph>): Promise<Map<string, number>> {
  const merges = await pullRequestMerges(git, tips, exclude);
  const numbers = new Map<string, number>();
  if (merges.length === 0) return numbers;
  const g = await graph();
  for (const merge of merges.reverse()) {
    const [first = "", ...others] = merge.parents;
    for (const sha of g.only(others, [first])) if (!numbers.has(sha)) numbers.set(sha, merge.pr);
  }
  return numbers;
}

/** Give commits without a PR number the one of the merge that brought them in. */
export function attachPullRequests(commits: readonly ConventionalCommit[], numbers: ReadonlyMap<string, number>): void {
  if (numbers.size === 0) return;
  for (const c of commits) if (c.pr === null) c.pr = numbers.get(c.sha) ?? null;
}
