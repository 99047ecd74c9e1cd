import type { Git } from "./run.js";

export interface TagRef {
  /** Short name, e.g. `api/v1.2.3`. */
  name: string;
  /** The commit the tag points at (peeled through annotated tag objects). */
  commit: string;
  /** True for annotated tags (a tag object), false for lightweight tags. */
  annotated: boolean;
  /** Tagger date for annotated tags, committer date for lightweight ones (ISO 8601). */
  date: string;
}

/**
 * Read tags and their target commits with one `git for-each-ref`: every tag,
 * or only those under the given prefixes (`api/v`), which spares git opening
 * thousands of other services' tag objects.
 */
export async function readTags(git: Git, prefixes?: readonly string[]): Promise<TagRef[]> {
  const patterns = prefixes ? prefixes.map((p) => `refs/tags/${p}*`) : ["refs/tags"];
  const out = await git.out([
    "for-each-ref",
    "--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objectname)%00%(creatordate:iso-strict)",
    ...patterns,
  ]);
  const tags: TagRef[] = [];
  for (const line of out.split("\n")) {
    if (!line) continue;
    const [ref = "", type, object = "", peeled = "", date = ""] = line.split("\0");
    const annotated = type === "tag";
    const commit = annotated ? peeled : object;
    // Tags on trees or blobs cannot be releases.
    if (!commit || (annotated && !peeled) || (!annotated && type !== "commit")) continue;
    tags.push({ name: ref.slice("refs/tags/".length), commit, annotated, date });
  }
  return tags;
}

/** The names of the tags whose commit is reachable from `head` (`api/v1.2.0`): one `git for-each-ref --merged`. */
export async function tagsMergedInto(git: Git, head: string): Promise<Set<string>> {
  const out = await git.out(["for-each-ref", "--format=%(refname)", "--merged", head, "refs/tags"]);
  return new Set(out.split("\n").map((r) => r.slice("refs/tags/".length)));
}
