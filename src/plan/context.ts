import type { ResolvedConfig } from "../config/types.js";
import type { Emit } from "../events.js";
import type { TagRef } from "../git/refs.js";
import type { Head } from "../git/repo.js";
import type { Git } from "../git/run.js";
import type { RepositoryContext } from "../render/context.js";
import type { Renderer } from "../render/render.js";

/** What planning reads: the repository, its config, and the facts read once up front. */
export interface PlanContext {
  git: Git;
  config: ResolvedConfig;
  emit: Emit;
  head: Head;
  tags: TagRef[];
  repository: RepositoryContext | null;
  renderer: Renderer;
  /** Release date instant. */
  now: Date;
}
