import { RelnotesError } from "../../errors.js";
import type { ForgePullRequests, PullRequest } from "../../forge/port.js";
import { isAncestor, isReachableFrom } from "../../git/repo.js";
import type { Git } from "../../git/run.js";
import { agree } from "../../text/words.js";
import { parseBlock, type ReleaseBlock } from "./block.js";
import { PENDING_LABEL } from "./labels.js";

/** How many closed pull requests carrying the pending label are looked at (most recently updated first). */
const LOOKED_AT = 30;

/** A merged release pull request: what its block planned, and the commit its merge left on the stable branch. */
export interface MergedRelease {
  pr: PullRequest;
  /** Where the tags go: the merge commit, the squashed commit, or the last rebased one. */
  mergeCommit: string;
  block: ReleaseBlock;
}

export interface MergedLookup {
  /** null: no merged release pull request waits for its tags in HEAD's history. */
  found: MergedRelease | null;
  /** Pull requests left aside, and why (said as notes, never silently). */
  notes: string[];
}

const short = (sha: string) => sha.slice(0, 7);

/** Oldest first: a merge commit that is an ancestor of another was merged before it. */
async function byMergeOrder(git: Git, list: MergedRelease[]): Promise<MergedRelease[]> {
  const sorted: MergedRelease[] = [];
  for (const m of list) {
    let at = sorted.length;
    for (let i = 0; i < sorted.length; i++) {
      if (await isAncestor(git, m.mergeCommit, sorted[i]!.mergeCommit)) {
        at = i;
        break;
      }
    }
    sorted.splice(at, 0, m);
  }
  return sorted;
}

function withBlock(pr: PullRequest): MergedRelease {
  const where = `pull request #${pr.number}`;
  const block = parseBlock(pr.body, where);
  if (block === null)
    throw new RelnotesError(
      `${where} (${pr.url}) carries the label "${PENDING_LABEL}", but its description has no relnotes block, so ` +
        "what to tag is unknown; nothing was tagged",
      `if it is not a release pull request, remove the label "${PENDING_LABEL}" from it; a release pull request ` +
        "is written by relnotes pr",
    );
  return { pr, mergeCommit: pr.mergeCommit!, block };
}

/**
 * The merged release pull request into `branch` whose tags are still to be
 * made: closed as merged, labelled "autorelease: pending", its merge commit
 * HEAD or an ancestor of HEAD (others may have pushed since). `number` picks
 * one when several wait; without it, several stop with their numbers.
 */
export async function findMergedRelease(
  git: Git,
  pullRequests: ForgePullRequests,
  at: { branch: string; head: string; number: number | null },
): Promise<MergedLookup> {
  const closed = await pullRequests.findClosedWithLabel(PENDING_LABEL, at.branch, LOOKED_AT);
  const notes: string[] = [];
  const waiting: PullRequest[] = [];
  for (const pr of closed) {
    if (pr.state !== "merged" || pr.mergeCommit === null || pr.base !== at.branch) continue;
    if (await isReachableFrom(git, pr.mergeCommit, at.head)) waiting.push(pr);
    else
      notes.push(
        `pull request #${pr.number} was merged into ${at.branch} as ${short(pr.mergeCommit)}, which is not in ` +
          `the history of HEAD (${short(at.head)}): pull first (git pull --ff-only) to tag it`,
      );
  }
  if (at.number !== null) {
    const picked = waiting.find((pr) => pr.number === at.number);
    if (!picked)
      throw new RelnotesError(
        `pull request #${at.number} is not a merged release pull request into ${at.branch} labelled ` +
          `"${PENDING_LABEL}" with its merge commit in the history of HEAD`,
        "relnotes tag-merged --dry-run (without --pr) lists the ones that wait for their tags",
      );
    return { found: withBlock(picked), notes };
  }
  if (waiting.length === 0) return { found: null, notes };
  const merged = await byMergeOrder(git, waiting.map(withBlock));
  if (merged.length > 1) {
    const list = merged
      .map(
        (m) => `#${m.pr.number} (merged as ${short(m.mergeCommit)}: ${m.block.releases.map((r) => r.tag).join(", ")})`,
      )
      .join(", ");
    throw new RelnotesError(
      `${merged.length} merged release pull requests into ${at.branch} wait for their tags: ${list}; nothing was ` +
        "tagged, since which of them to release is yours to say",
      `tag them one at a time, oldest first: relnotes tag-merged --pr ${merged[0]!.pr.number}; or remove the ` +
        `label "${PENDING_LABEL}" from ${agree(merged.length - 1, "the one", "those")} not to be released`,
    );
  }
  return { found: merged[0]!, notes };
}
