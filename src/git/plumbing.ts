import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RelnotesError } from "../errors.js";
import type { Git } from "./run.js";

/** One file of a commit built without a work tree: its path and its whole new text. */
export interface TreeEdit {
  path: string;
  text: string;
}

/** The blob id git gives `text` (written into the object store when `write`). */
export function hashBlob(git: Git, text: string, write: boolean): Promise<string> {
  return git.out(["hash-object", ...(write ? ["-w"] : []), "--stdin"], { input: text });
}

/** Mode and blob of each path in `commit`'s tree; a path not there is absent from the map. */
export async function treeEntries(
  git: Git,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, { mode: string; blob: string }>> {
  const entries = new Map<string, { mode: string; blob: string }>();
  if (paths.length === 0) return entries;
  const out = (
    await git.run(["--literal-pathspecs", "ls-tree", "-z", "--full-tree", `${commit}^{commit}`, "--", ...paths])
  ).stdout;
  for (const record of out.split("\0")) {
    // <mode> SP <type> SP <object> TAB <path>
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (m && m[2] === "blob") entries.set(m[4]!, { mode: m[1]!, blob: m[3]! });
  }
  return entries;
}

/**
 * The tree of `base` with `edits` applied, written with a temporary index file
 * (GIT_INDEX_FILE in a fresh temporary folder): the repository's own index,
 * work tree and HEAD are never read nor written. A file keeps its mode; a new
 * one is a plain file (100644).
 */
export async function treeWithEdits(git: Git, base: string, edits: readonly TreeEdit[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "relnotes-index-"));
  const env = { GIT_INDEX_FILE: join(dir, "index") };
  try {
    await git.run(["read-tree", `${base}^{tree}`], { env });
    const modes = await treeEntries(
      git,
      base,
      edits.map((e) => e.path),
    );
    const lines: string[] = [];
    for (const edit of edits) {
      const blob = await hashBlob(git, edit.text, true);
      lines.push(`${modes.get(edit.path)?.mode ?? "100644"} ${blob}\t${edit.path}`);
    }
    if (lines.length > 0)
      await git.run(["update-index", "-z", "--index-info"], { env, input: lines.map((l) => `${l}\0`).join("") });
    return await git.out(["write-tree"], { env });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether the repository signs its commits (`commit.gpgSign`), as `git commit` decides for the release commit. */
export async function signsCommits(git: Git): Promise<boolean> {
  const r = await git.run(["config", "--type=bool", "--get", "commit.gpgSign"], { allowFailure: true });
  return r.code === 0 && r.stdout.trim() === "true";
}

/** A commit of `tree` on the one parent `parent` with `message`, signed when `sign` (the user's signing key and format). */
export async function commitTree(
  git: Git,
  tree: string,
  parent: string,
  message: string,
  sign: boolean,
): Promise<string> {
  const args = ["commit-tree", sign ? "--gpg-sign" : "--no-gpg-sign", "-p", parent, "-F", "-", tree];
  const r = await git.run(args, { input: message.endsWith("\n") ? message : `${message}\n`, allowFailure: true });
  if (r.code !== 0) {
    const why = r.stderr.trim().replace(/\n+/g, " / ") || `exit ${r.code}`;
    throw new RelnotesError(
      `git commit-tree failed${sign ? " (signing the commit, commit.gpgSign is on)" : ""}: ${why}`,
      sign
        ? "check user.signingkey and that gpg (or ssh-keygen for gpg.format=ssh) can sign"
        : "check the repository (git fsck)",
    );
  }
  return r.stdout.trim();
}

/** The commit a local ref points at, or null when there is no such ref. */
export async function refCommit(git: Git, ref: string): Promise<string | null> {
  const r = await git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], {
    allowFailure: true,
  });
  return r.code === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** Point `ref` at `commit`, only if it still points at `expected` (null: only if it does not exist). */
export async function updateRef(
  git: Git,
  ref: string,
  commit: string,
  expected: string | null,
  reason: string,
): Promise<void> {
  await git.run(["update-ref", "-m", reason, ref, commit, expected ?? ""]);
}
