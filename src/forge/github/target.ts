import { RelnotesError } from "../../errors.js";
import type { RepositoryContext } from "../repository.js";
import type { GitHubEndpoint } from "./errors.js";

export const DEFAULT_API_URL = "https://api.github.com";

/** Where and as whom to call GitHub. */
export interface GitHubTarget extends GitHubEndpoint {
  token: string;
}

/** The token from GITHUB_TOKEN, else GH_TOKEN (like the gh CLI). */
export function githubToken(env: NodeJS.ProcessEnv): string | null {
  for (const name of ["GITHUB_TOKEN", "GH_TOKEN"]) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return null;
}

/**
 * The API base URL: GITHUB_API_URL, else api.github.com for github.com
 * remotes, else the GitHub Enterprise Server convention `https://<host>/api/v3`.
 */
export function apiBaseUrl(env: NodeJS.ProcessEnv, repository: RepositoryContext | null): string {
  const configured = env.GITHUB_API_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  if (!repository || repository.host === "github.com" || repository.host.endsWith(".github.com"))
    return DEFAULT_API_URL;
  return `https://${repository.host}/api/v3`;
}

/** Token, base URL and repository (config github.owner/repo, else the origin URL, already resolved into `repository`). */
export function resolveGitHubTarget(env: NodeJS.ProcessEnv, repository: RepositoryContext | null): GitHubTarget {
  const token = githubToken(env);
  if (!token)
    throw new RelnotesError(
      "no GitHub token: GITHUB_TOKEN and GH_TOKEN are both unset",
      "export GITHUB_TOKEN=<token with write access to releases> (in GitHub Actions: env: GITHUB_TOKEN: ${{ " +
        "secrets.GITHUB_TOKEN }})",
    );
  if (!repository) {
    throw new RelnotesError(
      "cannot tell which GitHub repository to use: the origin remote is missing or its URL is not owner/repo",
      "set github.owner and github.repo in the relnotes config, or add the remote: git remote add origin " +
        "https://github.com/<owner>/<repo>.git",
    );
  }
  if (repository.forge !== "github") {
    throw new RelnotesError(
      `the repository ${repository.url} is on ${repository.forge}, not GitHub: relnotes publishes releases on ` +
        "GitHub only",
      "turn GitHub releases off (github.release: false), or set github.owner and github.repo to a GitHub repository",
    );
  }
  return { token, baseUrl: apiBaseUrl(env, repository), owner: repository.owner, repo: repository.repo };
}
