import type { Emit } from "../events.js";
import type { RepositoryContext } from "./repository.js";

/**
 * The port the release core talks to, in relnotes' own words. Each forge that
 * can publish releases implements it in its own folder (src/forge/github/ with
 * Octokit); nothing outside that folder sees the host's API or field names.
 */

/** How the forge identifies a release (GitHub: a number). */
export type ReleaseId = number | string;

/** A release on the forge, published or draft. */
export interface HostedRelease {
  id: ReleaseId;
  tag: string;
  title: string | null;
  /** The release notes (Markdown). */
  notes: string;
  draft: boolean;
  prerelease: boolean;
  /** The release's web page. */
  url: string;
}

/** A release to create. `latest` says whether it takes the repository's "Latest" mark (always explicit). */
export interface NewRelease {
  tag: string;
  /** The commit to tag when the tag has not reached the forge yet (so it is not made on the default branch). */
  commit?: string;
  title: string;
  notes: string;
  draft: boolean;
  prerelease: boolean;
  latest: boolean;
}

/** What to change in an existing release; absent fields stay as they are. */
export interface ReleaseChanges {
  title?: string;
  notes?: string;
  draft?: boolean;
  prerelease?: boolean;
  /** Take (true) or leave (false) the "Latest" mark. */
  latest?: boolean;
}

export interface RetryPolicy {
  /** Attempts after the first for requests that failed transiently. */
  retries: number;
  /** Wait before retry number `attempt` (0-based). */
  wait(attempt: number): Promise<void>;
}

/** What the credentials may do in the repository; null when the forge does not say. */
export interface RepositoryAccess {
  canWrite: boolean | null;
}

/** The releases of one repository on one forge. Failures are ForgeApiErrors (src/forge/errors.ts). */
export interface ForgeReleases {
  /** The forge's name, for messages: "GitHub". */
  readonly host: string;
  /** `owner/repo`, for messages. */
  readonly repository: string;
  readonly retry: RetryPolicy;
  /** One authenticated read of the repository: the credentials are valid and can see it. */
  access(): Promise<RepositoryAccess>;
  /**
   * The release of a tag, published or draft, or null. Where the forge allows
   * several drafts of one tag, the newest (with a warning).
   */
  findByTag(tag: string): Promise<HostedRelease | null>;
  /** One request, never retried by the transport: the caller makes creation idempotent. */
  create(release: NewRelease): Promise<HostedRelease>;
  update(id: ReleaseId, changes: ReleaseChanges): Promise<HostedRelease>;
  /** Publish a draft, taking the "Latest" mark or not. */
  publish(id: ReleaseId, options: { latest: boolean }): Promise<HostedRelease>;
  /** The file names attached to a release. */
  assetNames(id: ReleaseId): Promise<string[]>;
}

/** A pull request (GitLab: merge request) as relnotes sees it. */
export interface PullRequest {
  number: number;
  title: string;
  /** Its description (Markdown); the release PR's carries the machine block (src/release/pr/block.ts). */
  body: string;
  /** "merged" is a closed pull request whose changes reached the base branch. */
  state: "open" | "closed" | "merged";
  /** The branch it comes from (`relnotes/release`) and the one it goes to (`main`). */
  head: string;
  base: string;
  /** The commit at the tip of `head` the forge knows. */
  headCommit: string;
  /**
   * When merged: the commit the merge left on `base` — the merge commit, the
   * squashed commit, or the last of the rebased ones. Null otherwise.
   */
  mergeCommit: string | null;
  labels: string[];
  /** Its web page. */
  url: string;
}

/** A pull request to open. */
export interface NewPullRequest {
  head: string;
  base: string;
  title: string;
  body: string;
}

/**
 * The pull requests of one repository on one forge: what `relnotes pr` and
 * `relnotes tag-merged` need. Failures are ForgeApiErrors (src/forge/errors.ts).
 */
export interface ForgePullRequests {
  /** The forge's name, for messages: "GitHub". */
  readonly host: string;
  /** `owner/repo`, for messages. */
  readonly repository: string;
  /** The open pull request from `head` into `base`, or null. */
  findOpen(head: string, base: string): Promise<PullRequest | null>;
  /**
   * Closed pull requests into `base` that carry `label`, most recently updated
   * first, at most `limit` (merged ones have state "merged").
   */
  findClosedWithLabel(label: string, base: string, limit: number): Promise<PullRequest[]>;
  /** One request, never retried by the transport: the caller looks for an open one first. */
  create(pr: NewPullRequest): Promise<PullRequest>;
  update(n: number, changes: { title?: string; body?: string }): Promise<PullRequest>;
  /** Add a comment (Markdown) to the conversation. */
  comment(n: number, text: string): Promise<void>;
  /** Close without merging. */
  close(n: number): Promise<PullRequest>;
  /** Add labels, creating them in the repository when missing. */
  addLabels(n: number, labels: readonly string[]): Promise<void>;
  /** Remove a label; a label the pull request does not carry is no error. */
  removeLabel(n: number, label: string): Promise<void>;
}

/** Where to reach the forge and how to report. */
export interface OpenOptions {
  env: NodeJS.ProcessEnv;
  repository: RepositoryContext | null;
  emit: Emit;
  /** One request's deadline (config timeouts), in seconds. */
  timeoutSeconds?: number;
}

/** What a forge folder's API adapter provides (loaded lazily through its Forge entry). */
export interface ForgeAdapter {
  open(options: OpenOptions): Promise<ForgeReleases>;
  /** The pull requests of the repository, where relnotes can open release pull requests on this forge. */
  openPullRequests?(options: OpenOptions): Promise<ForgePullRequests>;
  /**
   * Can releases be published now: credentials set, repository known, one
   * authenticated read shows they may write? The problem in words (with what
   * to do), or null.
   */
  readiness(options: OpenOptions & { timeoutSeconds: number }, mode: "publish" | "draft"): Promise<string | null>;
}
