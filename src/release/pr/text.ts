import type { ReleasePlan, ServiceRelease } from "../../plan/types.js";
import { formatBlock, type ReleaseBlock } from "./block.js";

/** GitHub refuses descriptions longer than 65 536 characters; past this, the notes are left to the changelog diff. */
const BODY_LIMIT = 60_000;

/**
 * The release pull request's title: the first line of the release commit's message
 * (`chore(release): api v1.3.0, vault v0.4.1`), a Conventional Commit header that does not count as a feature
 * or a fix, so the commit a squash merge leaves releases nothing by itself.
 */
export function pullRequestTitle(commitMessage: string): string {
  return commitMessage.split("\n")[0]!.trim();
}

/** Markdown headings one level deeper (outside code fences), so a release's notes sit under its own heading. */
function nestHeadings(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split("\n")
    .map((line) => {
      const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (opening && (fence === null || opening.startsWith(fence))) {
        fence = fence === null ? opening : null;
        return line;
      }
      return fence === null && /^#{1,5}\s/.test(line) ? `#${line}` : line;
    })
    .join("\n");
}

function heading(r: ServiceRelease): string {
  const name = r.service ? `${r.service} ` : "";
  return `## ${name}${r.version}${r.prerelease ? " (pre-release)" : ""}`;
}

function releaseSection(r: ServiceRelease, withNotes: boolean): string {
  const previous = r.previousTag ? `, after \`${r.previousTag}\`` : ", the first release";
  const lines = [heading(r), "", `Tag \`${r.tag}\`${previous} (${r.reason}).`, ""];
  lines.push(
    withNotes
      ? nestHeadings(r.notes.trim())
      : "The notes are too long for a pull request description: see the changelog in the changes.",
  );
  return lines.join("\n");
}

/**
 * The release pull request's description: per release a heading with the service and version and its rendered
 * notes, the files the release commit changes, and the machine block `relnotes tag-merged` reads (null: a dry run,
 * where the release commit is not made, so a line says where the block goes).
 */
export function pullRequestBody(plan: ReleasePlan, block: ReleaseBlock | null): string {
  const parts = (withNotes: boolean) => [
    ...plan.releases.map((r) => releaseSection(r, withNotes)),
    ["## Files", "", ...plan.files.map((f) => `- \`${f.path}\``)].join("\n"),
    "---",
    "Opened by `relnotes pr`, which updates this pull request when the stable branch moves and closes it when " +
      "nothing is left to release. After the merge, `relnotes tag-merged` on the stable branch tags the merged " +
      "commit and publishes the releases.",
    block
      ? formatBlock(block)
      : "<!-- relnotes-release block: written with the release commit when relnotes pr pushes the branch -->",
  ];
  const build = (withNotes: boolean) => `${parts(withNotes).join("\n\n")}\n`;
  const full = build(true);
  return full.length <= BODY_LIMIT ? full : build(false);
}
