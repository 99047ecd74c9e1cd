import type { Octokit } from "@octokit/rest";
import type { Emit } from "../../events.js";
import { type ErrorHints, GitHubTimeoutError, translateGitHubError } from "./errors.js";
import type { ForgeReleases, HostedRelease, NewRelease, ReleaseChanges, RetryPolicy } from "../port.js";
import { findReleaseForTag, type ReleaseLookups } from "./find.js";
import type { GitHubTarget } from "./target.js";

/**
 * The only module that loads Octokit (pulls.ts imports its types only). It is loaded on first use, so commands
 * that never call GitHub start fast.
 */

export interface ClientOptions {
  emit: Emit;
  userAgent: string;
  /** Base delay of retries in ms (5xx back off 1, 4, 9 × base; rate limits wait retry-after × base/1000 s). Default 1000. */
  retryBaseMs?: number;
  /** Retries of a failed request. Default 3. */
  retries?: number;
  /** One attempt of a request is abandoned after this many ms (a retry may follow). Default 30 000. */
  requestTimeoutMs?: number;
  /** A request with all its retries is abandoned after this many ms. Default 3 × requestTimeoutMs. */
  budgetMs?: number;
}

interface ReleaseData {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
}

function toRelease(data: ReleaseData): HostedRelease {
  return {
    id: data.id,
    tag: data.tag_name,
    title: data.name,
    notes: data.body ?? "",
    draft: data.draft,
    prerelease: data.prerelease,
    url: data.html_url,
  };
}

/** The REST fields of a change ("Latest" is always explicit: `make_latest` "true" or "false"). */
function restFields(changes: ReleaseChanges): {
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  make_latest?: "true" | "false";
} {
  return {
    ...(changes.title === undefined ? {} : { name: changes.title }),
    ...(changes.notes === undefined ? {} : { body: changes.notes }),
    ...(changes.draft === undefined ? {} : { draft: changes.draft }),
    ...(changes.prerelease === undefined ? {} : { prerelease: changes.prerelease }),
    ...(changes.latest === undefined ? {} : { make_latest: changes.latest ? "true" : "false" }),
  };
}

function releaseId(id: number | string): number {
  if (typeof id === "number") return id;
  throw new TypeError(`GitHub release ids are numbers, not ${JSON.stringify(id)}`);
}

function attemptTimedOut(e: unknown): boolean {
  if (!(e instanceof Error) || (e as { response?: unknown }).response !== undefined) return false;
  const cause = (e as { cause?: unknown }).cause;
  return e.name === "TimeoutError" || (cause instanceof Error && cause.name === "TimeoutError");
}

/** fetch with a deadline per attempt, on top of the caller's signal (the request's whole budget). */
function timedFetch(attemptMs: number): typeof fetch {
  return (url, init) => {
    const attempt = AbortSignal.timeout(attemptMs);
    return fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, attempt]) : attempt });
  };
}

async function createOctokit(target: GitHubTarget, options: Required<ClientOptions>): Promise<Octokit> {
  const [{ Octokit: Rest }, { retry }, { throttling }] = await Promise.all([
    import("@octokit/rest"),
    import("@octokit/plugin-retry"),
    import("@octokit/plugin-throttling"),
  ]);
  const Client = Rest.plugin(retry, throttling);
  const warn = (message: string) => options.emit({ type: "warning", message });
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= options.retries) return false;
      // A primary limit can reset an hour from now: waiting that long in a CLI is worse than stopping with a clear message.
      if (kind === "rate limit" && retryAfter > 60) return false;
      warn(
        `GitHub ${kind} on ${request.method} ${request.url}: retrying after ${retryAfter}s (retry ` +
          `${retryCount + 1} of ${options.retries})`,
      );
      return true;
    };
  return new Client({
    auth: target.token,
    baseUrl: target.baseUrl,
    userAgent: options.userAgent,
    request: { fetch: timedFetch(options.requestTimeoutMs) },
    headers: { "x-github-api-version": "2022-11-28" },
    // Failed requests are translated into errors by `call` below; Octokit's own request log would only repeat them.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(m), error: () => {} },
    // 429 is left to the throttling plugin, which honours retry-after (the retry plugin would back off blindly).
    retry: {
      retries: options.retries,
      retryAfterBaseValue: options.retryBaseMs,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: options.retryBaseMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
    },
  });
}

/** An authenticated Octokit for one repository, with the request wrapper every port method goes through. */
export interface GitHubConnection {
  octokit: Octokit;
  /** `{ owner, repo }`, for request parameters. */
  repo: { owner: string; repo: string };
  /** `owner/repo`, for messages. */
  repository: string;
  retry: RetryPolicy;
  emit: Emit;
  /**
   * Run one request (with the transport's retries) within the budget; `signal` goes into the request's
   * options. Any failure comes out as a GitHubApiError whose text says `action` and never carries the token.
   */
  call<T>(action: string, run: (signal: AbortSignal) => Promise<T>, hints?: ErrorHints): Promise<T>;
}

/** Connect to one repository: Octokit with retries, throttling, a deadline per attempt and a budget per request. */
export async function connectGitHub(target: GitHubTarget, clientOptions: ClientOptions): Promise<GitHubConnection> {
  const requestTimeoutMs = clientOptions.requestTimeoutMs ?? 30_000;
  const options: Required<ClientOptions> = {
    retryBaseMs: 1000,
    retries: 3,
    requestTimeoutMs,
    budgetMs: 3 * requestTimeoutMs,
    ...clientOptions,
  };
  const octokit = await createOctokit(target, options);
  const secrets = [target.token];
  const call = async <T>(action: string, run: (signal: AbortSignal) => Promise<T>, hints?: ErrorHints): Promise<T> => {
    const budget = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        budget.abort();
        reject(new GitHubTimeoutError(action, options.budgetMs, target, hints));
      }, options.budgetMs);
    });
    try {
      return await Promise.race([run(budget.signal), expired]);
    } catch (e) {
      // An attempt that got no answer in time (after the transport's own retries): not worth the core's retries too.
      if (attemptTimedOut(e)) throw new GitHubTimeoutError(action, options.requestTimeoutMs, target, hints);
      throw translateGitHubError(e, action, target, secrets, hints);
    } finally {
      clearTimeout(timer);
    }
  };
  const retry: RetryPolicy = {
    retries: options.retries,
    wait: (attempt) => new Promise((resolve) => setTimeout(resolve, (attempt + 1) ** 2 * options.retryBaseMs)),
  };
  return {
    octokit,
    repo: { owner: target.owner, repo: target.repo },
    repository: `${target.owner}/${target.repo}`,
    retry,
    emit: options.emit,
    call,
  };
}

/** Open the releases port of one repository. */
export async function openReleasesClient(target: GitHubTarget, clientOptions: ClientOptions): Promise<ForgeReleases> {
  const { octokit, repo, repository, retry, call, emit } = await connectGitHub(target, clientOptions);
  const lookups: ReleaseLookups = {
    repository,
    publishedByTag: (tag) =>
      call(`looking up the release of ${tag}`, async (signal) => {
        try {
          return toRelease((await octokit.rest.repos.getReleaseByTag({ ...repo, tag, request: { signal } })).data);
        } catch (e) {
          if ((e as { status?: unknown }).status === 404 && (e as { response?: unknown }).response) return null;
          throw e;
        }
      }),
    list: () =>
      call("listing releases", async (signal) =>
        (await octokit.paginate(octokit.rest.repos.listReleases, { ...repo, per_page: 100, request: { signal } })).map(
          toRelease,
        ),
      ),
  };
  const update = (id: number | string, changes: ReleaseChanges) =>
    call(`updating release ${id}`, async (signal) =>
      toRelease(
        (
          await octokit.rest.repos.updateRelease({
            ...repo,
            release_id: releaseId(id),
            ...restFields(changes),
            request: { signal },
          })
        ).data,
      ),
    );
  return {
    host: "GitHub",
    repository,
    retry,
    access: () =>
      call(`reading the repository ${repository}`, async (signal) => {
        const { data } = await octokit.rest.repos.get({ ...repo, request: { signal } });
        // Absent for some installation tokens: then only the release step itself can tell.
        return { canWrite: data.permissions ? data.permissions.push === true : null };
      }),
    findByTag: (tag) => findReleaseForTag(lookups, tag, emit),
    create: (release: NewRelease) =>
      call(`creating the release for ${release.tag}`, async (signal) => {
        const fields = {
          tag_name: release.tag,
          ...restFields(release),
          ...(release.commit ? { target_commitish: release.commit } : {}),
        };
        return toRelease(
          (await octokit.rest.repos.createRelease({ ...repo, ...fields, request: { retries: 0, signal } })).data,
        );
      }),
    update,
    publish: (id, { latest }) => update(id, { draft: false, latest }),
    assetNames: (id) =>
      call(`listing the assets of release ${id}`, async (signal) =>
        (
          await octokit.paginate(octokit.rest.repos.listReleaseAssets, {
            ...repo,
            release_id: releaseId(id),
            per_page: 100,
            request: { signal },
          })
        ).map((a) => a.name),
      ),
  };
}
