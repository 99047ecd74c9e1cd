import type { ResolvedConfig } from "../config/types.js";
import { ProblemsError } from "../errors.js";
import type { Emit } from "../events.js";
import type { Git } from "../git/run.js";
import { resolveRepository } from "../plan/open.js";
import { checkNeeds } from "./preflight.js";
import type { ReleaseState, StateStore } from "./state.js";

/**
 * Before resuming: check what the pending steps need (identity and signing
 * for tags and the commit, the GitHub token for GitHub steps), so a resumed
 * run stops before doing anything rather than halfway. With --no-github the
 * pending GitHub steps are dropped (said so, never reported as done).
 */
export async function recheckPending(git: Git, config: ResolvedConfig, state: ReleaseState, store: StateStore, options: { noGithub: boolean; env: NodeJS.ProcessEnv; emit: Emit }): Promise<void> {
  const pending = state.steps.filter((s) => !s.done);
  if (options.noGithub && pending.some((s) => s.kind === "github")) {
    const dropped = pending.filter((s) => s.kind === "github").map((s) => s.tag!);
    state.steps = state.steps.filter((s) => s.done || s.kind !== "github");
    state.github = false;
    await store.save(state);
    options.emit({ type: "warning", message: `--no-github: no GitHub release will be made for ${dropped.join(", ")} (create ${dropped.length === 1 ? "it" : "them"} later with relnotes release <tag>)` });
  }
  const left = state.steps.filter((s) => !s.done);
  const tags = left.filter((s) => s.kind === "tag").map((s) => ({ name: s.tag!, sign: state.releases.find((r) => r.tag === s.tag)?.sign ?? false }));
  const github = left.some((s) => s.kind === "github") && state.github !== false ? state.github : false;
  const problems = await checkNeeds(
    git,
    { commit: left.some((s) => s.kind === "commit"), tags, push: null, github },
    options.env,
    { repository: await resolveRepository(git, config), githubTimeout: config.timeouts.github, emit: options.emit },
  );
  if (problems.length > 0) {
    throw new ProblemsError(
      `cannot complete the unfinished release of ${state.releases.map((r) => r.tag).join(", ")}; nothing more was done:`,
      problems,
      `fix the problems above and run relnotes bump --resume${github ? " (or relnotes bump --resume --no-github to finish without the GitHub releases)" : ""}`,
    );
  }
}
