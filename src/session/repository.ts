import type { ForgeKind, ResolvedConfig } from "../config/types.js";
import { displayRemoteUrl, parseRemoteUrl, type RemoteRepository } from "../git/remote-url.js";
import { remoteUrl } from "../git/repo.js";
import type { Git } from "../git/run.js";
// The one import of host detection in session/: it moves with the forge code, and only this line changes.
import { detectForge } from "../forge/registry.js";

/** Where the repository lives on the web, and whose URL shapes its links follow. */
export interface RepositoryIdentity {
  /** Web URL, e.g. `https://github.com/owner/repo`, `https://gitlab.com/group/team/svc`. */
  url: string;
  host: string;
  /** User, organization, or GitLab group with subgroups (`group/team`). */
  owner: string;
  repo: string;
  forge: ForgeKind;
}

export interface RepositoryLocation {
  /** Where links point, or null: then everything renders without links. */
  repository: RepositoryIdentity | null;
  /** Why there are no links, said once by the commands that render (null when there are links or no remote). */
  note: string | null;
}

/** The identity of a repository on a known forge; `url` defaults to `https://<host>/<owner>/<repo>`. */
export function repositoryIdentity(remote: RemoteRepository & { forge: ForgeKind }, url?: string): RepositoryIdentity {
  return {
    url: url ?? `https://${remote.host}/${remote.owner}/${remote.repo}`,
    host: remote.host,
    owner: remote.owner,
    repo: remote.repo,
    forge: remote.forge,
  };
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

const FORGES = '"github", "gitlab", "gitea" or "bitbucket"';

/**
 * The repository's web home and its forge, in this order: config
 * `repository.url` (forge from `repository.forge` or the host), config
 * `github.owner/repo` (GitHub, on GITHUB_SERVER_URL's host for Enterprise),
 * the remote's URL (forge from `repository.forge` or a host known for sure).
 */
export async function locateRepository(
  git: Git,
  config: ResolvedConfig,
  env: NodeJS.ProcessEnv,
): Promise<RepositoryLocation> {
  const url = await remoteUrl(git, config.branches.remote);
  const parsed = url ? parseRemoteUrl(url) : null;
  const configured = config.repository;
  if (configured.url !== null) {
    const web = parseRemoteUrl(configured.url)!;
    const forge = configured.forge ?? detectForge(web.host, env);
    if (forge === null) {
      const note =
        `repository.url ${configured.url}: ${web.host} is not a forge relnotes knows, so notes and changelogs ` +
        `have no links; set repository.forge (${FORGES})`;
      return { repository: null, note };
    }
    return { repository: repositoryIdentity({ ...web, forge }, configured.url), note: null };
  }
  if (config.github.owner && config.github.repo) {
    const host = githubHost(env, parsed?.host ?? null);
    return {
      repository: repositoryIdentity({ host, owner: config.github.owner, repo: config.github.repo, forge: "github" }),
      note: null,
    };
  }
  if (url === null) return { repository: null, note: null };
  if (parsed === null) {
    const note =
      `remote ${config.branches.remote} (${displayRemoteUrl(url)}) has no web address, so notes and changelogs have no links; set ` +
      "repository.url in the relnotes config to add them";
    return { repository: null, note };
  }
  const forge = configured.forge ?? detectForge(parsed.host, env);
  if (forge === null) {
    const note =
      `remote ${config.branches.remote} is on ${parsed.host}, which is not a forge relnotes recognizes, so notes ` +
      `and changelogs have no links; set repository.forge (${FORGES}) or repository.url in the relnotes config`;
    return { repository: null, note };
  }
  return { repository: repositoryIdentity({ ...parsed, forge }), note: null };
}

/** The repository's web location, without the note. */
export async function resolveRepository(
  git: Git,
  config: ResolvedConfig,
  env: NodeJS.ProcessEnv,
): Promise<RepositoryIdentity | null> {
  return (await locateRepository(git, config, env)).repository;
}
