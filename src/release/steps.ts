import { RelnotesError } from "../errors.js";
import { writtenPath } from "../fs/confine.js";
import type { Emit } from "../events.js";
import { commitPaths, isCommitOf, readCommit, restoreFromHead } from "../git/commit.js";
import { pushRefspec } from "../git/push.js";
import { listRemoteRefs } from "../git/remote-refs.js";
import type { Git } from "../git/run.js";
import { changedTrackedFiles } from "../git/status.js";
import { createAnnotatedTag, readLocalTag } from "../git/tag.js";
import { restorePlannedFiles, writePlannedFiles } from "./files.js";
import { runHooks } from "./hooks.js";
import type { ReleaseState, SavedRelease, StateStore } from "./state.js";

/** Creates or updates the forge release of one pushed tag (through the forge port). */
export type ReleasePublisher = (release: SavedRelease, state: ReleaseState) => Promise<{ url: string | null }>;

export interface StepContext {
  git: Git;
  store: StateStore;
  emit: Emit;
  publish: ReleasePublisher | null;
  /** Filled by the publish steps: tag → release URL. */
  releaseUrls: Map<string, string | null>;
  /** Deadline of one hook (config timeouts.hooks). */
  hookTimeoutMs: number;
}

/** The commit the tags point at: the release commit, or HEAD at the start when nothing is committed. */
export function tagTarget(state: ReleaseState): string {
  return state.commit ?? state.startHead;
}

function release(state: ReleaseState, tag: string): SavedRelease {
  const r = state.releases.find((x) => x.tag === tag);
  if (!r) throw new RelnotesError(`the saved release has no tag ${tag}`);
  return r;
}

export async function writeStep(state: ReleaseState, c: StepContext): Promise<void> {
  await writePlannedFiles(c.git.cwd, state.files, c.store.tmpDir);
}

/** The files the write step changed: a symlinked file's edit lands in its target (inside the tree), which is what gets committed. */
function writtenPaths(state: ReleaseState, git: Git): string[] {
  return state.files.map((f) => writtenPath(git.cwd, f.path));
}

/** Tracked files changed now that neither the plan nor the user (before the release) changed. */
async function hookChangedFiles(state: ReleaseState, git: Git): Promise<string[]> {
  const known = new Set([...writtenPaths(state, git), ...state.dirtyAtStart]);
  return (await changedTrackedFiles(git)).filter((p) => !known.has(p));
}

/** Run the hooks; a failure puts every file back as it was and forgets the release. */
export async function hooksStep(state: ReleaseState, c: StepContext): Promise<void> {
  try {
    await runHooks(state.hooks, c.git.cwd, state.hookEnv, c.emit, c.hookTimeoutMs);
  } catch (e) {
    const changed = await hookChangedFiles(state, c.git);
    await restoreFromHead(c.git, changed);
    await restorePlannedFiles(c.git.cwd, state.files, c.store.tmpDir);
    await c.store.remove();
    if (e instanceof RelnotesError)
      throw new RelnotesError(
        `${e.message}; the release stopped and the files were restored, nothing was committed or tagged`,
        e.hint,
      );
    throw e;
  }
  state.hookChanged = await hookChangedFiles(state, c.git);
}

export async function commitStep(state: ReleaseState, c: StepContext): Promise<void> {
  const head = await readCommit(c.git, "HEAD");
  if (head.sha !== state.startHead) {
    // Made before the process died: adopt it when it is exactly our commit.
    if (isCommitOf(head, state.startHead, state.commitMessage!)) {
      state.commit = head.sha;
      return;
    }
    throw new RelnotesError(
      `HEAD moved since the release started (now ${head.sha.slice(0, 7)} "${head.subject}", expected ` +
        `${state.startHead.slice(0, 7)})`,
      "check out the release's starting point again, or run relnotes bump --abort",
    );
  }
  state.commit = await commitPaths(
    c.git,
    [...new Set([...writtenPaths(state, c.git), ...state.hookChanged])],
    state.commitMessage!,
  );
}

export async function tagStep(state: ReleaseState, tag: string, c: StepContext): Promise<void> {
  const target = tagTarget(state);
  const existing = await readLocalTag(c.git, tag);
  if (existing) {
    if (existing.commit !== target) {
      throw new RelnotesError(
        `tag ${tag} exists locally on ${existing.commit.slice(0, 7)}, not on the release commit ${target.slice(0, 7)}`,
        "tags are never moved: run relnotes bump --abort, remove the tag if it was never published (git tag " +
          "-d), and release again",
      );
    }
    state.tagObjects[tag] = existing.object;
    return;
  }
  const r = release(state, tag);
  const created = await createAnnotatedTag(c.git, { name: tag, commit: target, message: r.tagMessage, sign: r.sign });
  state.tagObjects[tag] = created.object;
}

export async function pushBranchStep(state: ReleaseState, c: StepContext): Promise<void> {
  const commit = state.commit!;
  const refs = await listRemoteRefs(c.git, state.remote, [`refs/heads/${state.branch}`]);
  if (refs.heads.get(state.branch) === commit) return;
  const outcome = await pushRefspec(c.git, state.remote, `${commit}:refs/heads/${state.branch}`);
  if (outcome.status === "rejected" || outcome.status === "failed") {
    throw new RelnotesError(
      `pushing the release commit to ${state.remote}/${state.branch} was refused: ${outcome.reason}`,
      outcome.status === "failed"
        ? "check your network and access, then run relnotes bump --resume"
        : outcome.cause === "non-fast-forward"
          ? `${state.remote}/${state.branch} moved on (someone pushed first). Nothing was pushed. Run relnotes ` +
            "bump --abort, pull (git pull --ff-only) and release again"
          : outcome.cause === "remote-hook"
            ? `a hook on ${state.remote} declined the push (its reason is above). Nothing was pushed. Fix what ` +
              "it asks for and run relnotes bump --resume, or undo the local part with relnotes bump --abort"
            : "nothing was pushed; fix the cause above and run relnotes bump --resume, or undo the local part " +
              "with relnotes bump --abort",
    );
  }
}

export async function pushTagStep(state: ReleaseState, tag: string, c: StepContext): Promise<void> {
  const ours = state.tagObjects[tag] ?? (await readLocalTag(c.git, tag))?.object;
  const target = tagTarget(state);
  const check = async () => (await listRemoteRefs(c.git, state.remote, [`refs/tags/${tag}`])).tags.get(tag);
  const conflict = (commit: string) =>
    new RelnotesError(
      `tag ${tag} was pushed to ${state.remote} by someone else, on ${commit.slice(0, 7)} (this release tagged ` +
        `${target.slice(0, 7)})`,
      "tags are immutable, so theirs stands. Run relnotes bump --abort to drop the local tag, then git fetch " +
        `${state.remote} --tags and release the next version`,
    );
  const before = await check();
  if (before) {
    if (before.commit !== target) throw conflict(before.commit);
    return;
  }
  const outcome = await pushRefspec(c.git, state.remote, `refs/tags/${tag}:refs/tags/${tag}`);
  const after = await check();
  if (outcome.status === "rejected" || outcome.status === "failed" || !after) {
    if (after && after.commit !== target) throw conflict(after.commit);
    const reason =
      outcome.status === "rejected" || outcome.status === "failed"
        ? outcome.reason
        : "the remote does not list it afterwards";
    throw new RelnotesError(
      `pushing tag ${tag} to ${state.remote} failed: ${reason}`,
      "tags pushed before it stay published; fix the cause (network, access, remote hooks) and run relnotes " +
        "bump --resume",
    );
  }
  if (after.commit !== target) throw conflict(after.commit);
  if (ours && after.object !== ours)
    c.emit({
      type: "warning",
      message: `${state.remote} has ${tag} on the release commit, but as a different tag object than the local one`,
    });
}

export async function publishStep(state: ReleaseState, tag: string, c: StepContext): Promise<void> {
  // Never a silent skip: resuming checks the credentials first, so this only guards against a caller that did not.
  const { host } = state;
  if (!c.publish) {
    throw new RelnotesError(
      `cannot create the ${host.host} release for ${tag}: ${host.host} is not set up for this run`,
      `${host.setup} and run relnotes bump --resume, or skip the ${host.host} releases with relnotes bump ` +
        `--resume ${host.skipFlag}`,
    );
  }
  const { url } = await c.publish(release(state, tag), state);
  c.releaseUrls.set(tag, url);
}
