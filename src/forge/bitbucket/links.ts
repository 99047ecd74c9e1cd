import type { ForgeLinks } from "../types.js";

/** Bitbucket Cloud: no release pages (a tag links to its source), compare takes `to..from` joined by `%0D`. */
export const bitbucketLinks: ForgeLinks = {
  compare: (base, from, to) => `${base}/branches/compare/${encodeURIComponent(to)}%0D${encodeURIComponent(from)}`,
  tag: (base, tag) => `${base}/src/${encodeURIComponent(tag)}`,
  commit: (base, sha) => `${base}/commits/${sha}`,
  pullRequest: (base, n) => `${base}/pull-requests/${n}`,
};
