import type { ResolvedConfig } from "../config/types.js";
import type { Emit } from "../events.js";
import type { TagRef } from "../git/refs.js";
import type { Head } from "../git/repo.js";
import type { Git } from "../git/run.js";
import type { RepositoryContext } from "../render/context.js";
import type { Renderer } from "../render/render.js";

/** What reading versions and tags needs: the repository, its config, and the facts read once up front. */
export interface ReadContext {
  git: Git;
  config: ResolvedConfig;
  emit: Emit;
  head: Head;
  tags: TagRef[];
  /** Release date instant. */
  now: Date;
}

/** What planning reads: all of the above, the repository's web location for links, and the templates. */
export interface PlanContext extends ReadContext {
  repository: RepositoryContext | null;
  /** Why `repository` is null although there is a remote; said once by commands that render notes or changelogs. */
  linksNote?: string | null;
  renderer: Renderer;
}
