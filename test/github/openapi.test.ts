import { afterEach, describe, expect, it } from "vitest";
import { TOKEN } from "../helpers/github/fixture.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";

let github: FakeGitHub | null = null;
afterEach(async () => {
  await github?.close();
  github = null;
});

async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(`${github!.url}${path}`, {
    method,
    headers: { authorization: `token ${TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe("the loopback GitHub checks requests against GitHub's OpenAPI description", () => {
  it("answers a valid request in GitHub's shape and records no violation", async () => {
    github = await startFakeGitHub({ token: TOKEN });
    const created = await send("POST", "/repos/acme/widgets/releases", {
      tag_name: "v1.0.0",
      name: "v1.0.0",
      body: "notes",
      draft: false,
      prerelease: false,
      make_latest: "true",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tag_name: "v1.0.0",
      html_url: "https://github.com/acme/widgets/releases/tag/v1.0.0",
      draft: false,
    });
    expect((await send("GET", "/repos/acme/widgets/releases/tags/v1.0.0")).status).toBe(200);
    expect((await send("GET", "/repos/acme/widgets/releases?per_page=100&page=1")).status).toBe(200);
    expect(github.violations).toEqual([]);
  });

  it("catches a body, a query and a route that break the description", async () => {
    github = await startFakeGitHub({ token: TOKEN });
    const bad = await send("POST", "/repos/acme/widgets/releases", {
      tag_name: 5,
      draft: "yes",
      make_latest: true,
      tag: "v1.0.0",
    });
    expect(bad.status).toBe(422);
    expect((await send("GET", "/repos/acme/widgets/releases?per_page=lots")).status).toBe(422);
    expect((await send("PATCH", "/repos/acme/widgets/releases/tags/v1.0.0", { draft: false })).status).toBe(422);
    expect((await send("PATCH", "/repos/acme/widgets/releases/abc", { draft: false })).status).toBe(422);
    expect((await send("POST", "/repos/acme/widgets/releases", undefined)).status).toBe(422);
    expect(github.violations).toEqual([
      "POST /repos/acme/widgets/releases: body must NOT have additional properties: tag",
      "POST /repos/acme/widgets/releases: body/tag_name must be string",
      "POST /repos/acme/widgets/releases: body/draft must be boolean",
      "POST /repos/acme/widgets/releases: body/make_latest must be string",
      "POST /repos/acme/widgets/releases: body/make_latest must be equal to one of the allowed values",
      'GET /repos/acme/widgets/releases?per_page=lots: query parameter per_page="lots" is not integer',
      "PATCH /repos/acme/widgets/releases/tags/v1.0.0: no such operation in GitHub's description (allowed: GET)",
      'PATCH /repos/acme/widgets/releases/abc: path parameter release_id="abc" is not integer',
      "POST /repos/acme/widgets/releases: request body is required",
    ]);
    expect(github.store.releases).toEqual([]);
  });
});
