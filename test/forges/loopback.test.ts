import { afterEach, describe, expect, it } from "vitest";
import { startFakeGitea, type FakeGitea } from "../helpers/loopback-gitea.js";
import { startFakeGitLab, type FakeGitLab } from "../helpers/loopback-gitlab.js";

const TOKEN = "glpat-TESTsecretToken0123456789";
const READ = "glpat-READonlyToken0123456789";
const JOB = "glcbt-JOBtoken0123456789abcdef";

let open: (FakeGitLab | FakeGitea)[] = [];
afterEach(async () => {
  for (const f of open) await f.close();
  open = [];
});

async function gitlab(options: Partial<Parameters<typeof startFakeGitLab>[0]> = {}) {
  const f = await startFakeGitLab({ token: TOKEN, readOnlyToken: READ, jobToken: JOB, ...options });
  open.push(f);
  return f;
}

async function gitea() {
  const f = await startFakeGitea({ token: TOKEN, readOnlyToken: READ });
  open.push(f);
  return f;
}

async function send(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body: parsed };
}

const PROJECT = "/api/v4/projects/acme%2Fplatform%2Fwidgets";

describe("the loopback GitLab checks requests against the documented Releases API", () => {
  const gl = (f: FakeGitLab, method: string, path: string, body?: unknown, token = TOKEN) =>
    send(f.url, method, path, { "private-token": token }, body);

  it("answers valid requests in GitLab's shapes: create, get by an encoded tag, update, list, links", async () => {
    const f = await gitlab();
    const created = await gl(f, "POST", `${PROJECT}/releases`, {
      tag_name: "api/v1.3.0",
      name: "api v1.3.0",
      description: "notes",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tag_name: "api/v1.3.0",
      upcoming_release: false,
      _links: { self: "https://gitlab.example.com/acme/platform/widgets/-/releases/api%2Fv1.3.0" },
    });
    expect((await gl(f, "GET", `${PROJECT}/releases/api%2Fv1.3.0`)).status).toBe(200);
    const updated = await gl(f, "PUT", `${PROJECT}/releases/api%2Fv1.3.0`, { description: "new notes" });
    expect(updated.body).toMatchObject({ description: "new notes" });
    const link = await gl(f, "POST", `${PROJECT}/releases/api%2Fv1.3.0/assets/links`, {
      name: "api.tar.gz",
      url: "https://example.com/api.tar.gz",
    });
    expect(link.status).toBe(201);
    const links = await gl(f, "GET", `${PROJECT}/releases/api%2Fv1.3.0/assets/links?per_page=100`);
    expect(links.body).toMatchObject([{ name: "api.tar.gz", link_type: "other" }]);
    const list = await gl(f, "GET", `${PROJECT}/releases?per_page=100&page=1`);
    expect(list.headers.get("x-total")).toBe("1");
    expect((await gl(f, "GET", "/api/v4/projects/4242")).body).toMatchObject({
      path_with_namespace: "acme/platform/widgets",
    });
    expect(f.violations).toEqual([]);
  });

  it("catches an unencoded path, a bad body, an unknown query and a wrong method", async () => {
    const f = await gitlab();
    expect((await gl(f, "GET", "/api/v4/projects/acme/platform/widgets/releases")).status).toBe(404);
    expect((await gl(f, "POST", `${PROJECT}/releases`, { tag: "v1.0.0", description: 5 })).status).toBe(400);
    expect((await gl(f, "GET", `${PROJECT}/releases?per_page=500`)).status).toBe(400);
    expect((await gl(f, "GET", `${PROJECT}/releases?pagination=keyset&order=asc`)).status).toBe(400);
    expect((await gl(f, "PATCH", `${PROJECT}/releases/v1.0.0`, { name: "x" })).status).toBe(404);
    expect((await gl(f, "PUT", `${PROJECT}/releases/v1.0.0`, { released_at: "yesterday" })).status).toBe(400);
    expect(f.violations).toEqual([
      "GET /projects/acme/platform/widgets/releases: no such operation in GitLab's description",
      "POST /projects/acme%2Fplatform%2Fwidgets/releases: body must have required property 'tag_name'",
      "POST /projects/acme%2Fplatform%2Fwidgets/releases: body must NOT have additional properties: tag",
      "POST /projects/acme%2Fplatform%2Fwidgets/releases: body/description must be string",
      'GET /projects/acme%2Fplatform%2Fwidgets/releases?per_page=500: query parameter per_page="500" is not valid',
      "GET /projects/acme%2Fplatform%2Fwidgets/releases?pagination=keyset&order=asc: query parameter pagination is not described for releases/list",
      "GET /projects/acme%2Fplatform%2Fwidgets/releases?pagination=keyset&order=asc: query parameter order is not described for releases/list",
      "PATCH /projects/acme%2Fplatform%2Fwidgets/releases/v1.0.0: no such operation in GitLab's description (allowed: GET, PUT)",
      'PUT /projects/acme%2Fplatform%2Fwidgets/releases/v1.0.0: body/released_at must match format "date-time"',
    ]);
    expect(f.store.releases).toEqual([]);
  });

  it("keeps one release per tag, needs a ref for a missing tag, and dates upcoming releases", async () => {
    const f = await gitlab({ tags: ["v1.0.0"] });
    expect((await gl(f, "POST", `${PROJECT}/releases`, { tag_name: "v1.0.0" })).status).toBe(201);
    expect(await gl(f, "POST", `${PROJECT}/releases`, { tag_name: "v1.0.0" })).toMatchObject({
      status: 409,
      body: { message: "Release already exists" },
    });
    expect(await gl(f, "POST", `${PROJECT}/releases`, { tag_name: "v2.0.0" })).toMatchObject({ status: 422 });
    const upcoming = await gl(f, "POST", `${PROJECT}/releases`, {
      tag_name: "v3.0.0",
      ref: "main",
      released_at: "9999-12-31T00:00:00Z",
    });
    expect(upcoming.body).toMatchObject({ name: "v3.0.0", description: null, upcoming_release: true });
    const released = await gl(f, "PUT", `${PROJECT}/releases/v3.0.0`, { released_at: new Date().toISOString() });
    expect(released.body).toMatchObject({ upcoming_release: false });
    expect(f.violations).toEqual([]);
  });

  it("tells tokens apart: read-only writes get 403, a job token cannot read the project, a wrong token 401", async () => {
    const f = await gitlab();
    expect((await gl(f, "POST", `${PROJECT}/releases`, { tag_name: "v1.0.0" }, READ)).status).toBe(403);
    expect(await gl(f, "GET", PROJECT, undefined, READ)).toMatchObject({
      body: { permissions: { project_access: { access_level: 20 } } },
    });
    const job = (method: string, path: string, body?: unknown) => send(f.url, method, path, { "job-token": JOB }, body);
    expect((await job("POST", `${PROJECT}/releases`, { tag_name: "v1.0.0" })).status).toBe(201);
    expect((await job("GET", PROJECT)).status).toBe(404);
    expect((await gl(f, "GET", PROJECT, undefined, "wrong")).status).toBe(401);
    expect(f.requests.map((r) => r.credential)).toContain(`JOB-TOKEN: ${JOB}`);
  });

  it("fails on purpose: 429 with GitLab's RateLimit headers, 5xx, a dropped connection, a change then a drop", async () => {
    const f = await gitlab();
    f.fail({ fault: { kind: "rate-limit", retryAfter: 7 }, method: "GET" });
    const limited = await gl(f, "GET", `${PROJECT}/releases`);
    expect(limited.status).toBe(429);
    expect(limited.body).toBe("Retry later\n");
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    f.fail({ fault: { kind: "status", status: 502 }, times: 2 });
    expect((await gl(f, "GET", `${PROJECT}/releases`)).status).toBe(502);
    expect((await gl(f, "GET", `${PROJECT}/releases`)).status).toBe(502);
    expect((await gl(f, "GET", `${PROJECT}/releases`)).status).toBe(200);
    f.fail({ fault: { kind: "reset" } });
    await expect(gl(f, "GET", `${PROJECT}/releases`)).rejects.toThrow();
    f.fail({ fault: { kind: "reset-after" }, method: "POST" });
    await expect(gl(f, "POST", `${PROJECT}/releases`, { tag_name: "v1.0.0" })).rejects.toThrow();
    expect(f.store.releases.map((r) => r.tag_name)).toEqual(["v1.0.0"]);
    expect(f.violations).toEqual([]);
  });
});

describe("the loopback Gitea checks requests against Gitea's swagger", () => {
  const gt = (f: FakeGitea, method: string, path: string, body?: unknown, token = TOKEN) =>
    send(f.url, method, `/api/v1${path}`, { authorization: `token ${token}` }, body);

  it("answers valid requests in Gitea's shapes: drafts, pre-releases, edit, by tag, attachments", async () => {
    const f = await gitea();
    const draft = await gt(f, "POST", "/repos/acme/widgets/releases", {
      tag_name: "api/v1.3.0",
      name: "api v1.3.0",
      body: "notes",
      draft: true,
      prerelease: false,
    });
    expect(draft).toMatchObject({
      status: 201,
      body: { id: 1, draft: true, html_url: "https://codeberg.org/acme/widgets/releases/tag/api/v1.3.0" },
    });
    expect((await gt(f, "GET", "/repos/acme/widgets/releases/tags/api%2Fv1.3.0")).body).toMatchObject({
      id: 1,
      draft: true,
    });
    expect((await gt(f, "GET", "/repos/acme/widgets/releases?draft=true&limit=50&page=1")).body).toHaveLength(1);
    expect((await gt(f, "GET", "/repos/acme/widgets/releases?draft=false")).body).toHaveLength(0);
    expect((await gt(f, "PATCH", "/repos/acme/widgets/releases/1", { draft: false })).body).toMatchObject({
      draft: false,
    });
    f.store.addAsset(f.store.byId(1)!, "api.tar.gz");
    expect((await gt(f, "GET", "/repos/acme/widgets/releases/1/assets")).body).toMatchObject([{ name: "api.tar.gz" }]);
    expect((await gt(f, "GET", "/repos/acme/widgets")).body).toMatchObject({ permissions: { push: true } });
    expect(f.violations).toEqual([]);
  });

  it("catches a bad body, an unknown query parameter and a wrong method", async () => {
    const f = await gitea();
    expect((await gt(f, "POST", "/repos/acme/widgets/releases", { name: "x", draft: "yes" })).status).toBe(422);
    expect((await gt(f, "GET", "/repos/acme/widgets/releases?per_page=100")).status).toBe(422);
    expect((await gt(f, "PUT", "/repos/acme/widgets/releases/1", { draft: false })).status).toBe(404);
    expect((await gt(f, "PATCH", "/repos/acme/widgets/releases/abc", { draft: false })).status).toBe(422);
    expect(f.violations).toEqual([
      "POST /repos/acme/widgets/releases: body must have required property 'tag_name'",
      "POST /repos/acme/widgets/releases: body/draft must be boolean",
      "GET /repos/acme/widgets/releases?per_page=100: query parameter per_page is not described for RepoListReleases",
      "PUT /repos/acme/widgets/releases/1: no such operation in Gitea's description (allowed: GET, PATCH)",
      'PATCH /repos/acme/widgets/releases/abc: path parameter id="abc" is not a valid integer',
    ]);
  });

  it("keeps one release per tag, drafts included; read-only tokens cannot write; 429 carries Retry-After", async () => {
    const f = await gitea();
    expect((await gt(f, "POST", "/repos/acme/widgets/releases", { tag_name: "v1.0.0", draft: true })).status).toBe(201);
    expect((await gt(f, "POST", "/repos/acme/widgets/releases", { tag_name: "v1.0.0" })).status).toBe(409);
    expect((await gt(f, "POST", "/repos/acme/widgets/releases", { tag_name: "v2.0.0" }, READ)).status).toBe(403);
    expect((await gt(f, "GET", "/repos/acme/widgets", undefined, READ)).body).toMatchObject({
      permissions: { push: false },
    });
    expect((await gt(f, "GET", "/repos/acme/widgets", undefined, "wrong")).status).toBe(401);
    f.fail({ fault: { kind: "rate-limit", retryAfter: 3 } });
    const limited = await gt(f, "GET", "/repos/acme/widgets/releases");
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "3"]);
    f.fail({ fault: { kind: "status", status: 503 } });
    expect((await gt(f, "GET", "/repos/acme/widgets/releases")).status).toBe(503);
    f.fail({ fault: { kind: "reset" } });
    await expect(gt(f, "GET", "/repos/acme/widgets/releases")).rejects.toThrow();
    expect(f.violations).toEqual([]);
  });
});
