import { RelnotesError } from "../../errors.js";
import type { RepositoryContext } from "../repository.js";

/** Where and as whom to call Gitea or Forgejo. */
export interface GiteaTarget {
  /** The API root, e.g. https://codeberg.org/api/v1. */
  apiUrl: string;
  owner: string;
  repo: string;
  token: string;
}

/** GITEA_TOKEN, else FORGEJO_TOKEN. */
export function giteaToken(env: NodeJS.ProcessEnv): string | null {
  for (const name of ["GITEA_TOKEN", "FORGEJO_TOKEN"]) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return null;
}

/** A Gitea or Forgejo Actions job (their runners also set GITHUB_* variables, pointing at the instance). */
export function inGiteaActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITEA_ACTIONS === "true" || env.FORGEJO_ACTIONS === "true";
}

/**
 * The API root: GITEA_API_URL or FORGEJO_API_URL, else in a Gitea/Forgejo
 * Actions job its GITHUB_API_URL (the instance's API), else `https://<host>/api/v1`.
 */
export function giteaApiUrl(env: NodeJS.ProcessEnv, repository: RepositoryContext): string {
  const configured =
    env.GITEA_API_URL?.trim() || env.FORGEJO_API_URL?.trim() || (inGiteaActions(env) ? env.GITHUB_API_URL?.trim() : "");
  if (configured) return configured.replace(/\/+$/, "");
  return `${new URL(repository.url).origin}/api/v1`;
}

export function resolveGiteaTarget(env: NodeJS.ProcessEnv, repository: RepositoryContext | null): GiteaTarget {
  const token = giteaToken(env);
  if (!token) {
    throw new RelnotesError(
      "no Gitea token: GITEA_TOKEN and FORGEJO_TOKEN are both unset",
      "export GITEA_TOKEN=<token with the write:repository scope> " +
        "(in Forgejo Actions: env: FORGEJO_TOKEN: ${{ secrets.FORGEJO_TOKEN }})",
    );
  }
  if (repository?.forge !== "gitea") {
    throw new RelnotesError(
      "cannot tell which Gitea repository to use: the origin remote is missing or not on Gitea or Forgejo",
      'set repository: { url: "https://<host>/<owner>/<repo>", forge: "gitea" } in the relnotes config',
    );
  }
  return { apiUrl: giteaApiUrl(env, repository), owner: repository.owner, repo: repository.repo, token };
}
