import { encodeRef, type ForgeLinks } from "../types.js";

/** github.com and GitHub Enterprise. */
export const githubLinks: ForgeLinks = {
  compare: (base, from, to) => `${base}/compare/${encodeRef(from)}...${encodeRef(to)}`,
  tag: (base, tag) => `${base}/releases/tag/${encodeRef(tag)}`,
  commit: (base, sha) => `${base}/commit/${sha}`,
  pullRequest: (base, n) => `${base}/pull/${n}`,
};
