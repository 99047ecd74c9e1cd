import type { ResolvedConfig } from "../config/types.js";
import { parseRemoteUrl } from "../git/remote-url.js";
import { remoteUrl } from "../git/repo.js";
import type { Git } from "../git/run.js";
import { detectForge } from "../forge/registry.js";
import { repositoryContext, type RepositoryContext } from "../render/context.js";

export interface RepositoryLocation {
  /** Where links point, or null: then everything renders without links. */
  repository: RepositoryContext | null;
  /** Why there are no links, said once by the commands that render (null when there are links or no remote). */
  note: string | null;
}

function githubHost(env: NodeJS.ProcessEnv, remoteHost: string | null): string {
  const server = env.GITHUB_SERVER_URL?.trim();
  if (server) {
    try {
      return new URL(server).hostname;
    } catch {
      // Not a URL: fall through.
    }
  }
  return remoteHost !== null && detectForge(remoteHost, env) === "github" ? remoteHost : "github.com";
}

/**
 * The repository's web home and its forge, in this order: config
 * `repository.url` (forge from `repository.forge` or the host), config
 * `github.owner/repo` (GitHub, on GITHUB_SERVER_URL's host for Enterprise),
 * the remote's URL (forge from `repository.forge` or a host known for sure).
 */
export async function locateRepository(git: Git, config: ResolvedConfig, env: NodeJS.ProcessEnv = process.env): Promise<RepositoryLocation> {
  const url = await remoteUrl(git, config.branches.remote);
  const parsed = url ? parseRemoteUrl(url) : null;
  const configured = config.repository;
  if (configured.url !== null) {
    const web = parseRemoteUrl(configured.url)!;
    const forge = configured.forge ?? detectForge(web.host, env);
    if (forge === null) return { repository: null, note: `repository.url ${configured.url}: ${web.host} is not a forge relnotes knows, so notes and changelogs have no links; set repository.forge ("github", "gitlab", "gitea" or "bitbucket")` };
    return { repository: repositoryContext({ ...web, forge }, configured.url), note: null };
  }
  if (config.github.owner && config.github.repo) {
    return { repository: repositoryContext({ host: githubHost(env, parsed?.host ?? null), owner: config.github.owner, repo: config.github.repo, forge: "github" }), note: null };
  }
  if (url === null) return { repository: null, note: null };
  if (parsed === null) {
    return { repository: null, note: `remote ${config.branches.remote} (${url}) has no web address, so notes and changelogs have no links; set repository.url in the relnotes config to add them` };
  }
  const forge = configured.forge ?? detectForge(parsed.host, env);
  if (forge === null) {
    return { repository: null, note: `remote ${config.branches.remote} is on ${parsed.host}, which is not a forge relnotes recognizes, so notes and changelogs have no links; set repository.forge ("github", "gitlab", "gitea" or "bitbucket") or repository.url in the relnotes config` };
  }
  return { repository: repositoryContext({ ...parsed, forge }), note: null };
}
