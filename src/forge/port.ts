/** The narrow port the release core talks to; only src/forge/github/client.ts implements it with Octokit. */

export interface GitHubRelease {
  id: number;
  tag: string;
  name: string | null;
  body: string;
  draft: boolean;
  prerelease: boolean;
  /** The release's web page. */
  url: string;
}

export type MakeLatest = "true" | "false";

export interface ReleaseFields {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  make_latest?: MakeLatest;
}

export interface RetryPolicy {
  /** Attempts after the first for requests that failed transiently. */
  retries: number;
  /** Wait before retry number `attempt` (0-based). */
  wait(attempt: number): Promise<void>;
}

/** What the token may do in the repository; null when GitHub does not say. */
export interface RepositoryAccess {
  canWrite: boolean | null;
}

export interface GitHubReleases {
  /** `owner/repo`, for messages. */
  readonly repository: string;
  readonly retry: RetryPolicy;
  /** One authenticated GET of the repository: the token is valid and can see it (else a GitHubApiError). */
  access(): Promise<RepositoryAccess>;
  /** The published release of a tag, or null (GitHub's get-by-tag never returns drafts). */
  publishedByTag(tag: string): Promise<GitHubRelease | null>;
  /** Every release, drafts included, newest first. */
  list(): Promise<GitHubRelease[]>;
  /** One POST, never retried by the transport: the caller makes creation idempotent. */
  create(fields: ReleaseFields & { tag_name: string }): Promise<GitHubRelease>;
  update(id: number, fields: ReleaseFields): Promise<GitHubRelease>;
  assetNames(id: number): Promise<string[]>;
}
