import type { ForgeKind } from "../config/types.js";

/**
 * How each forge words the merge commit of a pull (merge) request, one entry
 * per forge: data, read by src/commits/parse.ts. The request's number is
 * group 1. `subject` matches the merge commit's first line; `line` matches a
 * line of its message, which is then not part of the body.
 */
export interface MergeMessage {
  forge: ForgeKind;
  subject?: RegExp;
  line?: RegExp;
}

export const MERGE_MESSAGES: readonly MergeMessage[] = [
  { forge: "github", subject: /^Merge pull request #(\d+) from \S+/ },
  { forge: "gitea", subject: /^Merge pull request '.*' \(#(\d+)\) from \S+/ },
  { forge: "bitbucket", subject: /^Merged in \S+ \(pull request #(\d+)\)/ },
  // Merge commits (and squashes) carry `See merge request group/sub/project!12`; the subject names only the branch.
  { forge: "gitlab", line: /^See merge request [\w.\-/]+!(\d+)\s*$/ },
];
