import { RelnotesError } from "../../errors.js";
import { packageVersion } from "../../package-root.js";
import { retryBaseMs, Transport, type ForgeTerms } from "../transport.js";
import type { ForgeAdapter, ForgeReleases, OpenOptions } from "../port.js";
import { giteaReleases } from "./client.js";
import { giteaToken, resolveGiteaTarget } from "./target.js";

const TERMS: ForgeTerms = {
  name: "Gitea",
  apiVariable: "GITEA_API_URL",
  tokenHint:
    "set GITEA_TOKEN (or FORGEJO_TOKEN) to a valid token for the instance; it may have expired or been revoked",
  permissionHint: "the token needs the write:repository scope and write access to the repository",
  repositoryHint: "the repository comes from config repository.url or the origin remote's URL",
};

/**
 * Open Gitea's (or Forgejo's) releases for the repository: token from
 * GITEA_TOKEN or FORGEJO_TOKEN, API from GITEA_API_URL/FORGEJO_API_URL (else
 * https://<host>/api/v1), owner/repo from config repository.url or the origin URL.
 */
export async function openGitea({ env, repository, emit, timeoutSeconds }: OpenOptions): Promise<ForgeReleases> {
  const target = resolveGiteaTarget(env, repository);
  const base = retryBaseMs(env);
  const transport = new Transport(
    {
      apiUrl: target.apiUrl,
      repository: `${target.owner}/${target.repo}`,
      headers: { authorization: `token ${target.token}` },
      secrets: [target.token],
      terms: TERMS,
    },
    {
      emit,
      userAgent: `relnotes/${packageVersion()}`,
      ...(base === undefined ? {} : { retryBaseMs: base }),
      ...(timeoutSeconds === undefined ? {} : { requestTimeoutMs: timeoutSeconds * 1000 }),
    },
  );
  return giteaReleases(transport, target.owner, target.repo);
}

const SKIP = "or pass --no-github to release without forge releases (relnotes release <tag> creates one later)";

/** Can bump publish Gitea releases? A token, a known repository, and one authenticated read that shows write access. */
export async function giteaReadiness(
  options: OpenOptions & { timeoutSeconds: number },
  mode: "publish" | "draft",
): Promise<string | null> {
  const what = `releases are on (github.release: "${mode}") and the repository is on Gitea/Forgejo`;
  if (giteaToken(options.env) === null)
    return `${what}, but there is no token: export GITEA_TOKEN (or FORGEJO_TOKEN), ${SKIP}`;
  if (options.repository === null)
    return `${what}, but the repository is unknown: set repository.url in the relnotes config, ${SKIP}`;
  try {
    const gitea = await openGitea(options);
    const access = await gitea.access();
    if (access.canWrite === false)
      return `the Gitea token can read ${gitea.repository} but not write to it, so it cannot create releases, ${SKIP}`;
    return null;
  } catch (e) {
    if (!(e instanceof RelnotesError)) throw e;
    return `${e.message}${e.hint ? ` (${e.hint})` : ""}; ${SKIP}`;
  }
}

/** Gitea's releases adapter, loaded through its registry entry (src/forge/gitea/forge.ts). */
export const adapter: ForgeAdapter = { open: openGitea, readiness: giteaReadiness };
