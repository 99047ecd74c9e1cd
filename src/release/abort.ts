import { RelnotesError } from "../errors.js";
import type { Emit } from "../events.js";
import { isCommitOf, readCommit, restoreFromHead, undoCommit } from "../git/commit.js";
import { listRemoteRefs, type RemoteRefs } from "../git/remote-refs.js";
import type { Git } from "../git/run.js";
import { deleteLocalTagIf, readLocalTag } from "../git/tag.js";
import { restorePlannedFiles } from "./files.js";
import type { ReleaseState, StateStore } from "./state.js";

export interface AbortReport {
  /** Local-only things that were removed. */
  removed: string[];
  /** Things already on the remote, left as they are. */
  kept: string[];
}

/** The release commit, whether or not the state recorded it (the process may have died right after making it). */
async function releaseCommit(git: Git, state: ReleaseState): Promise<string | null> {
  if (state.commit) return state.commit;
  if (state.commitMessage === null) return null;
  const head = await readCommit(git, "HEAD");
  return isCommitOf(head, state.startHead, state.commitMessage) ? head.sha : null;
}

/**
 * Remove what the release made only locally: tags not on the remote, the
 * release commit if the remote branch does not have it, written files.
 * Anything already pushed stays; nothing is ever deleted on the remote.
 * A local tag is only removed when it points at the release's own commit
 * (bump refused to start while the tag existed, so such a tag is ours).
 */
export async function abortRelease(
  git: Git,
  store: StateStore,
  state: ReleaseState,
  emit: Emit,
  known?: RemoteRefs,
): Promise<AbortReport> {
  let remote: RemoteRefs | null = known ?? null;
  if (!remote) {
    try {
      remote = await listRemoteRefs(git, state.remote);
    } catch (e) {
      emit({
        type: "warning",
        message: `cannot read ${state.remote} (${(e as Error).message.split("\n")[0]}); going by the saved steps only`,
      });
    }
  }
  const done = (id: string) => state.steps.some((s) => s.id === id && s.done);
  const report: AbortReport = { removed: [], kept: [] };
  const commit = await releaseCommit(git, state);
  const target = commit ?? state.startHead;

  for (const r of state.releases) {
    const local = await readLocalTag(git, r.tag);
    const onRemote = remote?.tags.get(r.tag);
    if (done(`push:${r.tag}`) || (onRemote && onRemote.commit === target)) {
      report.kept.push(`tag ${r.tag} (already on ${state.remote})`);
      continue;
    }
    if (!local) continue;
    if (local.commit !== target || !local.annotated) {
      report.kept.push(`tag ${r.tag} (on ${local.commit.slice(0, 7)}, not made by this release)`);
      continue;
    }
    if (!(await deleteLocalTagIf(git, r.tag, local.object)))
      throw new RelnotesError(`could not remove the local tag ${r.tag}`);
    report.removed.push(`local tag ${r.tag}`);
  }

  if (commit) {
    if (done("push-branch") || remote?.heads.get(state.branch) === commit) {
      report.kept.push(`release commit ${commit.slice(0, 7)} (already on ${state.remote}/${state.branch})`);
    } else {
      await undoCommit(git, commit, state.startHead);
      report.removed.push(
        `release commit ${commit.slice(0, 7)} (${state.branch} is back at ${state.startHead.slice(0, 7)})`,
      );
    }
  } else if (state.files.length > 0) {
    await restoreFromHead(git, state.hookChanged);
    const skipped = await restorePlannedFiles(git.cwd, state.files, store.tmpDir);
    report.removed.push(`edits to ${state.files.map((f) => f.path).join(", ")}`);
    for (const p of skipped) report.kept.push(`${p} (changed since relnotes wrote it)`);
  }
  await store.remove();
  return report;
}
