import { loadConfig } from "../config/load.js";
import type { Emit } from "../events.js";
import { readTags } from "../git/refs.js";
import { parseRemoteUrl } from "../git/remote-url.js";
import { openRepository, readHead, remoteUrl } from "../git/repo.js";
import type { Git } from "../git/run.js";
import type { ResolvedConfig } from "../config/types.js";
import { repositoryContext, type RepositoryContext } from "../render/context.js";
import { releaseInstant } from "../render/dates.js";
import { createRenderer } from "../render/render.js";
import type { PlanContext } from "./context.js";

/** The repository's web location: config `github.owner/repo`, else the remote's URL. */
export async function resolveRepository(git: Git, config: ResolvedConfig): Promise<RepositoryContext | null> {
  const url = await remoteUrl(git, config.branches.remote);
  const parsed = url ? parseRemoteUrl(url) : null;
  if (config.github.owner && config.github.repo) {
    return repositoryContext({ host: parsed?.host ?? "github.com", owner: config.github.owner, repo: config.github.repo });
  }
  return repositoryContext(parsed);
}

/** Open the repository at `cwd` and read, once, everything planning needs. */
export async function openPlanContext(cwd: string, emit: Emit): Promise<PlanContext> {
  const git = await openRepository(cwd);
  const [config, head, tags] = await Promise.all([loadConfig(git.cwd), readHead(git), readTags(git)]);
  const [repository, renderer] = await Promise.all([resolveRepository(git, config), createRenderer(config)]);
  return { git, config, emit, head, tags, repository, renderer, now: releaseInstant() };
}
