import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { UsageError } from "../errors.js";
import type { CheckedMerge } from "../release/pr/merged-check.js";
import { TAGGED_LABEL } from "../release/pr/labels.js";
import type { MergedRelease } from "../release/pr/merged.js";
import { runTagMerged, type TagMergedOutcome } from "../release/pr/merged-run.js";
import { formatReleased, formatUnfinished } from "../release/report.js";
import type { Command } from "./command.js";

/** What would be tagged, plan-shaped (the fields of the plan's JSON that apply), with the pull request. */
function mergedJson(merged: MergedRelease, checked: CheckedMerge, refusals: string[]): object {
  return {
    pullRequest: { number: merged.pr.number, url: merged.pr.url, mergeCommit: merged.mergeCommit },
    releases: checked.releases.map(({ release: r, notesFrom }) => ({
      service: r.service,
      previousTag: r.previousTag,
      version: r.version,
      tag: r.tag,
      prerelease: r.prerelease,
      commit: merged.mergeCommit,
      notes: r.notes,
      notesFrom,
      pushed: checked.pushed.includes(r.tag),
    })),
    refusals,
  };
}

/** What was tagged (or resumed), in the same shape, with the release URLs. */
function taggedJson(outcome: Extract<TagMergedOutcome, { kind: "tagged" }>): object {
  const { state } = outcome;
  return {
    pullRequest: { ...outcome.pullRequest, mergeCommit: state.startHead },
    releases: state.releases.map((r) => ({
      service: r.service,
      previousTag: r.previousTag,
      version: r.version,
      tag: r.tag,
      prerelease: r.prerelease,
      commit: state.startHead,
      notes: r.notes,
      url: outcome.releaseUrls.get(r.tag) ?? null,
    })),
    resumed: outcome.resumed,
  };
}

function describeMerged(merged: MergedRelease, checked: CheckedMerge): string {
  const lines = [
    `Release pull request #${merged.pr.number} (${merged.pr.url}) was merged into ${merged.pr.base} as ` +
      `${merged.mergeCommit.slice(0, 7)}; to tag there:`,
  ];
  for (const { release: r, notesFrom } of checked.releases) {
    const from = notesFrom ? `notes from ${notesFrom} (its ${r.version} section, as merged)` : "notes from the history";
    const pushed = checked.pushed.includes(r.tag) ? ", already on the remote" : "";
    lines.push(`  ${r.tag}${r.prerelease ? " (pre-release)" : ""}: ${from}${pushed}`);
  }
  return lines.join("\n");
}

export const tagMerged: Command = {
  summary: "after a release pull request is merged: tag its merge commit, push the tags, publish the releases",
  help: `Usage: relnotes tag-merged [options]

The second half of releasing through a pull request (relnotes pr writes the
first). On the stable branch, after the release pull request was merged
(merge commit, squash or rebase), it finds that pull request: merged, labelled
"autorelease: pending", into the current stable branch, its merge commit HEAD
or an ancestor of HEAD (the tags go on the merge commit, not on what was
pushed after it). Its description's relnotes block says what was planned.

Checked before anything is written: each service's manifests at the merge
commit declare the planned version, the changelog there has the version's
section, no planned tag exists on another commit; then the git identity, the
signing key, that the remote takes the tags, the GitHub token.

Then, as relnotes bump does (same steps, same journal in
.git/relnotes/release.json): annotated tags on the merge commit, one push per
tag, the GitHub releases. The notes are the version's section of the merged
changelog, so edits made in the pull request are what gets published
(pre-releases and services without a changelog: rendered from the history).
Last, the label becomes "autorelease: tagged". A run that died is completed
by the next one; a second run finds nothing to tag and changes nothing.

No merged release pull request waits: "nothing to tag", exit 0. Several wait:
they are named and nothing is tagged; choose one with --pr.

Options:
  --pr <number>   tag this merged release pull request (when several wait)
  --dry-run       show what would be tagged and every check; writes nothing
  --json          print what is (or would be) tagged as JSON, with the pull request
  --no-github     do not create GitHub releases
  --cwd <dir>     run in this repository (default: current directory)
  --debug         show stack traces on errors

Environment: GITHUB_TOKEN or GH_TOKEN (contents: write for the tags and
releases, pull-requests: write for the labels), GITHUB_API_URL.

Examples:
  relnotes tag-merged                  in CI, on every push to the stable branch
  relnotes tag-merged --dry-run        what the merged release pull request would tag
  relnotes tag-merged --pr 42          when two merged release pull requests wait
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("tag-merged", argv, {
      pr: { type: "string" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
      github: { type: "boolean", default: true },
    });
    if (positionals.length > 0)
      throw new UsageError(
        "relnotes tag-merged takes no services: the merged pull request says what to tag",
        "relnotes tag-merged --pr <number> picks the pull request",
      );
    const pr = values.pr === undefined ? null : Number(values.pr);
    if (pr !== null && !(Number.isInteger(pr) && pr > 0))
      throw new UsageError(`--pr takes a pull request number, not "${values.pr}"`, "e.g. relnotes tag-merged --pr 42");
    const json = values.json ?? false;
    const outcome = await runTagMerged({
      cwd: values.cwd ?? io.cwd,
      pullRequest: pr,
      dryRun: values["dry-run"] ?? false,
      skipPublish: values.github === false,
      env: io.env,
      emit: reporter(io, { quiet: json }),
      showUnfinished: (state) =>
        io.err(`${formatUnfinished(state)}\n  (the release of pull request #${state.pullRequest})`),
    });
    switch (outcome.kind) {
      case "nothing":
        if (json) io.out(JSON.stringify({ pullRequest: null, releases: [], refusals: [] }, null, 2));
        else io.out(`Nothing to tag: no merged release pull request into ${outcome.branch} waits for its tags.`);
        return 0;
      case "unfinished":
        if (!json) io.err("Dry run: nothing was written. The next run completes the unfinished release above.");
        return 0;
      case "dry-run": {
        const { merged, checked, refusals } = outcome;
        if (json) io.out(JSON.stringify(mergedJson(merged, checked, refusals), null, 2));
        else io.out(describeMerged(merged, checked));
        if (refusals.length > 0) {
          io.err(
            "Dry run: nothing was written. The real run would be " +
              `refused:\n${refusals.map((p) => `  - would be refused: ${p}`).join("\n")}`,
          );
          return 0;
        }
        if (!json) io.err("Dry run: nothing was written. Every check the real run makes before writing passed.");
        return 0;
      }
      case "tagged":
        if (json) {
          io.out(JSON.stringify(taggedJson(outcome), null, 2));
          return 0;
        }
        io.out(formatReleased(outcome.state, outcome.releaseUrls, outcome.resumed));
        io.out(`  pull request #${outcome.pullRequest.number}: labelled "${TAGGED_LABEL}"`);
        return 0;
    }
  },
};
