import { afterEach, describe, expect, it } from "vitest";
import { closeGitHubFixtures, githubFixture, type GitHubFixture } from "../helpers/github/fixture.js";
import type { FaultRule } from "../helpers/github/server.js";

afterEach(closeGitHubFixtures);

const creates = (f: GitHubFixture) => f.github.requests.filter((r) => r.operationId === "repos/create-release").length;

/** Faults the client rides out: the command succeeds on its own, with exactly one release. */
const absorbed: [string, FaultRule, RegExp | null][] = [
  ["a 502 on create", { fault: { kind: "status", status: 502 }, method: "POST" }, null],
  ["a 503 on lookup", { fault: { kind: "status", status: 503 }, method: "GET", times: 2 }, null],
  [
    "a secondary rate limit (403, retry-after) on create",
    { fault: { kind: "secondary-rate-limit", status: 403, retryAfter: 1 }, method: "POST" },
    /secondary rate limit on POST .*retrying after 1s/,
  ],
  [
    "a secondary rate limit (429, retry-after) on lookup",
    { fault: { kind: "secondary-rate-limit", status: 429, retryAfter: 2 }, method: "GET" },
    /secondary rate limit on GET .*retrying after 2s/,
  ],
  ["a connection reset on lookup", { fault: { kind: "reset" }, method: "GET" }, null],
  ["a connection reset on create", { fault: { kind: "reset" }, method: "POST" }, null],
  ["a connection dropped after GitHub created the release", { fault: { kind: "reset-after" }, method: "POST" }, null],
];

/** Faults that stop the command with a message; re-running after the outage completes the job. */
const fatal: [string, FaultRule, string][] = [
  [
    "5xx beyond the retries",
    { fault: { kind: "status", status: 503 }, times: 50 },
    "error: GitHub failed while looking up the release of api/v1.3.0 (503 Server Error), and kept failing after retries",
  ],
  [
    "a secondary rate limit that does not lift",
    { fault: { kind: "secondary-rate-limit", status: 403, retryAfter: 1 }, times: 50 },
    "error: GitHub rate limit reached while",
  ],
  ["an exhausted primary rate limit", { fault: { kind: "rate-limit" }, times: 50 }, "hint: wait until 20"],
  [
    "connections that keep dropping",
    { fault: { kind: "reset" }, times: 50 },
    "error: could not reach GitHub at http://127.0.0.1:",
  ],
  [
    "422 already_exists on create",
    { fault: { kind: "already-exists" }, method: "POST" },
    "error: GitHub rejected creating the release for api/v1.3.0 (422 Validation Failed: tag_name already_exists)",
  ],
  [
    "a token without permission",
    { fault: { kind: "forbidden" }, method: "POST" },
    'hint: the token needs write access to the repository\'s releases: fine-grained token "Contents: Read and write"',
  ],
];

describe("GitHub faults", () => {
  for (const [name, rule, warning] of absorbed) {
    it(`rides out ${name}: one release`, async () => {
      const fx = await githubFixture();
      fx.github.fail(rule);
      const r = await fx.run(["release", "api/v1.3.0", "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ tag: "api/v1.3.0", draft: false });
      if (warning) expect(r.stderr).toMatch(warning);
      expect(fx.github.store.releases).toHaveLength(1);
      expect(fx.github.store.releases[0]).toMatchObject({ tag_name: "api/v1.3.0", name: "api v1.3.0", draft: false });
    });
  }

  it("does not duplicate a draft GitHub created before the connection dropped", async () => {
    const fx = await githubFixture();
    fx.github.fail({ fault: { kind: "reset-after" }, method: "POST" });
    const r = await fx.run(["release", "api/v1.3.0", "--draft", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(creates(fx)).toBe(1);
    expect(fx.github.store.releases).toHaveLength(1);
  });

  for (const [name, rule, message] of fatal) {
    it(`stops on ${name} with a message, and a re-run completes with one release`, async () => {
      const fx = await githubFixture();
      fx.github.fail(rule);
      const failed = await fx.run(["release", "api/v1.3.0"]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(message);
      expect(failed.stderr).toMatch(/^hint: /m);
      expect(failed.stderr).not.toContain("    at ");
      fx.github.clearFaults();
      const rerun = await fx.run(["release", "api/v1.3.0"]);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(fx.github.store.releases).toHaveLength(1);
    });
  }

  it("retries a 5xx with backoff, three times by default", async () => {
    const fx = await githubFixture();
    fx.github.fail({ fault: { kind: "status", status: 500 }, times: 50 });
    await fx.run(["release", "api/v1.3.0"]);
    expect(fx.github.requests.map((r) => r.status)).toEqual([500, 500, 500, 500]);
  });
});
