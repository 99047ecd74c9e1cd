import { streamCommits } from "../git/log.js";
import { lintCommit } from "../lint/commit.js";
import { lintRules } from "../lint/rules.js";
import { assertCompleteSince, headReleases } from "../history/current-version.js";
import type { Checker, Problem } from "./types.js";

/**
 * Lint every commit since each service's last tag (reachable from HEAD), with
 * the bump engine's parser and classification. A commit shared by several
 * services is reported once.
 */
export const commitLint: Checker = async (ctx) => {
  const rules = lintRules(ctx.config);
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const service of ctx.config.services) {
    const { latest: last } = await headReleases(ctx, service);
    await assertCompleteSince(ctx, service, last);
    const revisions = [last ? `${last.ref.commit}..${ctx.head.sha}` : ctx.head.sha];
    await streamCommits(ctx.git, { revisions, paths: service.paths, noMerges: rules.merges === "skip" }, (raw) => {
      if (seen.has(raw.sha)) return;
      seen.add(raw.sha);
      problems.push(...lintCommit(raw, rules, `commit ${raw.sha.slice(0, 12)}`));
    });
  }
  return problems;
};
