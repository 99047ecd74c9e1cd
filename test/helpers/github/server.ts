import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { OpenApiValidator, type MatchedOperation } from "./openapi.js";
import { type BranchTip, type PullRequestFields, ReleaseStore, type ReleaseFields } from "./store.js";

/**
 * A loopback GitHub for tests: serves the release and pull request endpoints relnotes calls,
 * over real HTTP, in GitHub's shapes. Every request is checked against
 * GitHub's OpenAPI description; a violation is recorded (tests assert none)
 * and answered 422 like GitHub would. It can be told to fail.
 */

export type Fault =
  /** Answer with this 5xx status. */
  | { kind: "status"; status: number }
  /** Secondary rate limit: 403 or 429 with retry-after (seconds). */
  | { kind: "secondary-rate-limit"; status: 403 | 429; retryAfter: number }
  /** Primary rate limit exhausted (x-ratelimit-remaining: 0), resetting in an hour. */
  | { kind: "rate-limit" }
  /** 403: the token lacks the permission. */
  | { kind: "forbidden" }
  /** 422 already_exists on tag_name (what GitHub says for a second published release of a tag). */
  | { kind: "already-exists" }
  /** Drop the connection without handling the request. */
  | { kind: "reset" }
  /** Handle the request (the change happens), then drop the connection before answering. */
  | { kind: "reset-after" }
  /** Never answer (the connection stays open until the server closes). */
  | { kind: "hang" };

export interface FaultRule {
  fault: Fault;
  /** Only requests of this method (GET, POST, PATCH, DELETE); default any. */
  method?: string;
  /** Only requests whose path matches. */
  path?: RegExp;
  /** How many matching requests fail; default 1 (Infinity: until clearFaults). */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  operationId: string | null;
  body: Record<string, unknown> | null;
  status: number;
  authorization: string | null;
}

export interface FakeGitHub {
  /** Base URL to pass as GITHUB_API_URL. */
  url: string;
  store: ReleaseStore;
  requests: RecordedRequest[];
  /** Requests that broke GitHub's OpenAPI description, and responses of the fake that did. */
  violations: string[];
  fail(rule: FaultRule): void;
  /** Stop failing (the outage is over). */
  clearFaults(): void;
  /** Requests that change something (POST, PATCH, DELETE). */
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

const DOCS = "https://docs.github.com/rest/releases/releases";
let validator: OpenApiValidator | null = null;

export async function startFakeGitHub(options: {
  token: string;
  owner?: string;
  repo?: string;
  readOnlyToken?: string;
  /** Where the repository's branches point (pull request heads); tests read their bare remote. */
  branchTip?: BranchTip;
}): Promise<FakeGitHub> {
  validator ??= new OpenApiValidator();
  const checker = validator;
  let base = "";
  const store = new ReleaseStore(options.owner ?? "acme", options.repo ?? "widgets", () => base, options.branchTip);
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const faults: FaultRule[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (method: string, path: string): Fault | null => {
    const rule = faults.find((r) => (!r.method || r.method === method) && (!r.path || r.path.test(path)));
    if (!rule) return null;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) faults.splice(faults.indexOf(rule), 1);
    return rule.fault;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", base);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.search,
      operationId: null,
      body: parseBody(raw),
      status: 0,
      authorization: req.headers.authorization ?? null,
    };
    requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      if (record.operationId && status < 300)
        violations.push(...checker.checkResponse(record.operationId, status, body));
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "x-github-request-id": `REQ${requests.length}`,
        "x-github-api-version-selected": "2022-11-28",
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    const auth = req.headers.authorization ?? "";
    const bearing = (token: string | undefined) =>
      token !== undefined && (auth === `token ${token}` || auth === `bearer ${token}` || auth === `Bearer ${token}`);
    const readOnly = bearing(options.readOnlyToken);
    if (!bearing(options.token) && !readOnly) {
      return send(401, {
        message: "Bad credentials",
        documentation_url: "https://docs.github.com/rest",
        status: "401",
      });
    }
    const checked = checker.checkRequest(method, url, raw);
    record.operationId = checked.ok ? checked.operation.operationId : checked.operationId;
    if (!checked.ok) {
      violations.push(...checked.problems.map((p) => `${method} ${url.pathname}${url.search}: ${p}`));
      return send(422, {
        message: "Invalid request.",
        documentation_url: DOCS,
        status: "422",
        errors: checked.problems,
      });
    }
    const fault = takeFault(method, url.pathname);
    if (fault?.kind === "hang") return;
    if (fault?.kind === "reset") return void req.socket.destroy();
    if (readOnly && method !== "GET")
      return send(403, {
        message: "Resource not accessible by personal access token",
        documentation_url: DOCS,
        status: "403",
      });
    if (fault && fault.kind !== "reset-after") return sendFault(fault, send);
    const [status, body, headers] = route(checked.operation, record.body, readOnly);
    if (fault?.kind === "reset-after") {
      record.status = -1;
      return void req.socket.destroy();
    }
    send(status, body, headers);
  }

  function route(
    op: MatchedOperation,
    body: Record<string, unknown> | null,
    readOnly: boolean,
  ): [number, unknown, Record<string, string>?] {
    const { owner, repo } = op.pathParams;
    if (owner !== store.owner || repo !== store.repo) return notFound();
    const fields = (body ?? {}) as ReleaseFields;
    switch (op.operationId) {
      case "repos/get":
        return [
          200,
          store.repositoryJson({ admin: false, maintain: false, push: !readOnly, triage: !readOnly, pull: true }),
        ];
      case "repos/get-release-by-tag": {
        const release = store.publishedByTag(String(op.pathParams.tag));
        return release ? [200, store.json(release)] : notFound();
      }
      case "repos/get-release": {
        const release = store.byId(Number(op.pathParams.release_id));
        return release ? [200, store.json(release)] : notFound();
      }
      case "repos/list-releases":
        return page(
          store.list().map((r) => store.json(r)),
          op,
        );
      case "repos/list-release-assets": {
        const release = store.byId(Number(op.pathParams.release_id));
        return release
          ? page(
              release.assets.map((a) => store.assetJson(a)),
              op,
            )
          : notFound();
      }
      case "repos/create-release": {
        const tag = String(fields.tag_name);
        // GitHub refuses a second published release of a tag; drafts it allows (which is why relnotes looks for them).
        if (!fields.draft && store.publishedByTag(tag)) return alreadyExists();
        const invalid = latestProblem(fields, fields.draft ?? false, fields.prerelease ?? false);
        if (invalid) return invalid;
        return [201, store.json(store.create({ ...fields, tag_name: tag }))];
      }
      case "repos/update-release": {
        const release = store.byId(Number(op.pathParams.release_id));
        if (!release) return notFound();
        const tag = fields.tag_name ?? release.tag_name;
        const draft = fields.draft ?? release.draft;
        if (!draft && store.releases.some((r) => r !== release && !r.draft && r.tag_name === tag))
          return alreadyExists();
        const invalid = latestProblem(fields, draft, fields.prerelease ?? release.prerelease);
        if (invalid) return invalid;
        return [200, store.json(store.update(release, fields))];
      }
      default:
        return pullRoute(op, body);
    }
  }

  /** The pull request endpoints (and the issue endpoints GitHub serves pull requests' labels and comments from). */
  function pullRoute(
    op: MatchedOperation,
    body: Record<string, unknown> | null,
  ): [number, unknown, Record<string, string>?] {
    const number = Number(op.pathParams.pull_number ?? op.pathParams.issue_number);
    const pr = store.pullRequest(number);
    switch (op.operationId) {
      case "pulls/list": {
        const state = String(op.query.state ?? "open");
        const head = op.query.head === undefined ? null : String(op.query.head);
        const found = store.pullRequests
          .filter((p) => state === "all" || p.state === state)
          .filter((p) => head === null || `${store.owner}:${p.head}` === head)
          .filter((p) => op.query.base === undefined || p.base === String(op.query.base))
          .sort((a, b) => b.number - a.number);
        return page(
          found.map((p) => store.pullJson(p, false)),
          op,
        );
      }
      case "pulls/get":
        return pr ? [200, store.pullJson(pr, true)] : notFound();
      case "pulls/create": {
        const fields = body as { head: string; base: string; title?: string; body?: string };
        const head = fields.head.replace(new RegExp(`^${store.owner}:`), "");
        if (store.tip(head) === null) return invalid("PullRequest", "head", "invalid");
        if (store.tip(fields.base) === null) return invalid("PullRequest", "base", "invalid");
        if (store.openPullRequest(head, fields.base))
          return invalid("PullRequest", null, "custom", `A pull request already exists for ${store.owner}:${head}.`);
        const created = store.createPullRequest({ ...fields, head, title: fields.title ?? head });
        return [201, store.pullJson(created, true)];
      }
      case "pulls/update": {
        if (!pr) return notFound();
        return [200, store.pullJson(store.updatePullRequest(pr, (body ?? {}) as PullRequestFields), true)];
      }
      case "issues/list-for-repo":
        return page(
          store.issues(op.query as Record<string, string>).map((p) => store.issueJson(p)),
          op,
        );
      case "issues/create-comment":
        return pr ? [201, store.commentJson(pr, store.addComment(pr, String(body?.body)))] : notFound();
      case "issues/add-labels": {
        if (!pr) return notFound();
        const labels = Array.isArray(body?.labels) ? (body.labels as unknown[]) : [];
        store.addLabels(
          pr,
          labels.map((l) => (typeof l === "string" ? l : String((l as { name?: unknown }).name))),
        );
        return [200, store.labelsJson(pr)];
      }
      case "issues/remove-label": {
        if (!pr) return notFound();
        if (!store.removeLabel(pr, String(op.pathParams.name)))
          return [404, { message: "Label does not exist", documentation_url: DOCS, status: "404" }];
        return [200, store.labelsJson(pr)];
      }
      default:
        return notFound();
    }
  }

  function page(items: object[], op: MatchedOperation): [number, unknown, Record<string, string>] {
    const perPage = Math.min(Number(op.query.per_page ?? 30), 100);
    const pageNo = Number(op.query.page ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (pageNo < last) {
      const query = new URLSearchParams(Object.entries(op.query).map(([k, v]) => [k, String(v)]));
      const link = (n: number, rel: string) => {
        query.set("per_page", String(perPage));
        query.set("page", String(n));
        return `<${base}${op.path}?${query}>; rel="${rel}"`;
      };
      headers.link = `${link(pageNo + 1, "next")}, ${link(last, "last")}`;
    }
    return [200, items.slice((pageNo - 1) * perPage, pageNo * perPage), headers];
  }

  function sendFault(
    fault: Exclude<Fault, { kind: "reset" } | { kind: "reset-after" } | { kind: "hang" }>,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
  ): void {
    switch (fault.kind) {
      case "status":
        return send(fault.status, { message: "Server Error" });
      case "secondary-rate-limit":
        return send(
          fault.status,
          {
            message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            documentation_url:
              "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            status: String(fault.status),
          },
          { "retry-after": String(fault.retryAfter) },
        );
      case "rate-limit":
        return send(
          403,
          {
            message: "API rate limit exceeded for user ID 1.",
            documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            status: "403",
          },
          {
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
          },
        );
      case "forbidden":
        return send(403, {
          message: "Resource not accessible by personal access token",
          documentation_url: DOCS,
          status: "403",
        });
      case "already-exists":
        return send(...alreadyExists());
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    store,
    requests,
    violations,
    fail: (rule) => void faults.push({ ...rule }),
    clearFaults: () => void faults.splice(0),
    writes: () => requests.filter((r) => r.method !== "GET" && r.method !== "HEAD"),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string): Record<string, unknown> | null {
  if (raw === "") return null;
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function notFound(): [number, unknown] {
  return [404, { message: "Not Found", documentation_url: DOCS, status: "404" }];
}

/** 422 Validation Failed on one field (or a custom message), as GitHub answers a bad pull request. */
function invalid(resource: string, field: string | null, code: string, message?: string): [number, unknown] {
  return [
    422,
    {
      message: "Validation Failed",
      errors: [{ resource, code, ...(field ? { field } : {}), ...(message ? { message } : {}) }],
      documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
      status: "422",
    },
  ];
}

function alreadyExists(): [number, unknown] {
  return [
    422,
    {
      message: "Validation Failed",
      errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
      documentation_url: `${DOCS}#create-a-release`,
      status: "422",
    },
  ];
}

/** GitHub: "Drafts and prereleases cannot be set as latest." */
function latestProblem(fields: ReleaseFields, draft: boolean, prerelease: boolean): [number, unknown] | null {
  if (fields.make_latest !== "true" || (!draft && !prerelease)) return null;
  return [
    422,
    {
      message: "Validation Failed",
      errors: [
        {
          resource: "Release",
          code: "invalid",
          field: "make_latest",
          message: "Drafts and prereleases cannot be set as latest.",
        },
      ],
      documentation_url: DOCS,
      status: "422",
    },
  ];
}
