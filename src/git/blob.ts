import { treeEntries } from "./plumbing.js";
import type { Git } from "./run.js";

/**
 * The text of each path as `commit` has it (null: not a file there), read
 * from the object store: the work tree and the index are not looked at.
 */
export async function readFilesAt(
  git: Git,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, string | null>> {
  const unique = [...new Set(paths)];
  const entries = await treeEntries(git, commit, unique);
  const texts = new Map<string, string | null>();
  for (const path of unique) {
    const entry = entries.get(path);
    // A symbolic link (120000) is not a file with text of its own.
    texts.set(path, entry && entry.mode !== "120000" ? (await git.run(["cat-file", "blob", entry.blob])).stdout : null);
  }
  return texts;
}
