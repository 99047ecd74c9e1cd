import { encodeRef, type ForgeLinks } from "../types.js";

/** Gitea, Forgejo and Codeberg. */
export const giteaLinks: ForgeLinks = {
  compare: (base, from, to) => `${base}/compare/${encodeRef(from)}...${encodeRef(to)}`,
  tag: (base, tag) => `${base}/releases/tag/${encodeRef(tag)}`,
  commit: (base, sha) => `${base}/commit/${sha}`,
  pullRequest: (base, n) => `${base}/pulls/${n}`,
};
