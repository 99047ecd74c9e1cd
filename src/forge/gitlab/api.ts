import { RelnotesError } from "../../errors.js";
import { packageVersion } from "../../package-root.js";
import { retryBaseMs, Transport, type ForgeTerms } from "../transport.js";
import type { ForgeAdapter, ForgeReleases, OpenOptions } from "../port.js";
import { gitlabReleases } from "./client.js";
import { gitlabCredential, resolveGitLabTarget } from "./target.js";

const TERMS: ForgeTerms = {
  name: "GitLab",
  apiVariable: "CI_API_V4_URL",
  tokenHint:
    "set GITLAB_TOKEN to a valid access token (the api scope) for the project; it may have expired or been revoked",
  permissionHint:
    "the token needs the Developer role (or higher) in the project and the api scope; " +
    "in GitLab CI, a job token may create releases only in its own project",
  repositoryHint: "the project comes from config repository.url or the origin remote's URL (subgroups included)",
};

/**
 * Open GitLab's releases for the repository: token from GITLAB_TOKEN (else
 * CI_JOB_TOKEN), API from CI_API_V4_URL (else https://<host>/api/v4), the
 * project path from config repository.url or the origin URL.
 */
export async function openGitLab({ env, repository, emit, timeoutSeconds }: OpenOptions): Promise<ForgeReleases> {
  const target = resolveGitLabTarget(env, repository);
  const base = retryBaseMs(env);
  const transport = new Transport(
    {
      apiUrl: target.apiUrl,
      repository: target.project,
      headers: { [target.header.name]: target.header.value },
      secrets: [target.header.value],
      terms: TERMS,
    },
    {
      emit,
      userAgent: `relnotes/${packageVersion()}`,
      ...(base === undefined ? {} : { retryBaseMs: base }),
      ...(timeoutSeconds === undefined ? {} : { requestTimeoutMs: timeoutSeconds * 1000 }),
    },
  );
  return gitlabReleases(transport, target.project, { jobToken: target.header.name === "JOB-TOKEN" });
}

const SKIP = "or pass --no-github to release without forge releases (relnotes release <tag> creates one later)";

/** Can bump publish GitLab releases? A token, a known project, and one authenticated read that shows write access. */
export async function gitlabReadiness(
  options: OpenOptions & { timeoutSeconds: number },
  mode: "publish" | "draft",
): Promise<string | null> {
  const what = `releases are on (github.release: "${mode}") and the repository is on GitLab`;
  if (gitlabCredential(options.env) === null)
    return `${what}, but there is no token: export GITLAB_TOKEN (in GitLab CI, CI_JOB_TOKEN is used), ${SKIP}`;
  if (options.repository === null)
    return `${what}, but the project is unknown: set repository.url in the relnotes config, ${SKIP}`;
  try {
    const gitlab = await openGitLab(options);
    const access = await gitlab.access();
    if (access.canWrite === false) {
      const needs = "it needs the Developer role or higher";
      return `the GitLab token can read ${gitlab.repository} but not create releases there: ${needs}, ${SKIP}`;
    }
    return null;
  } catch (e) {
    if (!(e instanceof RelnotesError)) throw e;
    return `${e.message}${e.hint ? ` (${e.hint})` : ""}; ${SKIP}`;
  }
}

/** GitLab's releases adapter, loaded through its registry entry (src/forge/gitlab/forge.ts). */
export const adapter: ForgeAdapter = { open: openGitLab, readiness: gitlabReadiness };
