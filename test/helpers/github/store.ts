/**
 * The releases of one repository in the loopback GitHub, kept in memory and
 * returned in GitHub's response shapes (checked against the OpenAPI subset).
 */

export interface StoredAsset {
  id: number;
  name: string;
  size: number;
}

export interface StoredRelease {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
  published_at: string | null;
  updated_at: string;
  assets: StoredAsset[];
  /** Placeholder tag GitHub shows drafts under. */
  untagged: string;
}

export interface ReleaseFields {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  make_latest?: "true" | "false" | "legacy";
}

/** A pull request in the loopback GitHub. Its head commit follows the head branch until it is closed. */
export interface StoredPullRequest {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  head: string;
  /** The head branch's commit when the pull request was closed or merged (while open: read live). */
  headSha: string;
  base: string;
  labels: string[];
  comments: StoredComment[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export interface StoredComment {
  id: number;
  body: string;
  created_at: string;
}

export interface PullRequestFields {
  title?: string;
  body?: string;
  state?: "open" | "closed";
  base?: string;
}

/** A repository label (GitHub creates one when a missing label is added to an issue). */
export interface StoredLabel {
  id: number;
  name: string;
  color: string;
}

/** Where a branch of the repository points, or null when it does not exist (tests read the bare remote). */
export type BranchTip = (branch: string) => string | null;

const USER = {
  login: "relnotes-bot",
  id: 1,
  node_id: "MDQ6VXNlcjE=",
  avatar_url: "https://avatars.githubusercontent.com/u/1?v=4",
  gravatar_id: "",
  url: "https://api.github.com/users/relnotes-bot",
  html_url: "https://github.com/relnotes-bot",
  followers_url: "https://api.github.com/users/relnotes-bot/followers",
  following_url: "https://api.github.com/users/relnotes-bot/following{/other_user}",
  gists_url: "https://api.github.com/users/relnotes-bot/gists{/gist_id}",
  starred_url: "https://api.github.com/users/relnotes-bot/starred{/owner}{/repo}",
  subscriptions_url: "https://api.github.com/users/relnotes-bot/subscriptions",
  organizations_url: "https://api.github.com/users/relnotes-bot/orgs",
  repos_url: "https://api.github.com/users/relnotes-bot/repos",
  events_url: "https://api.github.com/users/relnotes-bot/events{/privacy}",
  received_events_url: "https://api.github.com/users/relnotes-bot/received_events",
  type: "User",
  site_admin: false,
};

export class ReleaseStore {
  readonly releases: StoredRelease[] = [];
  /** The release with the "Latest" badge. */
  latestId: number | null = null;
  readonly pullRequests: StoredPullRequest[] = [];
  readonly labels: StoredLabel[] = [];
  private nextId = 1;
  private nextNumber = 1;
  private clock = Date.UTC(2026, 0, 1);

  constructor(
    readonly owner: string,
    readonly repo: string,
    private readonly apiUrl: () => string,
    /** Where the head branches point; without it every head is a made-up commit. */
    private readonly branchTip: BranchTip = () => "0".repeat(40),
  ) {}

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** Newest first, like GitHub's list. */
  list(): StoredRelease[] {
    return [...this.releases].sort((a, b) => b.id - a.id);
  }

  byId(id: number): StoredRelease | undefined {
    return this.releases.find((r) => r.id === id);
  }

  /** Published releases only: GitHub's get-by-tag does not return drafts. */
  publishedByTag(tag: string): StoredRelease | undefined {
    return this.releases.find((r) => !r.draft && r.tag_name === tag);
  }

  create(fields: ReleaseFields & { tag_name: string }): StoredRelease {
    const at = this.now();
    const draft = fields.draft ?? false;
    const release: StoredRelease = {
      id: this.nextId++,
      tag_name: fields.tag_name,
      target_commitish: fields.target_commitish ?? "main",
      name: fields.name ?? null,
      body: fields.body ?? null,
      draft,
      prerelease: fields.prerelease ?? false,
      created_at: at,
      published_at: draft ? null : at,
      updated_at: at,
      assets: [],
      untagged: `untagged-${(0x1000 + this.nextId).toString(16)}abcdef`,
    };
    this.releases.push(release);
    this.applyLatest(release, fields.make_latest ?? "true");
    return release;
  }

  update(release: StoredRelease, fields: ReleaseFields): StoredRelease {
    const wasDraft = release.draft;
    for (const key of ["tag_name", "target_commitish", "name", "body", "draft", "prerelease"] as const) {
      if (fields[key] !== undefined) (release as unknown as Record<string, unknown>)[key] = fields[key];
    }
    release.updated_at = this.now();
    if (wasDraft && !release.draft) release.published_at = release.updated_at;
    if (fields.make_latest !== undefined || (wasDraft && !release.draft))
      this.applyLatest(release, fields.make_latest ?? "true");
    return release;
  }

  addAsset(release: StoredRelease, name: string, size = 1024): StoredAsset {
    const asset = { id: 1000 + this.nextId++, name, size };
    release.assets.push(asset);
    return asset;
  }

  pullRequest(number: number): StoredPullRequest | undefined {
    return this.pullRequests.find((p) => p.number === number);
  }

  /** The open pull request from `head` into `base`, if any (GitHub allows one). */
  openPullRequest(head: string, base: string): StoredPullRequest | undefined {
    return this.pullRequests.find((p) => p.state === "open" && p.head === head && p.base === base);
  }

  /** The head branch's commit now, or null when the branch does not exist. */
  tip(branch: string): string | null {
    return this.branchTip(branch);
  }

  createPullRequest(fields: { head: string; base: string; title: string; body?: string }): StoredPullRequest {
    const at = this.now();
    const pr: StoredPullRequest = {
      number: this.nextNumber++,
      title: fields.title,
      body: fields.body ?? null,
      state: "open",
      head: fields.head,
      headSha: this.branchTip(fields.head) ?? "0".repeat(40),
      base: fields.base,
      labels: [],
      comments: [],
      created_at: at,
      updated_at: at,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
    };
    this.pullRequests.push(pr);
    return pr;
  }

  updatePullRequest(pr: StoredPullRequest, fields: PullRequestFields): StoredPullRequest {
    const at = this.now();
    if (fields.state === "closed" && pr.state === "open") {
      pr.headSha = this.headSha(pr);
      pr.closed_at = at;
    }
    if (fields.state === "open" && pr.state === "closed") pr.closed_at = null;
    for (const key of ["title", "body", "state", "base"] as const)
      if (fields[key] !== undefined) (pr as unknown as Record<string, unknown>)[key] = fields[key];
    pr.updated_at = at;
    return pr;
  }

  /**
   * Test side: the pull request was merged on GitHub (the test made `mergeCommit` on the remote's base branch
   * first): closed, merged_at set, merge_commit_sha the commit the merge left on the base branch.
   */
  mergePullRequest(number: number, { mergeCommit }: { mergeCommit: string }): StoredPullRequest {
    const pr = this.pullRequest(number);
    if (!pr) throw new Error(`the loopback GitHub has no pull request #${number}`);
    if (pr.state !== "open") throw new Error(`pull request #${number} is not open`);
    this.updatePullRequest(pr, { state: "closed" });
    pr.merged_at = pr.closed_at;
    pr.merge_commit_sha = mergeCommit;
    return pr;
  }

  addComment(pr: StoredPullRequest, body: string): StoredComment {
    const comment = { id: 5000 + this.nextId++, body, created_at: this.now() };
    pr.comments.push(comment);
    pr.updated_at = comment.created_at;
    return comment;
  }

  /** Add labels to a pull request, creating missing ones in the repository (as GitHub does). */
  addLabels(pr: StoredPullRequest, names: readonly string[]): void {
    for (const name of names) {
      if (!this.labels.some((l) => l.name === name))
        this.labels.push({ id: 9000 + this.nextId++, name, color: "ededed" });
      if (!pr.labels.includes(name)) pr.labels.push(name);
    }
    pr.updated_at = this.now();
  }

  /** Remove a label from a pull request; false when it did not carry it (GitHub answers 404). */
  removeLabel(pr: StoredPullRequest, name: string): boolean {
    if (!pr.labels.includes(name)) return false;
    pr.labels.splice(pr.labels.indexOf(name), 1);
    pr.updated_at = this.now();
    return true;
  }

  /** Pull requests as GitHub's issue list has them: filtered by state and labels (all of them), sorted. */
  issues(query: { state?: string; labels?: string; sort?: string; direction?: string }): StoredPullRequest[] {
    const state = query.state ?? "open";
    const labels = query.labels ? query.labels.split(",").map((l) => l.trim()) : [];
    const by = query.sort === "updated" ? "updated_at" : "created_at";
    const sign = query.direction === "asc" ? 1 : -1;
    return this.pullRequests
      .filter((p) => state === "all" || p.state === state)
      .filter((p) => labels.every((l) => p.labels.includes(l)))
      .sort((a, b) => sign * (a[by] < b[by] ? -1 : a[by] > b[by] ? 1 : a.number - b.number));
  }

  private headSha(pr: StoredPullRequest): string {
    return pr.state === "open" ? (this.branchTip(pr.head) ?? pr.headSha) : pr.headSha;
  }

  private applyLatest(release: StoredRelease, makeLatest: "true" | "false" | "legacy"): void {
    if (release.draft || release.prerelease) return;
    if (makeLatest === "true" || (makeLatest === "legacy" && this.latestId === null)) this.latestId = release.id;
  }

  /** The JSON GitHub returns for a release. */
  json(release: StoredRelease): object {
    const api = `${this.apiUrl()}/repos/${this.owner}/${this.repo}/releases/${release.id}`;
    const web = `https://github.com/${this.owner}/${this.repo}`;
    const tagPath = release.draft ? release.untagged : release.tag_name.split("/").map(encodeURIComponent).join("/");
    return {
      url: api,
      html_url: `${web}/releases/tag/${tagPath}`,
      assets_url: `${api}/assets`,
      upload_url: `https://uploads.github.com/repos/${this.owner}/${this.repo}/releases/${release.id}/assets{?name,label}`,
      tarball_url: release.draft
        ? null
        : `${this.apiUrl()}/repos/${this.owner}/${this.repo}/tarball/${release.tag_name}`,
      zipball_url: release.draft
        ? null
        : `${this.apiUrl()}/repos/${this.owner}/${this.repo}/zipball/${release.tag_name}`,
      id: release.id,
      node_id: `RE_${release.id}`,
      tag_name: release.tag_name,
      target_commitish: release.target_commitish,
      name: release.name,
      body: release.body,
      draft: release.draft,
      prerelease: release.prerelease,
      immutable: false,
      created_at: release.created_at,
      published_at: release.published_at,
      updated_at: release.updated_at,
      author: USER,
      assets: release.assets.map((a) => this.assetJson(a)),
    };
  }

  private labelJson(name: string): object {
    const label = this.labels.find((l) => l.name === name) ?? { id: 1, name, color: "ededed" };
    return {
      id: label.id,
      node_id: `LA_${label.id}`,
      url: `${this.apiUrl()}/repos/${this.owner}/${this.repo}/labels/${encodeURIComponent(name)}`,
      name,
      // GitHub's list shape of a pull request describes it as a string; an empty one is what a label without one has.
      description: "",
      color: label.color,
      default: false,
    };
  }

  /** The labels of a pull request, as add-labels and remove-label return them. */
  labelsJson(pr: StoredPullRequest): object[] {
    return pr.labels.map((l) => this.labelJson(l));
  }

  /** The JSON GitHub returns for a pull request: the list shape, or the full one (pulls/get, create, update). */
  pullJson(pr: StoredPullRequest, full: boolean): object {
    const api = `${this.apiUrl()}/repos/${this.owner}/${this.repo}`;
    const web = `https://github.com/${this.owner}/${this.repo}`;
    const self = `${api}/pulls/${pr.number}`;
    const issue = `${api}/issues/${pr.number}`;
    const repository = this.repositoryJson({ admin: false, maintain: false, push: true, triage: true, pull: true });
    const side = (ref: string, sha: string) => ({
      label: `${this.owner}:${ref}`,
      ref,
      repo: repository,
      sha,
      user: USER,
    });
    const link = (href: string) => ({ href });
    const merged = pr.merged_at !== null;
    return {
      url: self,
      id: 700000 + pr.number,
      node_id: `PR_${pr.number}`,
      html_url: `${web}/pull/${pr.number}`,
      diff_url: `${web}/pull/${pr.number}.diff`,
      patch_url: `${web}/pull/${pr.number}.patch`,
      issue_url: issue,
      commits_url: `${self}/commits`,
      review_comments_url: `${self}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${issue}/comments`,
      statuses_url: `${api}/statuses/${this.headSha(pr)}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: USER,
      body: pr.body,
      labels: pr.labels.map((l) => this.labelJson(l)),
      milestone: null,
      active_lock_reason: null,
      created_at: pr.created_at,
      updated_at: pr.updated_at,
      closed_at: pr.closed_at,
      merged_at: pr.merged_at,
      merge_commit_sha: pr.merge_commit_sha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(pr.head, this.headSha(pr)),
      base: side(pr.base, this.branchTip(pr.base) ?? "0".repeat(40)),
      _links: {
        self: link(self),
        html: link(`${web}/pull/${pr.number}`),
        issue: link(issue),
        comments: link(`${issue}/comments`),
        review_comments: link(`${self}/comments`),
        review_comment: link(`${api}/pulls/comments{/number}`),
        commits: link(`${self}/commits`),
        statuses: link(`${api}/statuses/${this.headSha(pr)}`),
      },
      author_association: "MEMBER",
      auto_merge: null,
      draft: false,
      ...(full
        ? {
            merged,
            mergeable: pr.state === "open" ? true : null,
            rebaseable: pr.state === "open" ? true : null,
            mergeable_state: pr.state === "open" ? "clean" : "unknown",
            merged_by: merged ? USER : null,
            comments: pr.comments.length,
            review_comments: 0,
            maintainer_can_modify: false,
            commits: 1,
            additions: 1,
            deletions: 1,
            changed_files: 1,
          }
        : {}),
    };
  }

  /** The JSON of a pull request in GitHub's issue list. */
  issueJson(pr: StoredPullRequest): object {
    const api = `${this.apiUrl()}/repos/${this.owner}/${this.repo}`;
    const web = `https://github.com/${this.owner}/${this.repo}`;
    const issue = `${api}/issues/${pr.number}`;
    return {
      id: 800000 + pr.number,
      node_id: `I_${pr.number}`,
      url: issue,
      repository_url: api,
      labels_url: `${issue}/labels{/name}`,
      comments_url: `${issue}/comments`,
      events_url: `${issue}/events`,
      html_url: `${web}/pull/${pr.number}`,
      number: pr.number,
      state: pr.state,
      state_reason: pr.state === "closed" ? "completed" : null,
      title: pr.title,
      body: pr.body,
      user: USER,
      labels: pr.labels.map((l) => this.labelJson(l)),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: pr.comments.length,
      pull_request: {
        url: `${api}/pulls/${pr.number}`,
        html_url: `${web}/pull/${pr.number}`,
        diff_url: `${web}/pull/${pr.number}.diff`,
        patch_url: `${web}/pull/${pr.number}.patch`,
        merged_at: pr.merged_at,
      },
      closed_at: pr.closed_at,
      created_at: pr.created_at,
      updated_at: pr.updated_at,
      draft: false,
      author_association: "MEMBER",
    };
  }

  /** The JSON GitHub returns for a new issue comment. */
  commentJson(pr: StoredPullRequest, comment: StoredComment): object {
    const api = `${this.apiUrl()}/repos/${this.owner}/${this.repo}`;
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${api}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${pr.number}#issuecomment-${comment.id}`,
      body: comment.body,
      user: USER,
      created_at: comment.created_at,
      updated_at: comment.created_at,
      issue_url: `${api}/issues/${pr.number}`,
      author_association: "MEMBER",
    };
  }

  assetJson(asset: StoredAsset): object {
    return {
      url: `${this.apiUrl()}/repos/${this.owner}/${this.repo}/releases/assets/${asset.id}`,
      browser_download_url: `https://github.com/${this.owner}/${this.repo}/releases/download/x/${encodeURIComponent(asset.name)}`,
      id: asset.id,
      node_id: `RA_${asset.id}`,
      name: asset.name,
      label: null,
      state: "uploaded",
      content_type: "application/octet-stream",
      size: asset.size,
      digest: null,
      download_count: 0,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      uploader: USER,
    };
  }
  /** The JSON of GET /repos/{owner}/{repo} (full-repository), with the token's `permissions`. */
  repositoryJson(permissions: {
    admin: boolean;
    maintain: boolean;
    push: boolean;
    triage: boolean;
    pull: boolean;
  }): object {
    const api = `${this.apiUrl()}/repos/${this.owner}/${this.repo}`;
    const web = `https://github.com/${this.owner}/${this.repo}`;
    const urls = Object.fromEntries(
      [
        "archive",
        "assignees",
        "blobs",
        "branches",
        "collaborators",
        "comments",
        "commits",
        "compare",
        "contents",
        "contributors",
        "deployments",
        "downloads",
        "events",
        "forks",
        "git_commits",
        "git_refs",
        "git_tags",
        "hooks",
        "issue_comment",
        "issue_events",
        "issues",
        "keys",
        "labels",
        "languages",
        "merges",
        "milestones",
        "notifications",
        "pulls",
        "releases",
        "stargazers",
        "statuses",
        "subscribers",
        "subscription",
        "tags",
        "teams",
        "trees",
      ].map((n) => [`${n}_url`, `${api}/${n.replace("_", "/")}`]),
    );
    return {
      ...urls,
      id: 1296269,
      node_id: "R_kgDOwidgets",
      name: this.repo,
      full_name: `${this.owner}/${this.repo}`,
      owner: USER,
      private: false,
      fork: false,
      url: api,
      html_url: web,
      description: null,
      homepage: null,
      language: null,
      clone_url: `${web}.git`,
      git_url: `git://github.com/${this.owner}/${this.repo}.git`,
      ssh_url: `git@github.com:${this.owner}/${this.repo}.git`,
      svn_url: web,
      mirror_url: null,
      default_branch: "main",
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 1,
      open_issues: 0,
      open_issues_count: 0,
      network_count: 0,
      subscribers_count: 0,
      has_issues: true,
      has_downloads: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_discussions: false,
      archived: false,
      disabled: false,
      license: null,
      pushed_at: "2026-01-01T00:00:00Z",
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      permissions,
    };
  }
}
