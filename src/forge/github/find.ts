import type { Emit } from "../../events.js";
import type { HostedRelease } from "../port.js";

/** The two reads GitHub offers for finding a release by tag. */
export interface ReleaseLookups {
  /** `owner/repo`, for messages. */
  repository: string;
  /** The published release of a tag, or null (GitHub's get-by-tag never returns drafts). */
  publishedByTag(tag: string): Promise<HostedRelease | null>;
  /** Every release, drafts included, newest first. */
  list(): Promise<HostedRelease[]>;
}

/**
 * The release of a tag, published or draft. GitHub's get-by-tag does not
 * return drafts, so when it finds nothing the list (drafts included) is
 * searched. GitHub allows several drafts of one tag; the newest is used.
 */
export async function findReleaseForTag(
  github: ReleaseLookups,
  tag: string,
  emit?: Emit,
): Promise<HostedRelease | null> {
  const published = await github.publishedByTag(tag);
  if (published) return published;
  const drafts = (await github.list()).filter((r) => r.tag === tag);
  if (drafts.length > 1)
    emit?.({
      type: "warning",
      message:
        `${github.repository} has ${drafts.length} draft releases for ${tag}; using the newest ` +
        `(${drafts[0]!.url}) — delete the others on GitHub`,
    });
  return drafts[0] ?? null;
}
