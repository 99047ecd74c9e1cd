import type { VerifiedTag } from "./verify-tag.js";

/** The `--json` shape of verify-tag: a public interface for scripts. */
export function verifiedTagJson(v: VerifiedTag): Record<string, unknown> {
  return {
    service: v.service,
    version: v.version,
    prerelease: v.prerelease,
    tag: v.tag,
    previousTag: v.previousTag,
    commit: v.commit,
    signature: v.signature,
    stableBranch: v.stableBranch,
    tags: v.distribution.tags,
    image: v.distribution.image,
    images: v.distribution.images,
    held: v.distribution.held,
    deferred: v.distribution.deferred,
  };
}

/** The names verify-tag writes to `$GITHUB_OUTPUT` (the example workflows reference these). */
export const VERIFY_TAG_OUTPUTS = [
  "service",
  "version",
  "prerelease",
  "tag",
  "previousTag",
  "commit",
  "tags",
  "images",
] as const;

/** `$GITHUB_OUTPUT` values: lists one item per line (what docker/build-push-action's `tags` input takes). */
export function verifiedTagOutputs(v: VerifiedTag): Record<(typeof VERIFY_TAG_OUTPUTS)[number], string> {
  return {
    service: v.service ?? "",
    version: v.version,
    prerelease: String(v.prerelease),
    tag: v.tag,
    previousTag: v.previousTag ?? "",
    commit: v.commit,
    tags: v.distribution.tags.join("\n"),
    images: v.distribution.images.join("\n"),
  };
}
