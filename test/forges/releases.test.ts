import { afterEach, describe, expect, it } from "vitest";
import type { FaultRule } from "../helpers/loopback-forge.js";
import { closeForgeFixtures, FORGES, forgeFixture, GITEA_TOKEN, GITLAB_TOKEN, type ForgeFixture } from "./fixture.js";

/**
 * The end states of test/github/{release,promote,deprecate,faults}.test.ts, on
 * GitLab and Gitea/Forgejo: one release per tag, the pre-release flag where the
 * forge has one, the notes in the forge's link shapes, the deprecation banner,
 * no duplicate after faults.
 */

afterEach(closeForgeFixtures);

const one = (fx: ForgeFixture) => {
  const releases = fx.server.releases();
  expect(releases).toHaveLength(1);
  return releases[0]!;
};
const writes = (fx: ForgeFixture) => fx.server.loopback.writes();

describe.each(FORGES)("$name releases", (forge) => {
  it("creates a stable release named after the service, with its notes in the forge's link shapes", async () => {
    const fx = await forgeFixture(forge);
    const r = await fx.run(["release", "api/v1.3.0"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`created api v1.3.0 (latest): ${forge.links.release("api/v1.3.0")}\n`);
    const sha = fx.repo.sha(2);
    expect(one(fx)).toEqual({
      tag: "api/v1.3.0",
      title: "api v1.3.0",
      notes: `## Features\n\n- **api:** rotate keys ([#12](${forge.links.pr(12)})) ([${sha.slice(0, 7)}](${forge.links.commit(sha)}))\n\n**Full changelog:** ${forge.links.compare("api/v1.2.0", "api/v1.3.0")}\n`,
      draft: false,
      prerelease: forge.prereleaseFlag ? false : null,
    });
    // The tagged commit goes along, so a tag not yet on the forge is made there, not on the default branch.
    expect(JSON.stringify(writes(fx)[0]!.body)).toContain(sha);
  });

  it("marks a release candidate pre-release (where the forge can) and never latest", async () => {
    const fx = await forgeFixture(forge);
    const r = await fx.run(["release", "api/v1.4.0-rc.1", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      action: "created",
      tag: "api/v1.4.0-rc.1",
      prerelease: true,
      draft: false,
      makeLatest: "false",
    });
    expect(one(fx)).toMatchObject({
      title: "api v1.4.0-rc.1",
      draft: false,
      prerelease: forge.prereleaseFlag ? true : null,
    });
  });

  it("updates the release on a re-run instead of creating a second one", async () => {
    const fx = await forgeFixture(forge);
    expect((await fx.run(["release", "api/v1.3.0"])).code).toBe(0);
    fx.server.editNotes("api/v1.3.0", "edited by hand");
    const again = await fx.run(["release", "api/v1.3.0"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^updated api v1\.3\.0/);
    expect(writes(fx).map((w) => w.method)).toEqual(["POST", forge.name === "GitLab" ? "PUT" : "PATCH"]);
    expect(one(fx).notes).toContain("rotate keys");
    const third = await fx.run(["release", "api/v1.3.0", "--json"]);
    expect(JSON.parse(third.stdout)).toMatchObject({ action: "updated" });
  });

  it("creates a draft with --draft, finds it again, and promote publishes it once its assets are there", async () => {
    const fx = await forgeFixture(forge, { github: { latest: "api", requiredAssets: ["api-{version}.tar.gz"] } });
    const draft = await fx.run(["release", "api/v1.3.0", "--draft", "--json"]);
    expect(draft.code, draft.stderr).toBe(0);
    expect(JSON.parse(draft.stdout)).toMatchObject({ action: "created", draft: true, makeLatest: "false" });
    expect(one(fx)).toMatchObject({ draft: true });
    const again = await fx.run(["release", "api/v1.3.0", "--draft", "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ action: "unchanged", draft: true });

    const refused = await fx.run(["promote", "api/v1.3.0"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no attached asset matches "api-1.3.0.tar.gz" (no assets attached)');
    expect(writes(fx)).toHaveLength(1);
    expect(one(fx)).toMatchObject({ draft: true });

    fx.server.addAsset("api/v1.3.0", "api-1.3.0.tar.gz");
    const promoted = await fx.run(["promote", "api/v1.3.0", "--json"]);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(JSON.parse(promoted.stdout)).toMatchObject({
      action: "published",
      tag: "api/v1.3.0",
      assets: ["api-1.3.0.tar.gz"],
    });
    expect(one(fx)).toMatchObject({ tag: "api/v1.3.0", draft: false });
    const twice = await fx.run(["promote", "api/v1.3.0", "--json"]);
    expect(JSON.parse(twice.stdout)).toMatchObject({ action: "already-published" });
    expect(writes(fx)).toHaveLength(2);
  });

  it("promote refuses a tag without a draft, and names the forge", async () => {
    const fx = await forgeFixture(forge);
    const r = await fx.run(["promote", "api/v1.3.0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`has no draft release for api/v1.3.0`);
    expect(writes(fx)).toEqual([]);
  });

  it("deprecate puts one banner naming the replacement on top of the release notes", async () => {
    const fx = await forgeFixture(forge);
    expect((await fx.run(["release", "api/v1.3.0"])).code).toBe(0);
    const r = await fx.run([
      "deprecate",
      "api/v1.3.0",
      "--use",
      "api/v1.4.0-rc.1",
      "--reason",
      "keys leak",
      "--no-changelog",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const notes = one(fx).notes;
    const link = `[api/v1.4.0-rc.1](${forge.links.release("api/v1.4.0-rc.1")})`;
    expect(notes).toMatch(/^<!-- relnotes:deprecated -->\n## ⚠️ Deprecated\n\n/);
    expect(notes).toContain(
      `api/v1.3.0 is deprecated: use ${link} instead.\n\nkeys leak\n<!-- /relnotes:deprecated -->\n\n## Features`,
    );
    expect(notes).toContain("rotate keys");
    const twice = await fx.run([
      "deprecate",
      "api/v1.3.0",
      "--use",
      "api/v1.4.0-rc.1",
      "--reason",
      "keys leak",
      "--no-changelog",
    ]);
    expect(twice.code, twice.stderr).toBe(0);
    expect(one(fx).notes).toBe(notes);
    expect(notes.split("## ⚠️ Deprecated").length - 1).toBe(1);
  });
});

/** Faults the client rides out: the command succeeds on its own, with exactly one release. */
const absorbed: [string, FaultRule, RegExp | null][] = [
  [
    "a 502 on create",
    { fault: { kind: "status", status: 502 }, method: "POST" },
    /failed while creating the release for api\/v1\.3\.0 \(502/,
  ],
  ["a 503 on lookup, twice", { fault: { kind: "status", status: 503 }, method: "GET", times: 2 }, null],
  [
    "a rate limit (429, Retry-After) on lookup",
    { fault: { kind: "rate-limit", retryAfter: 2 }, method: "GET" },
    /rate limit on GET .*retrying after 2s \(retry 1 of 3\)/,
  ],
  [
    "a rate limit (429, Retry-After) on create",
    { fault: { kind: "rate-limit", retryAfter: 1 }, method: "POST" },
    /rate limit on POST .*retrying after 1s/,
  ],
  ["a connection reset on lookup", { fault: { kind: "reset" }, method: "GET" }, null],
  ["a connection reset on create", { fault: { kind: "reset" }, method: "POST" }, null],
  [
    "a connection dropped after the forge created the release",
    { fault: { kind: "reset-after" }, method: "POST" },
    null,
  ],
];

/** Faults that stop the command with a message; re-running after the outage completes the job. */
const fatal: [string, FaultRule, RegExp][] = [
  [
    "5xx beyond the retries",
    { fault: { kind: "status", status: 503 }, times: 50 },
    /failed while looking up the release of api\/v1\.3\.0 \(503 503 Bad Gateway\), and kept failing after retries/,
  ],
  [
    "a rate limit that does not lift",
    { fault: { kind: "rate-limit", retryAfter: 1 }, times: 50 },
    /rate limit reached while looking up the release of api\/v1\.3\.0 \(429/,
  ],
  [
    "a rate limit that resets in an hour",
    { fault: { kind: "rate-limit", retryAfter: 3600 }, times: 50 },
    /hint: wait until 20\d\d-/,
  ],
  [
    "connections that keep dropping",
    { fault: { kind: "reset" }, times: 50 },
    /could not reach (GitLab|Gitea) at http:\/\/127\.0\.0\.1:/,
  ],
  [
    "a token without permission",
    { fault: { kind: "forbidden" }, method: "POST" },
    /refused creating the release for api\/v1\.3\.0 on .* \(403/,
  ],
];

describe.each(FORGES)("$name faults", (forge) => {
  for (const [name, rule, warning] of absorbed) {
    it(`rides out ${name}: one release`, async () => {
      const fx = await forgeFixture(forge);
      fx.fail(rule);
      const r = await fx.run(["release", "api/v1.3.0", "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ tag: "api/v1.3.0", draft: false });
      if (warning) expect(r.stderr).toMatch(warning);
      expect(one(fx)).toMatchObject({ tag: "api/v1.3.0", title: "api v1.3.0", draft: false });
    });
  }

  it("does not duplicate a draft the forge created before the connection dropped", async () => {
    const fx = await forgeFixture(forge);
    fx.fail({ fault: { kind: "reset-after" }, method: "POST" });
    const r = await fx.run(["release", "api/v1.3.0", "--draft", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(writes(fx).filter((w) => w.method === "POST")).toHaveLength(1);
    expect(one(fx)).toMatchObject({ draft: true });
  });

  for (const [name, rule, message] of fatal) {
    it(`stops on ${name} with a message, and a re-run completes with one release`, async () => {
      const fx = await forgeFixture(forge);
      fx.fail(rule);
      const failed = await fx.run(["release", "api/v1.3.0"]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(message);
      expect(failed.stderr).toMatch(/^hint: /m);
      expect(failed.stderr).not.toContain("    at ");
      fx.server.loopback.clearFaults();
      const rerun = await fx.run(["release", "api/v1.3.0"]);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(one(fx)).toMatchObject({ tag: "api/v1.3.0" });
    });
  }

  it("retries a 5xx lookup with backoff, three times by default, and a create not at all", async () => {
    const fx = await forgeFixture(forge);
    fx.fail({ fault: { kind: "status", status: 500 }, method: "GET", times: 50 });
    await fx.run(["release", "api/v1.3.0"]);
    expect(fx.server.loopback.requests.map((r) => r.status)).toEqual([500, 500, 500, 500]);
  });

  it("never prints the token, on success or failure, with --debug or --json", async () => {
    const fx = await forgeFixture(forge);
    const token = forge.name === "GitLab" ? GITLAB_TOKEN : GITEA_TOKEN;
    const outputs = [
      await fx.run(["release", "api/v1.3.0", "--debug"]),
      await fx.run(["release", "api/v1.3.0", "--json"]),
      await fx.run(
        ["release", "api/v1.3.0", "--debug"],
        forge.name === "GitLab" ? { GITLAB_TOKEN: `${token}x` } : { GITEA_TOKEN: `${token}x` },
      ),
    ];
    expect(outputs[2]!.code).toBe(1);
    expect(outputs[2]!.stderr).toMatch(/rejected the token while looking up the release of api\/v1\.3\.0 \(401/);
    for (const o of outputs) expect(`${o.stdout}${o.stderr}`).not.toContain(token.slice(8));
    expect(fx.server.loopback.requests.every((r) => r.credential?.includes(token))).toBe(true);
  });
});
