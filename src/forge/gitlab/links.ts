import { encodeRef, type ForgeLinks } from "../types.js";

/**
 * gitlab.com and self-hosted GitLab: project pages live under `/-/`; groups and subgroups are part of `base`.
 * A release page names its tag in one path segment (`/-/releases/api%2Fv1.1.0`), as GitLab's own links do.
 */
export const gitlabLinks: ForgeLinks = {
  compare: (base, from, to) => `${base}/-/compare/${encodeRef(from)}...${encodeRef(to)}`,
  tag: (base, tag) => `${base}/-/releases/${encodeURIComponent(tag)}`,
  commit: (base, sha) => `${base}/-/commit/${sha}`,
  pullRequest: (base, n) => `${base}/-/merge_requests/${n}`,
};
