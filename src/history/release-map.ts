import type { Git } from "../git/run.js";

/**
 * Which release first contains each commit, for a whole history in one pass.
 *
 * `releases` are ordered by ascending version; a commit belongs to the
 * lowest-versioned release whose tag commit reaches it (for a linear history
 * that is exactly `git log <previous>..<tag>`; a hotfix commit belongs to the
 * hotfix release, not to the later mainline one). One `git rev-list
 * --topo-order --parents` lists children before parents, so each commit's
 * label is final when it is read and only the walk's frontier is pending.
 * Unlabelled commits (reachable only from `head`) are unreleased.
 */
export async function labelCommits(git: Git, releaseCommits: readonly string[], head: string): Promise<Map<string, number>> {
  const ownLabel = new Map<string, number>();
  releaseCommits.forEach((sha, i) => {
    if (!ownLabel.has(sha)) ownLabel.set(sha, i);
  });
  const labels = new Map<string, number>();
  const pending = new Map<string, number>();
  const tips = [...new Set([head, ...releaseCommits])];
  await git.stream(
    ["rev-list", "--topo-order", "--parents", "--stdin"],
    "\n",
    (line) => {
      if (!line) return;
      const [sha = "", ...parents] = line.split(" ");
      let label = pending.get(sha) ?? Infinity;
      pending.delete(sha);
      const own = ownLabel.get(sha);
      if (own !== undefined && own < label) label = own;
      if (label === Infinity) return;
      labels.set(sha, label);
      // Parents follow their children in topological order: hand the label down.
      for (const parent of parents) {
        const current = pending.get(parent);
        if (current === undefined || label < current) pending.set(parent, label);
      }
    },
    `${tips.join("\n")}\n`,
  );
  return labels;
}
