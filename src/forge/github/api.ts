import { RelnotesError } from "../../errors.js";
import type { Emit } from "../../events.js";
import { packageVersion } from "../../package-root.js";
import type { RepositoryContext } from "../../render/context.js";
import { openReleasesClient } from "./client.js";
import type { GitHubReleases } from "../port.js";
import { resolveGitHubTarget } from "./target.js";

/** Environment variable with the base delay of GitHub retries in ms (default 1000); tests set it low. */
export const RETRY_MS_VAR = "RELNOTES_GITHUB_RETRY_MS";

function retryBaseMs(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[RETRY_MS_VAR]?.trim();
  if (!text) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0) throw new RelnotesError(`${RETRY_MS_VAR}="${text}" is not a whole number of milliseconds`, `unset it (default 1000) or set e.g. ${RETRY_MS_VAR}=500`);
  return ms;
}

function userAgent(): string {
  return `relnotes/${packageVersion()}`;
}

/**
 * Open GitHub's releases for the repository: token from GITHUB_TOKEN or
 * GH_TOKEN, API from GITHUB_API_URL, owner/repo already resolved from config
 * or the origin URL (plan context `repository`).
 */
export async function openGitHub(env: NodeJS.ProcessEnv, repository: RepositoryContext | null, emit: Emit, timeoutSeconds?: number): Promise<GitHubReleases> {
  const target = resolveGitHubTarget(env, repository);
  const base = retryBaseMs(env);
  return openReleasesClient(target, {
    emit,
    userAgent: userAgent(),
    ...(base === undefined ? {} : { retryBaseMs: base }),
    ...(timeoutSeconds === undefined ? {} : { requestTimeoutMs: timeoutSeconds * 1000 }),
  });
}
