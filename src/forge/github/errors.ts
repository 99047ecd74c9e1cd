import { formatSeconds } from "../../errors.js";
import { ForgeApiError, type ForgeFailure } from "../errors.js";

/** Where requests go, for messages (never the token). */
export interface GitHubEndpoint {
  baseUrl: string;
  owner: string;
  repo: string;
}

const RERUN = "re-run the same command: it finds the release it created and updates it, never a second one";

/** What a failure's hint says for a kind of request other than releases (pull requests). */
export interface ErrorHints {
  /** What to do after a transient failure ("re-run …"). */
  rerun?: string;
  /** The rights the token needs, for a 403. */
  permission?: string;
}

/** A GitHub API failure: the port's ForgeApiError, translated from what Octokit threw. */
export class GitHubApiError extends ForgeApiError {
  constructor(failure: ForgeFailure, status: number | null, message: string, hint: string) {
    super(failure, status, message, hint);
    this.name = "GitHubApiError";
  }
}

/**
 * GitHub did not answer in time (config timeouts.github). Not transient for
 * the core's own retries: the budget already covered them.
 */
export class GitHubTimeoutError extends GitHubApiError {
  constructor(action: string, budgetMs: number, endpoint: GitHubEndpoint, hints: ErrorHints = {}) {
    super(
      "timeout",
      null,
      `GitHub at ${endpoint.baseUrl} did not answer within ${formatSeconds(budgetMs)} while ${action}, and the ` +
        "request was abandoned",
      "check the network and GITHUB_API_URL (https://www.githubstatus.com for github.com); if GitHub is only " +
        `slow, raise timeouts.github (seconds) in your relnotes config. Then ${hints.rerun ?? RERUN}`,
    );
    this.name = "GitHubTimeoutError";
  }
}

/** The fields of an Octokit RequestError that are safe to read (never `request`, which carries headers). */
interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data: unknown };
}

function isRequestError(e: unknown): e is RequestErrorLike {
  return e instanceof Error && typeof (e as { status?: unknown }).status === "number";
}

function apiMessage(data: unknown): string | null {
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") return data.message;
  return null;
}

function validationDetail(data: unknown): string {
  const errors =
    data && typeof data === "object" && "errors" in data && Array.isArray(data.errors)
      ? (data.errors as unknown[])
      : [];
  return errors
    .map((e) =>
      e && typeof e === "object"
        ? [
            "field" in e ? String(e.field) : "",
            "code" in e ? String(e.code) : "",
            "message" in e ? String(e.message) : "",
          ]
            .filter(Boolean)
            .join(" ")
        : String(e),
    )
    .join("; ");
}

function resetTime(headers: Record<string, string | number | undefined> | undefined): string | null {
  const reset = Number(headers?.["x-ratelimit-reset"]);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : null;
}

/** Remove every secret from a text built from an error (belt and braces: the CLI redacts its output too). */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join("***"), text);
}

/**
 * Translate anything a request threw into a GitHubApiError. `action` says what
 * was being done ("creating the release for api/v1.3.0"). Messages are built
 * from the status and GitHub's own message only, never from request options.
 */
export function translateGitHubError(
  e: unknown,
  action: string,
  endpoint: GitHubEndpoint,
  secrets: readonly string[],
  hints: ErrorHints = {},
): GitHubApiError {
  if (e instanceof GitHubApiError) return e;
  const rerun = hints.rerun ?? RERUN;
  const where = `${endpoint.owner}/${endpoint.repo}`;
  const make = (failure: ForgeFailure, status: number | null, message: string, hint: string) =>
    new GitHubApiError(failure, status, scrub(message, secrets), scrub(hint, secrets));
  if (!isRequestError(e)) {
    return make(
      "other",
      null,
      `${action} failed: ${e instanceof Error ? e.message : String(e)}`,
      "run again with --debug and report the output",
    );
  }
  if (!e.response) {
    // No response at all: the connection failed or was dropped (Octokit reports it as status 500).
    return make(
      "network",
      null,
      `could not reach GitHub at ${endpoint.baseUrl} while ${action}: ${e.message}`,
      `check the network and GITHUB_API_URL, then ${rerun}`,
    );
  }
  const { status } = e;
  const data = e.response.data;
  const said = apiMessage(data) ?? e.message;
  const headers = e.response.headers;
  const limited =
    headers["x-ratelimit-remaining"] === "0" || headers["x-ratelimit-remaining"] === 0 || /rate limit/i.test(said);
  if (status === 401) {
    return make(
      "auth",
      status,
      `GitHub rejected the token while ${action} (401 ${said})`,
      `set GITHUB_TOKEN (or GH_TOKEN) to a valid token for ${endpoint.baseUrl}; it may have expired or been revoked`,
    );
  }
  if ((status === 403 || status === 429) && limited) {
    const reset = resetTime(headers);
    return make(
      "rate-limit",
      status,
      `GitHub rate limit reached while ${action} (${status} ${said})`,
      `wait${reset ? ` until ${reset}` : " a few minutes"}, then ${rerun}`,
    );
  }
  if (status === 403) {
    return make(
      "permission",
      status,
      `GitHub refused ${action} on ${where} (403 ${said})`,
      hints.permission ??
        `the token needs write access to the repository's releases: fine-grained token "Contents: Read and ` +
          `write", classic token "repo" scope, GitHub Actions "permissions: contents: write"`,
    );
  }
  if (status === 404) {
    return make(
      "not-found",
      status,
      `GitHub found nothing while ${action} (404 ${said})`,
      `check that ${where} exists at ${endpoint.baseUrl} and that the token can see it; the repository comes ` +
        "from config github.owner/github.repo or the origin remote's URL",
    );
  }
  if (status === 422) {
    const detail = validationDetail(data);
    const exists = /already_exists/.test(detail);
    return make(
      exists ? "already-exists" : "validation",
      status,
      `GitHub rejected ${action} (422 ${said}${detail ? `: ${detail}` : ""})`,
      exists ? rerun : "this is likely a relnotes bug: run again with --debug and report the output",
    );
  }
  if (status >= 500) {
    return make(
      "server",
      status,
      `GitHub failed while ${action} (${status} ${said}), and kept failing after retries`,
      `GitHub may be having trouble (https://www.githubstatus.com); later, ${rerun}`,
    );
  }
  return make(
    "other",
    status,
    `GitHub answered ${status} while ${action}: ${said}`,
    "run again with --debug and report the output",
  );
}
