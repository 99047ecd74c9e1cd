import { RelnotesError } from "../../errors.js";
import type { RepositoryContext } from "../repository.js";

/** Where and as whom to call GitLab. */
export interface GitLabTarget {
  /** The API root, e.g. https://gitlab.example.com/api/v4. */
  apiUrl: string;
  /** `group/subgroup/project`. */
  project: string;
  /** The credential header: a personal/project/group access token, or a CI job token. */
  header: { name: "PRIVATE-TOKEN" | "JOB-TOKEN"; value: string };
}

/** GITLAB_TOKEN (an access token), else CI_JOB_TOKEN (the token of a GitLab CI job). */
export function gitlabCredential(env: NodeJS.ProcessEnv): GitLabTarget["header"] | null {
  const token = env.GITLAB_TOKEN?.trim();
  if (token) return { name: "PRIVATE-TOKEN", value: token };
  const job = env.CI_JOB_TOKEN?.trim();
  if (job) return { name: "JOB-TOKEN", value: job };
  return null;
}

/**
 * The API root: CI_API_V4_URL (set by GitLab CI, and the override for a
 * GitLab under a relative URL root), else `https://<host>/api/v4`.
 */
export function gitlabApiUrl(env: NodeJS.ProcessEnv, repository: RepositoryContext): string {
  const configured = env.CI_API_V4_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return `${new URL(repository.url).origin}/api/v4`;
}

export function resolveGitLabTarget(env: NodeJS.ProcessEnv, repository: RepositoryContext | null): GitLabTarget {
  const header = gitlabCredential(env);
  if (!header) {
    throw new RelnotesError(
      "no GitLab token: GITLAB_TOKEN and CI_JOB_TOKEN are both unset",
      "export GITLAB_TOKEN=<access token with the Developer role and the api scope> " +
        "(in GitLab CI, CI_JOB_TOKEN is used)",
    );
  }
  if (repository?.forge !== "gitlab") {
    throw new RelnotesError(
      "cannot tell which GitLab project to use: the origin remote is missing or not on GitLab",
      'set repository: { url: "https://<host>/<group>/<project>", forge: "gitlab" } in the relnotes config',
    );
  }
  return { apiUrl: gitlabApiUrl(env, repository), project: `${repository.owner}/${repository.repo}`, header };
}
