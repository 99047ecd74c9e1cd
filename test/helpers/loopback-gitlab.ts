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
 * A loopback GitLab for tests: the Projects, Releases and Release links
 * endpoints relnotes calls, under /api/v4, over real HTTP, in GitLab's
 * shapes. Every request is checked against test/fixtures/openapi/
 * gitlab-releases.json (written from GitLab's API documentation; see its
 * info). Project paths and tag names must arrive URL-encoded, as GitLab
 * requires (`acme%2Fplatform%2Fwidgets`, `api%2Fv1.3.0`).
 *
 * GitLab has no draft releases: a release whose `released_at` lies in the
 * future is an "upcoming release" (`upcoming_release: true`), judged here
 * against the wall clock like GitLab does.
 */

export interface GitLabLink {
  id: number;
  name: string;
  url: string;
  link_type: "other" | "runbook" | "image" | "package";
  direct_asset_path?: string;
}

export interface GitLabRelease {
  tag_name: string;
  name: string;
  description: string | null;
  created_at: string;
  released_at: string;
  milestones: string[];
  links: GitLabLink[];
}

const DESCRIPTION = new URL("../fixtures/openapi/gitlab-releases.json", import.meta.url);
const SHA = "0123456789abcdef0123456789abcdef01234567";

/** The releases of one project, in memory, returned in GitLab's response shapes. */
export class GitLabStore {
  readonly releases: GitLabRelease[] = [];
  private nextId = 1;

  constructor(
    /** `group/subgroup/project`. */
    readonly path: string,
    readonly projectId: number,
    /** The web host, e.g. https://gitlab.com or a self-hosted https://git.example.com. */
    readonly webUrl: string,
    /** Tags that exist in the repository; null: every tag exists. */
    readonly tags: Set<string> | null,
  ) {}

  byTag(tag: string): GitLabRelease | undefined {
    return this.releases.find((r) => r.tag_name === tag);
  }

  /** Newest `released_at` first, GitLab's default order. */
  list(sort: "asc" | "desc" = "desc", orderBy: "released_at" | "created_at" = "released_at"): GitLabRelease[] {
    const sorted = [...this.releases].sort((a, b) => a[orderBy].localeCompare(b[orderBy]));
    return sort === "desc" ? sorted.reverse() : sorted;
  }

  isUpcoming(release: GitLabRelease): boolean {
    return Date.parse(release.released_at) > Date.now();
  }

  create(fields: CreateFields): GitLabRelease {
    const now = new Date().toISOString();
    const release: GitLabRelease = {
      tag_name: fields.tag_name,
      name: fields.name ?? fields.tag_name,
      description: fields.description ?? null,
      created_at: now,
      released_at: fields.released_at ? new Date(fields.released_at).toISOString() : now,
      milestones: fields.milestones ?? [],
      links: [],
    };
    for (const link of fields.assets?.links ?? []) this.addLink(release, link.name, link.url, link.link_type);
    this.releases.push(release);
    this.tags?.add(fields.tag_name);
    return release;
  }

  update(release: GitLabRelease, fields: UpdateFields): GitLabRelease {
    if (fields.name !== undefined) release.name = fields.name;
    if (fields.description !== undefined) release.description = fields.description;
    if (fields.released_at !== undefined) release.released_at = new Date(fields.released_at).toISOString();
    if (fields.milestones !== undefined) release.milestones = fields.milestones;
    return release;
  }

  addLink(release: GitLabRelease, name: string, url = `${this.webUrl}/downloads/${name}`, type = "other"): GitLabLink {
    const link: GitLabLink = { id: this.nextId++, name, url, link_type: type as GitLabLink["link_type"] };
    release.links.push(link);
    return link;
  }

  private project(): string {
    return `${this.webUrl}/${this.path}`;
  }

  linkJson(link: GitLabLink): object {
    const direct = `${this.project()}/-/releases/${encodeURIComponent(link.name)}/downloads/${link.name}`;
    return { id: link.id, name: link.name, url: link.url, direct_asset_url: direct, link_type: link.link_type };
  }

  json(release: GitLabRelease): object {
    const project = this.project();
    const tag = encodeURIComponent(release.tag_name);
    const base = this.path.split("/").pop()!;
    const archive = (format: string) => ({
      format,
      url: `${project}/-/archive/${tag}/${base}-${release.tag_name.replace(/\//g, "-")}.${format}`,
    });
    const sources = ["zip", "tar.gz", "tar.bz2", "tar"].map(archive);
    const self = `${project}/-/releases/${tag}`;
    return {
      tag_name: release.tag_name,
      name: release.name,
      description: release.description,
      created_at: release.created_at,
      released_at: release.released_at,
      upcoming_release: this.isUpcoming(release),
      historical_release: Date.parse(release.released_at) < Date.parse(release.created_at),
      author: {
        id: 1,
        username: "relnotes-bot",
        name: "relnotes bot",
        state: "active",
        avatar_url: null,
        web_url: `${this.webUrl}/relnotes-bot`,
      },
      commit: { id: SHA, short_id: SHA.slice(0, 8), title: "release", created_at: release.created_at, parent_ids: [] },
      commit_path: `/${this.path}/-/commit/${SHA}`,
      tag_path: `/${this.path}/-/tags/${tag}`,
      milestones: [],
      evidences: [],
      assets: {
        count: sources.length + release.links.length,
        sources,
        links: release.links.map((l) => this.linkJson(l)),
      },
      _links: { self, edit_url: `${self}/edit` },
    };
  }

  projectJson(accessLevel: number | null): object {
    const [name] = this.path.split("/").slice(-1);
    const namespace = this.path.split("/").slice(0, -1).join("/");
    return {
      id: this.projectId,
      name,
      path: name,
      name_with_namespace: this.path.split("/").join(" / "),
      path_with_namespace: this.path,
      description: null,
      default_branch: "main",
      visibility: "private",
      web_url: this.project(),
      http_url_to_repo: `${this.project()}.git`,
      ssh_url_to_repo: `git@${new URL(this.webUrl).host}:${this.path}.git`,
      created_at: "2026-01-01T00:00:00.000Z",
      namespace: {
        id: 7,
        name: namespace,
        path: namespace.split("/").pop(),
        kind: "group",
        full_path: namespace,
        web_url: `${this.webUrl}/groups/${namespace}`,
      },
      permissions: {
        project_access: accessLevel === null ? null : { access_level: accessLevel, notification_level: 3 },
        group_access: null,
      },
    };
  }
}

interface CreateFields {
  tag_name: string;
  name?: string;
  description?: string;
  ref?: string;
  released_at?: string;
  milestones?: string[];
  assets?: { links?: { name: string; url: string; link_type?: string }[] };
}

interface UpdateFields {
  name?: string;
  description?: string;
  released_at?: string;
  milestones?: string[];
}

export interface FakeGitLab extends Loopback {
  store: GitLabStore;
}

export interface GitLabOptions {
  /** A personal/project access token (PRIVATE-TOKEN or Authorization: Bearer) with the Developer role. */
  token: string;
  /** A token with the Reporter role: it reads, and writes are refused (403). */
  readOnlyToken?: string;
  /** A CI job token (JOB-TOKEN): the Releases API takes it, the Projects API does not. */
  jobToken?: string;
  path?: string;
  projectId?: number;
  webUrl?: string;
  tags?: string[];
}

export type { FaultRule, RecordedRequest };

export async function startFakeGitLab(options: GitLabOptions): Promise<FakeGitLab> {
  const store = new GitLabStore(
    options.path ?? "acme/platform/widgets",
    options.projectId ?? 4242,
    options.webUrl ?? "https://gitlab.example.com",
    options.tags ? new Set(options.tags) : null,
  );
  let base = "";
  const loopback = await startLoopback({
    description: DESCRIPTION,
    prefix: "/api/v4",
    forge: "GitLab",
    access(req: IncomingMessage) {
      const privateToken = header(req, "private-token");
      const bearer = /^Bearer (.+)$/.exec(header(req, "authorization") ?? "")?.[1] ?? null;
      const job = header(req, "job-token");
      const given = privateToken ?? bearer ?? job;
      const credential = privateToken
        ? `PRIVATE-TOKEN: ${privateToken}`
        : bearer
          ? `Authorization: Bearer ${bearer}`
          : job
            ? `JOB-TOKEN: ${job}`
            : null;
      let access: Access = null;
      if (job !== null && job === options.jobToken) access = "job";
      else if (given === options.token) access = "write";
      else if (options.readOnlyToken !== undefined && given === options.readOnlyToken) access = "read";
      return { access, credential };
    },
    unauthorized: () => [401, { message: "401 Unauthorized" }],
    forbidden: () => [403, { message: "403 Forbidden" }],
    invalid: (problems) => [400, { error: problems.join(", ") }],
    notFound: () => [404, { error: "404 Not Found" }],
    rateLimited(retryAfter) {
      const reset = Math.floor(Date.now() / 1000) + retryAfter;
      return [
        429,
        "Retry later\n",
        {
          "ratelimit-name": "throttle_authenticated_api",
          "ratelimit-limit": "2000",
          "ratelimit-observed": "2001",
          "ratelimit-remaining": "0",
          "ratelimit-reset": String(reset),
          "ratelimit-resettime": new Date(reset * 1000).toUTCString(),
          "retry-after": String(retryAfter),
        },
      ];
    },
    serverError: (status) =>
      status === 500 ? [500, { message: "500 Internal Server Error" }] : [status, `${status} Bad Gateway\n`],
    route: (op, body, access) => route(op, body, access),
  });
  base = loopback.url;

  function route(op: MatchedOperation, body: Record<string, unknown> | null, access: Access): Reply {
    const id = String(op.pathParams.id);
    if (id !== store.path && id !== String(store.projectId)) return [404, { message: "404 Project Not Found" }];
    const tag = op.pathParams.tag_name === undefined ? "" : String(op.pathParams.tag_name);
    switch (op.operationId) {
      case "projects/get":
        // A job token is no credential for the Projects API: the request is anonymous, the project private.
        if (access === "job") return [404, { message: "404 Project Not Found" }];
        return [200, store.projectJson(access === "read" ? 20 : 30)];
      case "releases/list":
        return page(
          store
            .list(
              op.query.sort as "asc" | "desc" | undefined,
              op.query.order_by as "released_at" | "created_at" | undefined,
            )
            .map((r) => store.json(r)),
          op,
          `/projects/${encodeURIComponent(store.path)}/releases`,
        );
      case "releases/get": {
        const release = store.byTag(tag);
        return release ? [200, store.json(release)] : [404, { message: "404 Not Found" }];
      }
      case "releases/create": {
        const fields = body as unknown as CreateFields;
        if (store.byTag(fields.tag_name)) return [409, { message: "Release already exists" }];
        if (store.tags && !store.tags.has(fields.tag_name) && !fields.ref)
          return [422, { message: "Ref is not specified" }];
        return [201, store.json(store.create(fields))];
      }
      case "releases/update": {
        const release = store.byTag(tag);
        if (!release) return [404, { message: "404 Not Found" }];
        return [200, store.json(store.update(release, (body ?? {}) as UpdateFields))];
      }
      case "release-links/list": {
        const release = store.byTag(tag);
        if (!release) return [404, { message: "404 Not Found" }];
        return page(
          release.links.map((l) => store.linkJson(l)),
          op,
          `/projects/${encodeURIComponent(store.path)}/releases/${encodeURIComponent(tag)}/assets/links`,
        );
      }
      case "release-links/create": {
        const release = store.byTag(tag);
        if (!release) return [404, { message: "404 Not Found" }];
        const input = body as { name: string; url: string; link_type?: string };
        if (release.links.some((l) => l.name === input.name))
          return [400, { message: { name: ["has already been taken"] } }];
        return [201, store.linkJson(store.addLink(release, input.name, input.url, input.link_type))];
      }
      default:
        return [404, { error: "404 Not Found" }];
    }
  }

  /** GitLab's offset pagination: x-page, x-per-page, x-total, x-total-pages, x-next-page, x-prev-page and Link. */
  function page(items: object[], op: MatchedOperation, path: string): Reply {
    const perPage = Number(op.query.per_page ?? 20);
    const pageNo = Number(op.query.page ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const pageUrl = (n: number) => `${base}/api/v4${path}?page=${n}&per_page=${perPage}`;
    const headers: Record<string, string> = {
      "x-page": String(pageNo),
      "x-per-page": String(perPage),
      "x-total": String(items.length),
      "x-total-pages": String(last),
      "x-next-page": pageNo < last ? String(pageNo + 1) : "",
      "x-prev-page": pageNo > 1 ? String(pageNo - 1) : "",
      link: linkHeader(pageUrl, pageNo, last)!,
    };
    return [200, items.slice((pageNo - 1) * perPage, pageNo * perPage), headers];
  }

  return { ...loopback, store };
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === "string" && v !== "" ? v : null;
}
