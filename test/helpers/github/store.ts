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
  private nextId = 1;
  private clock = Date.UTC(2026, 0, 1);

  constructor(
    readonly owner: string,
    readonly repo: string,
    private readonly apiUrl: () => string,
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
