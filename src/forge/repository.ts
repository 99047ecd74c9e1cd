import type { ForgeKind } from "../config/types.js";

/** The repository on its forge: where links point and which forge shapes them. */
export interface RepositoryContext {
  /** Web URL, e.g. `https://gitlab.com/group/team/svc`. */
  url: string;
  host: string;
  /** User, organization, or GitLab group with subgroups (`group/team`). */
  owner: string;
  repo: string;
  /** Whose URL shapes the links follow. */
  forge: ForgeKind;
}

/** The context of a repository on a known forge; `url` defaults to `https://<host>/<owner>/<repo>`. */
export function repositoryContext(
  remote: { host: string; owner: string; repo: string; forge: ForgeKind },
  url?: string,
): RepositoryContext {
  return {
    url: url ?? `https://${remote.host}/${remote.owner}/${remote.repo}`,
    host: remote.host,
    owner: remote.owner,
    repo: remote.repo,
    forge: remote.forge,
  };
}
