import { formatSeconds, RelnotesError } from "../errors.js";
import type { Emit } from "../events.js";
import { ForgeApiError, type ForgeFailure } from "./errors.js";
import type { RetryPolicy } from "./port.js";

/**
 * The HTTP transport of the GitLab and Gitea adapters (GitHub's is Octokit's):
 * fetch with a deadline per attempt and a budget per request, retries of
 * transient failures, rate limits honoured from the forge's headers, and every
 * failure translated once into a ForgeApiError whose text never carries a
 * credential. Creating requests are not retried on 5xx or a dropped
 * connection (the forge may have made the change): the release core looks the
 * release up again instead.
 */

/** Environment variable with the base delay of GitLab and Gitea retries in ms (default 1000); tests set it low. */
export const FORGE_RETRY_MS_VAR = "RELNOTES_FORGE_RETRY_MS";

/** How a forge is named and fixed in messages. */
export interface ForgeTerms {
  /** "GitLab". */
  name: string;
  /** The environment variables that name the API, for hints ("CI_API_V4_URL"). */
  apiVariable: string;
  /** How to give relnotes a token, for a 401. */
  tokenHint: string;
  /** The rights a token needs, for a 403. */
  permissionHint: string;
  /** Where the repository came from, for a 404. */
  repositoryHint: string;
}

export interface TransportTarget {
  /** The API root, e.g. https://gitlab.example.com/api/v4 (no trailing slash). */
  apiUrl: string;
  /** `group/project`, for messages. */
  repository: string;
  /** Credential headers, sent with every request and never shown. */
  headers: Record<string, string>;
  /** Values to scrub from any text an error carries. */
  secrets: string[];
  terms: ForgeTerms;
}

export interface TransportOptions {
  emit: Emit;
  userAgent: string;
  /** Base delay of retries in ms (5xx back off 1, 4, 9 × base; rate limits wait Retry-After × base/1000 s). */
  retryBaseMs?: number;
  /** Retries of a failed request. Default 3. */
  retries?: number;
  /** One attempt is abandoned after this many ms (a retry may follow). Default 30 000. */
  requestTimeoutMs?: number;
  /** A request with all its retries is abandoned after this many ms. Default 3 × requestTimeoutMs. */
  budgetMs?: number;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH";
  /** Path under the API root, already percent-encoded (`/projects/acme%2Fwidgets/releases`), or an absolute URL. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Rate-limit waits longer than this stop the command instead (a CLI should not sleep for an hour). */
const MAX_RATE_LIMIT_WAIT_S = 60;
const RERUN = "re-run the same command: it finds the release it created and updates it, never a second one";

/** Remove every secret from a text (belt and braces: the CLI redacts its output too). */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join("***"), text);
}

/** The base retry delay from RELNOTES_FORGE_RETRY_MS, or undefined for the default. */
export function retryBaseMs(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[FORGE_RETRY_MS_VAR]?.trim();
  if (!text) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new RelnotesError(
      `${FORGE_RETRY_MS_VAR}="${text}" is not a whole number of milliseconds`,
      `unset it (default 1000) or set e.g. ${FORGE_RETRY_MS_VAR}=500`,
    );
  }
  return ms;
}

/** Seconds to wait before retrying a rate-limited request: Retry-After, else the reset time; null when unknown. */
function rateLimitWait(headers: Headers): number | null {
  const after = headers.get("retry-after");
  if (after !== null && /^\d+$/.test(after.trim())) return Number(after.trim());
  if (after !== null) {
    const at = Date.parse(after);
    if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  const reset = Number(headers.get("ratelimit-reset") ?? headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - Date.now() / 1000));
  return null;
}

function resetTime(headers: Headers): string | null {
  const wait = rateLimitWait(headers);
  return wait === null ? null : new Date(Date.now() + wait * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isRateLimited(status: number, headers: Headers): boolean {
  const remaining = headers.get("ratelimit-remaining") ?? headers.get("x-ratelimit-remaining");
  return status === 429 || (status === 403 && remaining === "0");
}

/** The forge's own words from an error body: GitLab `message`/`error`, Gitea `message`. */
function said(body: unknown, status: number): string {
  if (typeof body === "string") return body.trim().split("\n")[0]!.slice(0, 200) || `HTTP ${status}`;
  if (body && typeof body === "object") {
    const { message, error } = body as { message?: unknown; error?: unknown };
    const text = typeof message === "string" ? message : typeof error === "string" ? error : null;
    if (text !== null) return text;
    if (message !== undefined) return JSON.stringify(message);
  }
  return `HTTP ${status}`;
}

export class Transport {
  private readonly options: Required<TransportOptions>;

  constructor(
    readonly target: TransportTarget,
    options: TransportOptions,
  ) {
    const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.options = { retryBaseMs: 1000, retries: 3, requestTimeoutMs, budgetMs: 3 * requestTimeoutMs, ...options };
  }

  /** The core's own retries (after a failed create), at the transport's pace. */
  get retry(): RetryPolicy {
    const { retries, retryBaseMs } = this.options;
    return { retries, wait: (attempt) => sleep((attempt + 1) ** 2 * retryBaseMs) };
  }

  private url(request: HttpRequest): string {
    const url = new URL(/^https?:/.test(request.path) ? request.path : `${this.target.apiUrl}${request.path}`);
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  private error(failure: ForgeFailure, status: number | null, message: string, hint: string): ForgeApiError {
    const { secrets } = this.target;
    return new ForgeApiError(failure, status, scrub(message, secrets), scrub(hint, secrets));
  }

  /**
   * One request with its retries, within the budget. A 2xx answer comes back;
   * 404 too when `allow404` (a lookup that may find nothing); anything else
   * is a ForgeApiError.
   */
  async send(action: string, request: HttpRequest, allow404 = false): Promise<HttpResponse> {
    const { terms } = this.target;
    const budget = AbortSignal.timeout(this.options.budgetMs);
    const creating = request.method === "POST";
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(this.url(request), {
          method: request.method,
          headers: {
            accept: "application/json",
            "user-agent": this.options.userAgent,
            ...(request.body === undefined ? {} : { "content-type": "application/json" }),
            ...this.target.headers,
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          signal: AbortSignal.any([budget, AbortSignal.timeout(this.options.requestTimeoutMs)]),
        });
      } catch (e) {
        const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
        if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) {
          const ms = budget.aborted ? this.options.budgetMs : this.options.requestTimeoutMs;
          throw this.error(
            "timeout",
            null,
            `${terms.name} at ${this.target.apiUrl} did not answer within ${formatSeconds(ms)} while ${action}, ` +
              "and the request was abandoned",
            `check the network and ${terms.apiVariable}; if ${terms.name} is only slow, ` +
              `raise timeouts.github (seconds) in your relnotes config. Then ${RERUN}`,
          );
        }
        if (!creating && attempt < this.options.retries) {
          await this.backoff(attempt, budget);
          continue;
        }
        throw this.error(
          "network",
          null,
          `could not reach ${terms.name} at ${this.target.apiUrl} while ${action}: ${cause}`,
          `check the network and ${terms.apiVariable}, then ${RERUN}`,
        );
      }
      const body = await readBody(response);
      const { status, headers } = response;
      if (status < 300 || (status === 404 && allow404)) return { status, headers, body };
      if (isRateLimited(status, headers)) {
        const wait = rateLimitWait(headers) ?? MAX_RATE_LIMIT_WAIT_S;
        // A rate-limited request was not carried out, so even a create may be sent again.
        if (attempt < this.options.retries && wait <= MAX_RATE_LIMIT_WAIT_S) {
          this.options.emit({
            type: "warning",
            message:
              `${terms.name} rate limit on ${request.method} ${this.url(request).replace(/\?.*$/, "")}: ` +
              `retrying after ${wait}s (retry ${attempt + 1} of ${this.options.retries})`,
          });
          await sleepUnless(wait * this.options.retryBaseMs, budget);
          continue;
        }
        const reset = resetTime(headers);
        throw this.error(
          "rate-limit",
          status,
          `${terms.name} rate limit reached while ${action} (${status} ${said(body, status)})`,
          `wait${reset ? ` until ${reset}` : " a few minutes"}, then ${RERUN}`,
        );
      }
      if (status >= 500 && !creating && attempt < this.options.retries) {
        await this.backoff(attempt, budget);
        continue;
      }
      throw this.translate(action, status, body);
    }
  }

  private async backoff(attempt: number, budget: AbortSignal): Promise<void> {
    await sleepUnless((attempt + 1) ** 2 * this.options.retryBaseMs, budget);
  }

  /** A non-2xx answer as a ForgeApiError that says what to do. */
  private translate(action: string, status: number, body: unknown): ForgeApiError {
    const { terms, repository, apiUrl } = this.target;
    const text = said(body, status);
    if (status === 401) {
      return this.error(
        "auth",
        status,
        `${terms.name} rejected the token while ${action} (401 ${text})`,
        terms.tokenHint,
      );
    }
    if (status === 403) {
      return this.error(
        "permission",
        status,
        `${terms.name} refused ${action} on ${repository} (403 ${text})`,
        terms.permissionHint,
      );
    }
    if (status === 404) {
      return this.error(
        "not-found",
        status,
        `${terms.name} found nothing while ${action} (404 ${text})`,
        `check that ${repository} exists at ${apiUrl} and that the token can see it; ${terms.repositoryHint}`,
      );
    }
    if (status === 409)
      return this.error("already-exists", status, `${terms.name} rejected ${action} (409 ${text})`, RERUN);
    if (status === 400 || status === 422) {
      return this.error(
        "validation",
        status,
        `${terms.name} rejected ${action} (${status} ${text})`,
        "this is likely a relnotes bug: run again with --debug and report the output",
      );
    }
    if (status >= 500) {
      return this.error(
        "server",
        status,
        `${terms.name} failed while ${action} (${status} ${text})` +
          (action.startsWith("creating") ? "" : ", and kept failing after retries"),
        `${terms.name} may be having trouble; later, ${RERUN}`,
      );
    }
    return this.error(
      "other",
      status,
      `${terms.name} answered ${status} while ${action}: ${text}`,
      "run again with --debug and report the output",
    );
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if ((response.headers.get("content-type") ?? "").includes("json") && text !== "") {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sleep, but not past the request's budget (the next attempt then fails as a timeout). */
function sleepUnless(ms: number, budget: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      budget.removeEventListener("abort", done);
      resolve();
    }
    budget.addEventListener("abort", done, { once: true });
  });
}

/** The `next` URL of a Link header (GitLab and Gitea paginate with it), or null. */
export function nextPage(headers: Headers): string | null {
  const link = headers.get("link") ?? "";
  return /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] ?? null;
}
