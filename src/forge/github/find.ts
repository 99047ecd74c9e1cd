import type { Emit } from "../../events.js";
import type { GitHubRelease, GitHubReleases } from "../port.js";

/**
 * The release of a tag, published or draft. GitHub's get-by-tag does not
 * return drafts, so when it finds nothing the list (drafts included) is
 * searched. GitHub allows several drafts of one tag; the newest is used.
 */
export async function findReleaseForTag(github: GitHubReleases, tag: string, emit?: Emit): Promise<GitHubRelease | null> {
  const published = await github.publishedByTag(tag);
  if (published) return published;
  const drafts = (await github.list()).filter((r) => r.tag === tag);
  if (drafts.length > 1) emit?.({ type: "warning", message: `${github.repository} has ${drafts.length} draft releases for ${tag}; using the newest (${drafts[0]!.url}) — delete the others on GitHub` });
  return drafts[0] ?? null;
}
