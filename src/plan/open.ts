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

export interface OpenOptions {
  /**
   * The services the command works on (empty: all configured services): only
   * their tags are read. Leave it out when a command needs every tag.
   */
  services?: readonly string[];
}

/** Open the repository at `cwd` and read, once, everything planning needs. */
export async function openPlanContext(cwd: string, emit: Emit, options: OpenOptions = {}): Promise<PlanContext> {
  const git = await openRepository(cwd);
  const [config, head] = await Promise.all([loadConfig(git.cwd), readHead(git)]);
  let prefixes: string[] | undefined;
  if (options.services) {
    const wanted = options.services.length === 0 ? config.services : config.services.filter((s) => s.name !== null && options.services!.includes(s.name));
    // Only when every name is known: an unknown one is reported by service selection, with all services listed.
    if (options.services.length === 0 || wanted.length === options.services.length) prefixes = wanted.map((s) => s.tagFormat.prefix(s.name));
  }
  const tags = await readTags(git, prefixes);
  const [repository, renderer] = await Promise.all([resolveRepository(git, config), createRenderer(config)]);
  return { git, config, emit, head, tags, repository, renderer, now: releaseInstant() };
}
