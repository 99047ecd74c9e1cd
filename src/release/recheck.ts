import type { ResolvedConfig } from "../config/types.js";
import { ProblemsError } from "../errors.js";
import type { Emit } from "../events.js";
import type { Git } from "../git/run.js";
import { resolveRepository } from "../session/repository.js";
import { checkNeeds } from "./preflight.js";
import type { ReleaseState, StateStore } from "./state.js";
import { agree } from "../text/words.js";

/**
 * Before resuming: check what the pending steps need (identity and signing
 * for tags and the commit, the forge credentials for publish steps), so a
 * resumed run stops before doing anything rather than halfway. When
 * publishing is skipped the pending publish steps are dropped (said so, never
 * reported as done).
 */
export async function recheckPending(
  git: Git,
  config: ResolvedConfig,
  state: ReleaseState,
  store: StateStore,
  options: { skipPublish: boolean; env: NodeJS.ProcessEnv; emit: Emit },
): Promise<void> {
  const pending = state.steps.filter((s) => !s.done);
  const { host } = state;
  if (options.skipPublish && pending.some((s) => s.kind === "publish")) {
    const dropped = pending.filter((s) => s.kind === "publish").map((s) => s.tag!);
    state.steps = state.steps.filter((s) => s.done || s.kind !== "publish");
    state.publish = false;
    await store.save(state);
    options.emit({
      type: "warning",
      message:
        `${host.skipFlag}: no ${host.host} release will be made for ${dropped.join(", ")} (create ` +
        `${agree(dropped.length, "it", "them")} later with relnotes release <tag>)`,
    });
  }
  const left = state.steps.filter((s) => !s.done);
  const tags = left
    .filter((s) => s.kind === "tag")
    .map((s) => ({ name: s.tag!, sign: state.releases.find((r) => r.tag === s.tag)?.sign ?? false }));
  const publish = left.some((s) => s.kind === "publish") && state.publish !== false ? state.publish : false;
  const problems = await checkNeeds(
    git,
    { commit: left.some((s) => s.kind === "commit"), tags, push: null, publish },
    options.env,
    { repository: await resolveRepository(git, config, options.env), config, emit: options.emit },
  );
  if (problems.length > 0) {
    const skipHint = ` (or relnotes bump --resume ${host.skipFlag} to finish without the ${host.host} releases)`;
    throw new ProblemsError(
      `cannot complete the unfinished release of ${state.releases.map((r) => r.tag).join(", ")}; nothing more ` +
        "was done:",
      problems,
      `fix the problems above and run relnotes bump --resume${publish ? skipHint : ""}`,
    );
  }
}
