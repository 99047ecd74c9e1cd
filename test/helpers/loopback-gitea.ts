import type { IncomingMessage } from "node:http";
import {
  type Access,
  type FaultRule,
  linkHeader,
  type Loopback,
  type MatchedOperation,
  type RecordedRequest,
  type Reply,
  startLoopback,
} from "./loopback-forge.js";

/**
 * A loopback Gitea/Forgejo for tests: the repository and release endpoints
 * relnotes calls, under /api/v1, over real HTTP, in Gitea's shapes. Every
 * request is checked against test/fixtures/openapi/gitea-releases.json
 * (extracted from Gitea's swagger by scripts/extract-gitea-openapi.mjs).
 *
 * Gitea keeps one release per tag, drafts included (a second is 409), has
 * real drafts and pre-releases, and its get-by-tag returns drafts too.
 * Gitea itself does not rate-limit the API; a proxy in front of it (as on
 * Codeberg) answers 429 with Retry-After, which is what the fault sends.
 */

export interface GiteaAttachment {
  id: number;
  name: string;
  size: number;
}

export interface GiteaRelease {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
  published_at: string;
  assets: GiteaAttachment[];
}

interface ReleaseFields {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
}

const DESCRIPTION = new URL("../fixtures/openapi/gitea-releases.json", import.meta.url);

/** The releases of one repository, in memory, returned in Gitea's response shapes. */
export class GiteaStore {
  readonly releases: GiteaRelease[] = [];
  private nextId = 1;
  private clock = Date.UTC(2026, 0, 1);

  constructor(
    readonly owner: string,
    readonly repo: string,
    /** The web host, e.g. https://codeberg.org or a self-hosted https://git.example.com. */
    readonly webUrl: string,
    private readonly apiUrl: () => string,
  ) {}

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** Newest first, like Gitea's list. */
  list(): GiteaRelease[] {
    return [...this.releases].sort((a, b) => b.id - a.id);
  }

  byId(id: number): GiteaRelease | undefined {
    return this.releases.find((r) => r.id === id);
  }

  byTag(tag: string): GiteaRelease | undefined {
    return this.releases.find((r) => r.tag_name === tag);
  }

  create(fields: ReleaseFields & { tag_name: string }): GiteaRelease {
    const at = this.now();
    const release: GiteaRelease = {
      id: this.nextId++,
      tag_name: fields.tag_name,
      target_commitish: fields.target_commitish ?? "main",
      name: fields.name ?? "",
      body: fields.body ?? "",
      draft: fields.draft ?? false,
      prerelease: fields.prerelease ?? false,
      created_at: at,
      published_at: at,
      assets: [],
    };
    this.releases.push(release);
    return release;
  }

  update(release: GiteaRelease, fields: ReleaseFields): GiteaRelease {
    const wasDraft = release.draft;
    for (const key of ["tag_name", "target_commitish", "name", "body", "draft", "prerelease"] as const) {
      if (fields[key] !== undefined) (release as unknown as Record<string, unknown>)[key] = fields[key];
    }
    // Gitea dates a release anew when it leaves draft.
    if (wasDraft && !release.draft) release.published_at = release.created_at = this.now();
    return release;
  }

  addAsset(release: GiteaRelease, name: string, size = 1024): GiteaAttachment {
    const asset = { id: 1000 + this.nextId++, name, size };
    release.assets.push(asset);
    return asset;
  }

  private web(): string {
    return `${this.webUrl}/${this.owner}/${this.repo}`;
  }

  assetJson(asset: GiteaAttachment): object {
    return {
      id: asset.id,
      name: asset.name,
      size: asset.size,
      download_count: 0,
      created_at: "2026-01-01T00:00:00Z",
      uuid: `00000000-0000-4000-8000-${String(asset.id).padStart(12, "0")}`,
      browser_download_url: `${this.webUrl}/attachments/${asset.id}`,
    };
  }

  json(release: GiteaRelease): object {
    const api = `${this.apiUrl()}/repos/${this.owner}/${this.repo}/releases/${release.id}`;
    const tag = release.tag_name.split("/").map(encodeURIComponent).join("/");
    return {
      id: release.id,
      tag_name: release.tag_name,
      target_commitish: release.target_commitish,
      name: release.name,
      body: release.body,
      url: api,
      html_url: `${this.web()}/releases/tag/${tag}`,
      tarball_url: `${this.web()}/archive/${tag}.tar.gz`,
      zipball_url: `${this.web()}/archive/${tag}.zip`,
      upload_url: `${api}/assets`,
      draft: release.draft,
      prerelease: release.prerelease,
      created_at: release.created_at,
      published_at: release.published_at,
      author: this.userJson(),
      assets: release.assets.map((a) => this.assetJson(a)),
    };
  }

  private userJson(): object {
    return {
      id: 1,
      login: "relnotes-bot",
      login_name: "",
      full_name: "relnotes bot",
      email: "bot@noreply.example.com",
      avatar_url: `${this.webUrl}/avatars/1`,
      html_url: `${this.webUrl}/relnotes-bot`,
      language: "",
      is_admin: false,
      last_login: "2026-01-01T00:00:00Z",
      created: "2026-01-01T00:00:00Z",
      restricted: false,
      active: true,
      prohibit_login: false,
      location: "",
      website: "",
      description: "",
      visibility: "public",
      followers_count: 0,
      following_count: 0,
      starred_repos_count: 0,
      username: "relnotes-bot",
    };
  }

  repositoryJson(permissions: { admin: boolean; push: boolean; pull: boolean }): object {
    return {
      id: 77,
      owner: this.userJson(),
      name: this.repo,
      full_name: `${this.owner}/${this.repo}`,
      description: "",
      empty: false,
      private: false,
      fork: false,
      template: false,
      mirror: false,
      size: 1,
      html_url: this.web(),
      url: `${this.apiUrl()}/repos/${this.owner}/${this.repo}`,
      clone_url: `${this.web()}.git`,
      ssh_url: `git@${new URL(this.webUrl).host}:${this.owner}/${this.repo}.git`,
      default_branch: "main",
      archived: false,
      has_releases: true,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      permissions,
    };
  }
}

export interface FakeGitea extends Loopback {
  store: GiteaStore;
}

export interface GiteaOptions {
  /** A token with write access to the repository (Authorization: token … or Bearer …). */
  token: string;
  /** A token with read access only: writes are refused (403). */
  readOnlyToken?: string;
  owner?: string;
  repo?: string;
  webUrl?: string;
}

export type { FaultRule, RecordedRequest };

export async function startFakeGitea(options: GiteaOptions): Promise<FakeGitea> {
  let base = "";
  const store = new GiteaStore(
    options.owner ?? "acme",
    options.repo ?? "widgets",
    options.webUrl ?? "https://codeberg.org",
    () => `${base}/api/v1`,
  );
  const swagger = () => `${base}/api/swagger`;
  const loopback = await startLoopback({
    description: DESCRIPTION,
    prefix: "/api/v1",
    forge: "Gitea",
    access(req: IncomingMessage) {
      const auth = req.headers.authorization ?? "";
      const given = /^(?:token|Bearer) (.+)$/i.exec(auth)?.[1] ?? null;
      let access: Access = null;
      if (given !== null && given === options.token) access = "write";
      else if (given !== null && options.readOnlyToken !== undefined && given === options.readOnlyToken)
        access = "read";
      return { access, credential: auth === "" ? null : `Authorization: ${auth}` };
    },
    unauthorized: () => [401, { message: "invalid username, password or token", url: swagger() }],
    forbidden: () => [
      403,
      { message: "token does not have at least one of required scope(s): [write:repository]", url: swagger() },
    ],
    invalid: (problems) => [422, { message: problems.join("; "), url: swagger() }],
    notFound: () => [404, { errors: [], message: "The target couldn't be found.", url: swagger() }],
    rateLimited: (retryAfter) => [429, "Too Many Requests\n", { "retry-after": String(retryAfter) }],
    serverError: (status) =>
      status === 500
        ? [500, { message: "internal server error", url: swagger() }]
        : [status, `${status} Bad Gateway\n`],
    route: (op, body, access) => route(op, body, access),
  });
  base = loopback.url;

  const notFound = (): Reply => [404, { errors: [], message: "The target couldn't be found.", url: swagger() }];

  function route(op: MatchedOperation, body: Record<string, unknown> | null, access: Access): Reply {
    if (op.pathParams.owner !== store.owner || op.pathParams.repo !== store.repo) return notFound();
    const fields = (body ?? {}) as ReleaseFields;
    switch (op.operationId) {
      case "RepoGet":
        return [200, store.repositoryJson({ admin: false, push: access === "write", pull: true })];
      case "RepoListReleases": {
        let releases = store.list();
        if (op.query.draft !== undefined) releases = releases.filter((r) => r.draft === op.query.draft);
        if (op.query["pre-release"] !== undefined)
          releases = releases.filter((r) => r.prerelease === op.query["pre-release"]);
        return page(
          releases.map((r) => store.json(r)),
          op,
        );
      }
      case "RepoGetReleaseByTag": {
        const release = store.byTag(String(op.pathParams.tag));
        return release ? [200, store.json(release)] : notFound();
      }
      case "RepoGetRelease": {
        const release = store.byId(Number(op.pathParams.id));
        return release ? [200, store.json(release)] : notFound();
      }
      case "RepoCreateRelease": {
        const tag = String(fields.tag_name);
        if (store.byTag(tag)) return [409, { message: `release tag already exist [tag_name: ${tag}]`, url: swagger() }];
        return [201, store.json(store.create({ ...fields, tag_name: tag }))];
      }
      case "RepoEditRelease": {
        const release = store.byId(Number(op.pathParams.id));
        if (!release) return notFound();
        if (fields.tag_name && fields.tag_name !== release.tag_name && store.byTag(fields.tag_name)) {
          return [409, { message: `release tag already exist [tag_name: ${fields.tag_name}]`, url: swagger() }];
        }
        return [200, store.json(store.update(release, fields))];
      }
      case "RepoListReleaseAttachments": {
        const release = store.byId(Number(op.pathParams.id));
        return release ? [200, release.assets.map((a) => store.assetJson(a))] : notFound();
      }
      default:
        return notFound();
    }
  }

  /** Gitea's pagination: page and limit (at most 50), X-Total-Count and a Link header. */
  function page(items: object[], op: MatchedOperation): Reply {
    const limit = Math.min(Number(op.query.limit ?? 30), 50);
    const pageNo = Number(op.query.page ?? 1);
    const last = Math.max(1, Math.ceil(items.length / limit));
    const pageUrl = (n: number) =>
      `${base}/api/v1/repos/${store.owner}/${store.repo}/releases?limit=${limit}&page=${n}`;
    const headers = { "x-total-count": String(items.length), link: linkHeader(pageUrl, pageNo, last)! };
    return [200, items.slice((pageNo - 1) * limit, pageNo * limit), headers];
  }

  return { ...loopback, store };
}
