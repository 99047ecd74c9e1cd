import type { AbortReport } from "./abort.js";
import { describeStep, type ReleaseState } from "./state.js";

/** An unfinished release as the user sees it: which steps are done, which remain. */
export function formatUnfinished(state: ReleaseState): string {
  const lines = [
    `An unfinished release was found (started ${state.startedAt} on ${state.branch}): ` +
      `${state.releases.map((r) => r.tag).join(", ")}`,
  ];
  for (const step of state.steps) {
    const mark = step.done ? "✓ done   " : "· pending";
    lines.push(`  ${mark} ${describeStep(step, state)}`);
  }
  return lines.join("\n");
}

export function formatAbort(report: AbortReport | null): string {
  if (report === null) return "There is no unfinished release: nothing to abort.";
  const lines = ["Aborted the unfinished release."];
  for (const r of report.removed) lines.push(`  removed ${r}`);
  for (const k of report.kept) lines.push(`  kept    ${k}`);
  return lines.join("\n");
}

/** What happened, and the hand-off to the tag-triggered pipeline. */
export function formatReleased(
  state: ReleaseState,
  releaseUrls: ReadonlyMap<string, string | null>,
  resumed: boolean,
): string {
  const target = state.commit ?? state.startHead;
  const lines = [resumed ? "Completed the unfinished release." : "Released."];
  if (state.commit)
    lines.push(
      `  release commit ${state.commit.slice(0, 7)} "${state.commitMessage}" pushed to ${state.remote}/${state.branch}`,
    );
  for (const r of state.releases) {
    lines.push(`  ${r.tag}${r.prerelease ? " (pre-release)" : ""} on ${target.slice(0, 7)}, pushed to ${state.remote}`);
    if (r.compareUrl) lines.push(`    changes: ${r.compareUrl}`);
    const url = releaseUrls.get(r.tag);
    if (url) lines.push(`    ${state.host.host} release: ${url}`);
  }
  if (state.publish === false)
    lines.push(`  ${state.host.host} releases: none (${state.host.modeKey} is false, or ${state.host.skipFlag})`);
  lines.push("");
  lines.push(
    "Next: each pushed tag starts your tag-triggered CI (on: push: tags), which builds and publishes the artifacts.",
  );
  if (state.repositoryUrl) lines.push(`  watch it: ${state.repositoryUrl}/actions`);
  lines.push(
    `  check the tag on the remote: git ls-remote --tags ${state.remote} ${state.releases.map((r) => r.tag).join(" ")}`,
  );
  return lines.join("\n");
}
