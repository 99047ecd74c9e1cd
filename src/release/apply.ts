import { channel } from "node:diagnostics_channel";
import { GitTimeoutError, RelnotesError } from "../errors.js";
import { ForgeApiError } from "../forge/errors.js";
import { listRemoteRefs } from "../git/remote-refs.js";
import { abortRelease } from "./abort.js";
import { describeStep, type ReleaseState, type Step } from "./state.js";
import {
  commitStep,
  hooksStep,
  publishStep,
  pushBranchStep,
  pushTagStep,
  tagStep,
  tagTarget,
  writeStep,
  type StepContext,
} from "./steps.js";

/**
 * Published with `{ id, kind, tag }` right after a step's action, before the
 * step is recorded as done: the worst moment to die, which a resumed run must
 * survive. The core only reports it; tests subscribe from outside
 * (`node --import test/helpers/kill-after.mjs`) to SIGKILL a real run there.
 */
const stepActed = channel("relnotes:release-step-acted");

function runStep(step: Step, state: ReleaseState, c: StepContext): Promise<void> {
  switch (step.kind) {
    case "write":
      return writeStep(state, c);
    case "hooks":
      return hooksStep(state, c);
    case "commit":
      return commitStep(state, c);
    case "tag":
      return tagStep(state, step.tag!, c);
    case "push-branch":
      return pushBranchStep(state, c);
    case "push-tag":
      return pushTagStep(state, step.tag!, c);
    case "publish":
      return publishStep(state, step.tag!, c);
  }
}

/**
 * Before the first push: does the remote already hold a planned tag on
 * another commit (someone released first)? When nothing of this release is
 * published yet, undo the local work so the repository is as it was.
 */
async function checkRemoteBeforePushing(state: ReleaseState, c: StepContext): Promise<void> {
  const refs = await listRemoteRefs(c.git, state.remote);
  const target = tagTarget(state);
  const conflicts = state.releases.filter((r) => {
    const t = refs.tags.get(r.tag);
    return t !== undefined && t.commit !== target;
  });
  if (conflicts.length === 0) return;
  const published =
    state.steps.some((s) => (s.kind === "push-branch" || s.kind === "push-tag") && s.done) ||
    (state.commit !== null && refs.heads.get(state.branch) === state.commit) ||
    state.releases.some((r) => refs.tags.get(r.tag)?.commit === target);
  const list = conflicts.map((r) => `${r.tag} (on ${refs.tags.get(r.tag)!.commit.slice(0, 7)})`).join(", ");
  if (!published) {
    const report = await abortRelease(c.git, c.store, state, c.emit, refs);
    throw new RelnotesError(
      `${state.remote} already has ${list}: someone released while this release was being made. Nothing was ` +
        `pushed, and the local changes were undone (${report.removed.join("; ") || "nothing to undo"})`,
      `fetch the tags (git fetch ${state.remote} --tags) and run relnotes bump again to release the next version`,
    );
  }
  throw new RelnotesError(
    `${state.remote} already has ${list}, pushed by someone else; the parts of this release already pushed ` +
      "stay published",
    "run relnotes bump --abort to drop the local-only tags, then fetch tags and release the next version of " +
      "the services concerned",
  );
}

/** A step that timed out (or lost the network) left the saved state as it was: say that resuming completes it. */
function resumable(e: unknown, step: Step, state: ReleaseState): unknown {
  const waited =
    e instanceof GitTimeoutError ||
    (e instanceof ForgeApiError && (e.failure === "timeout" || e.failure === "network"));
  if (!waited) return e;
  const done = state.steps.filter((s) => s.done).length;
  return new RelnotesError(
    `${describeStep(step, state)}: ${(e as RelnotesError).message}`,
    `${(e as RelnotesError).hint ?? "check the network"}. The release is saved (${done} of ` +
      `${state.steps.length} steps done): once the remote or ${state.host.host} answers again, relnotes bump ` +
      "--resume completes it without repeating anything",
    { cause: e },
  );
}

/** Run every pending step in order, saving the state after each. */
export async function applyRelease(state: ReleaseState, options: StepContext): Promise<void> {
  await options.store.save(state);
  let checkedRemote = false;
  for (const step of state.steps) {
    if (step.done) continue;
    try {
      if (!checkedRemote && (step.kind === "push-branch" || step.kind === "push-tag")) {
        await checkRemoteBeforePushing(state, options);
        checkedRemote = true;
      }
      options.emit({ type: "progress", step: describeStep(step, state) });
      await runStep(step, state, options);
    } catch (e) {
      throw resumable(e, step, state);
    }
    if (stepActed.hasSubscribers) stepActed.publish({ id: step.id, kind: step.kind, tag: step.tag });
    step.done = true;
    await options.store.save(state);
    options.emit({
      type: "step-done",
      step: describeStep(step, state),
      detail: step.kind === "commit" && state.commit ? state.commit.slice(0, 7) : undefined,
    });
  }
  await options.store.remove();
}
