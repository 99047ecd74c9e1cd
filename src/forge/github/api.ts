import { RelnotesError } from "../../errors.js";
import { packageVersion } from "../../package-root.js";
import type { ForgeAdapter, ForgePullRequests, ForgeReleases, OpenOptions } from "../port.js";
import { type ClientOptions, openReleasesClient } from "./client.js";
import { openPullRequestsClient } from "./pulls.js";
import { githubToken, resolveGitHubTarget } from "./target.js";

/** Environment variable with the base delay of GitHub retries in ms (default 1000); tests set it low. */
export const RETRY_MS_VAR = "RELNOTES_GITHUB_RETRY_MS";

function retryBaseMs(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[RETRY_MS_VAR]?.trim();
  if (!text) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0)
    throw new RelnotesError(
      `${RETRY_MS_VAR}="${text}" is not a whole number of milliseconds`,
      `unset it (default 1000) or set e.g. ${RETRY_MS_VAR}=500`,
    );
  return ms;
}

function userAgent(): string {
  return `relnotes/${packageVersion()}`;
}

/**
 * Open GitHub's releases for the repository: token from GITHUB_TOKEN or
 * GH_TOKEN, API from GITHUB_API_URL, owner/repo already resolved from config
 * or the origin URL (the session's `repository`).
 */
export async function openGitHub(options: OpenOptions): Promise<ForgeReleases> {
  return openReleasesClient(resolveGitHubTarget(options.env, options.repository), clientOptions(options));
}

/** Open GitHub's pull requests for the repository (token, API and repository as for releases). */
export async function openGitHubPullRequests(options: OpenOptions): Promise<ForgePullRequests> {
  return openPullRequestsClient(resolveGitHubTarget(options.env, options.repository), clientOptions(options));
}

function clientOptions({ env, emit, timeoutSeconds }: OpenOptions): ClientOptions {
  const base = retryBaseMs(env);
  return {
    emit,
    userAgent: userAgent(),
    ...(base === undefined ? {} : { retryBaseMs: base }),
    ...(timeoutSeconds === undefined ? {} : { requestTimeoutMs: timeoutSeconds * 1000 }),
  };
}

const SKIP = "or pass --no-github to release without GitHub releases (relnotes release <tag> creates one later)";

/**
 * Can bump publish GitHub releases? A token is there, the repository is
 * known, and one authenticated GET of the repository shows the token can see
 * it (and, when GitHub says, write to it). Returns the problem, or null.
 */
export async function githubReadiness(
  options: OpenOptions & { timeoutSeconds: number },
  mode: "publish" | "draft",
): Promise<string | null> {
  const what = `GitHub releases are on (github.release: "${mode}")`;
  if (githubToken(options.env) === null)
    return (
      `${what} but there is no token: export GITHUB_TOKEN (or GH_TOKEN) with write access to the repository's ` +
      `contents, ${SKIP}`
    );
  if (options.repository === null)
    return (
      `${what} but the repository is unknown: set github.owner and github.repo, give the remote a GitHub URL, or ` +
      "set github.release to false"
    );
  try {
    const github = await openGitHub(options);
    const access = await github.access();
    if (access.canWrite === false)
      return (
        `the GitHub token can read ${github.repository} but not write to it, so it cannot create releases: use a ` +
        `token with "Contents: Read and write" (classic: "repo" scope; Actions: permissions: contents: write), ` +
        `${SKIP}`
      );
    return null;
  } catch (e) {
    if (!(e instanceof RelnotesError)) throw e;
    return `${e.message}${e.hint ? ` (${e.hint})` : ""}; ${SKIP}`;
  }
}

/** GitHub's releases adapter, loaded through its registry entry (src/forge/github/forge.ts). */
export const adapter: ForgeAdapter = {
  open: openGitHub,
  openPullRequests: openGitHubPullRequests,
  readiness: githubReadiness,
};
