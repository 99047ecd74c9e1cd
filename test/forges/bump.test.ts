import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { releasedRepo, type Released } from "../bump/setup.js";
import { startFakeGitea, type FakeGitea } from "../helpers/loopback-gitea.js";
import { startFakeGitLab, type FakeGitLab } from "../helpers/loopback-gitlab.js";
import { cleanupTemp, tempDir } from "../helpers/repo.js";
import { FORGES, GITEA_TOKEN, GITLAB_TOKEN, type ForgeCase } from "./fixture.js";

/**
 * `relnotes bump` of a monorepo with per-service tags (api/vX, vault/vX),
 * publishing to the loopback GitLab and Gitea: the tags reach the remote and
 * each gets one release on the forge, with its own notes; the checks before
 * anything is written refuse a missing or read-only token.
 */

const READ_ONLY = "read-only-token-0123456789abcdef";
let servers: (FakeGitLab | FakeGitea)[] = [];
afterEach(async () => {
  for (const s of servers) {
    expect(s.violations).toEqual([]);
    await s.close();
  }
  servers = [];
  cleanupTemp();
});

interface Started {
  env: Record<string, string>;
  /** Tag → the release as the forge holds it. */
  releases(): Map<string, { title: string; notes: string; draft: boolean }>;
}

async function start(forge: ForgeCase): Promise<Started> {
  if (forge.name === "GitLab") {
    const gl = await startFakeGitLab({
      token: GITLAB_TOKEN,
      readOnlyToken: READ_ONLY,
      webUrl: "https://gitlab.example.com",
    });
    servers.push(gl);
    return {
      env: { GITLAB_TOKEN, CI_API_V4_URL: `${gl.url}/api/v4`, RELNOTES_FORGE_RETRY_MS: "5" },
      releases: () =>
        new Map(
          gl.store.releases.map((r) => [
            r.tag_name,
            { title: r.name, notes: r.description ?? "", draft: gl.store.isUpcoming(r) },
          ]),
        ),
    };
  }
  const gt = await startFakeGitea({ token: GITEA_TOKEN, readOnlyToken: READ_ONLY, webUrl: "https://codeberg.org" });
  servers.push(gt);
  return {
    env: { GITEA_TOKEN, GITEA_API_URL: `${gt.url}/api/v1`, RELNOTES_FORGE_RETRY_MS: "5" },
    releases: () =>
      new Map(gt.store.releases.map((r) => [r.tag_name, { title: r.name, notes: r.body, draft: r.draft }])),
  };
}

/** A monorepo (api, vault) released before as api/v1.2.0 and vault/v0.4.0, with a feature for api and a fix for vault. */
function monorepo(forge: ForgeCase, release: "publish" | "draft" = "publish"): Released {
  const config = {
    services: {
      api: { paths: ["svc/api/"], changelog: "svc/api/CHANGELOG.md", image: "registry.example.com/acme/api" },
      vault: { paths: ["svc/vault/"] },
    },
    repository: { url: forge.web, forge: forge.name === "GitLab" ? "gitlab" : "gitea" },
    github: { release, latest: "api" },
  };
  return releasedRepo({
    files: { "cliff.config.json": `${JSON.stringify(config, null, 2)}\n` },
    commits: [
      {
        message: "feat: initial",
        files: { "svc/api/main.go": "v1\n", "svc/vault/main.go": "v1\n" },
        annotated: ["api/v1.2.0", "vault/v0.4.0"],
      },
      { message: "feat(api): add key rotation (#41)", files: { "svc/api/main.go": "v2\n" } },
      { message: "fix(vault): seal on shutdown (#43)", files: { "svc/vault/main.go": "v2\n" } },
    ],
  });
}

describe.each(FORGES)("bump with $name releases", (forge) => {
  it("releases every service of a monorepo: per-service tags pushed, one release each, with its own notes", async () => {
    const { env, releases } = await start(forge);
    const r = monorepo(forge);
    const res = await r.runAsync(["bump", "--yes"], env);
    expect(res.code, res.stderr).toBe(0);
    const remote = r.remote.refs();
    expect(remote.has("refs/tags/api/v1.3.0")).toBe(true);
    expect(remote.has("refs/tags/vault/v0.4.1")).toBe(true);
    const published = releases();
    expect([...published.keys()].sort()).toEqual(["api/v1.3.0", "vault/v0.4.1"]);
    expect(published.get("api/v1.3.0")).toMatchObject({ title: "api v1.3.0", draft: false });
    expect(published.get("api/v1.3.0")!.notes).toContain(`add key rotation ([#41](${forge.links.pr(41)}))`);
    expect(published.get("api/v1.3.0")!.notes).toContain(forge.links.compare("api/v1.2.0", "api/v1.3.0"));
    expect(published.get("api/v1.3.0")!.notes).not.toContain("seal on shutdown");
    expect(published.get("vault/v0.4.1")).toMatchObject({ title: "vault v0.4.1", draft: false });
    expect(published.get("vault/v0.4.1")!.notes).toContain(`seal on shutdown ([#43](${forge.links.pr(43)}))`);
    expect(published.get("vault/v0.4.1")!.notes).not.toContain("key rotation");

    // Running it again finds nothing to release and leaves the releases alone.
    const again = await r.runAsync(["bump", "--yes"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(releases().size).toBe(2);
  });

  it('creates drafts with github.release: "draft", which promote publishes', async () => {
    const { env, releases } = await start(forge);
    const r = monorepo(forge, "draft");
    const res = await r.runAsync(["bump", "api", "--yes"], env);
    expect(res.code, res.stderr).toBe(0);
    expect(releases().get("api/v1.3.0")).toMatchObject({ draft: true });
    const promoted = await r.runAsync(["promote", "api/v1.3.0"], env);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(releases().get("api/v1.3.0")).toMatchObject({ draft: false });
    expect(releases().size).toBe(1);
  });

  it("the plan names the forge the releases go to, and says none with --no-github", async () => {
    const { env } = await start(forge);
    const r = monorepo(forge);
    const plan = await r.runAsync(["bump", "api", "--dry-run"], env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`  ${forge.name} release: published, marked Latest (github.latest is "api")\n`);
    expect(plan.stdout).not.toMatch(/GitHub release/);
    const skipped = await r.runAsync(["bump", "api", "--dry-run", "--no-github", "--json"], env);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout).releases[0].github).toEqual({
      release: null,
      latest: false,
      why: `--no-github: no ${forge.name} release by this run`,
      host: forge.name,
      later: { release: "publish", latest: true, why: 'github.latest is "api"' },
    });
    expect(skipped.stderr).not.toContain("would be refused");
  });

  it("refuses before anything is written without a token, or with a token that cannot write", async () => {
    const { env } = await start(forge);
    const r = monorepo(forge);
    const before = r.snapshot();
    const tokenVar = forge.name === "GitLab" ? "GITLAB_TOKEN" : "GITEA_TOKEN";
    const none = await r.runAsync(["bump", "vault", "--yes"], { ...env, [tokenVar]: "" });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`but there is no token: export ${tokenVar}`);
    const readOnly = await r.runAsync(["bump", "vault", "--yes"], { ...env, [tokenVar]: READ_ONLY });
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toMatch(/token can read .* but not (create releases there|write to it)/);
    expect(`${none.stderr}${readOnly.stderr}`).not.toContain(READ_ONLY);
    expect(r.snapshot()).toBe(before);
  });
});

describe("a GitLab CI pipeline, end to end", () => {
  it("bump → verify-tag --gitlab-dotenv → release with the CI job token: the variables a pipeline reads, one release", async () => {
    const gitlab = FORGES.find((f) => f.name === "GitLab")!;
    const gl = await startFakeGitLab({
      token: GITLAB_TOKEN,
      jobToken: "glcbt-JOBtoken0123456789abcdef",
      webUrl: "https://gitlab.example.com",
    });
    servers.push(gl);
    const api = { CI_API_V4_URL: `${gl.url}/api/v4`, RELNOTES_FORGE_RETRY_MS: "5" };
    const r = monorepo(gitlab, "publish");
    // The maintainer tags and pushes without publishing: the tag pipeline makes the release.
    const bump = await r.runAsync(["bump", "--yes", "--no-github"], api);
    expect(bump.code, bump.stderr).toBe(0);
    expect(gl.store.releases).toEqual([]);

    const file = join(tempDir("rn-ci-"), "release.env");
    // In the tag pipeline of each service tag: GitLab CI's own variables, no personal token.
    const ci = {
      ...api,
      GITLAB_CI: "true",
      CI_SERVER_URL: "https://gitlab.example.com",
      CI_JOB_TOKEN: "glcbt-JOBtoken0123456789abcdef",
    };
    for (const tag of ["api/v1.3.0", "vault/v0.4.1"]) {
      r.work.git("checkout", "-q", "--detach", tag);
      const verified = await r.runAsync(["verify-tag", tag, "--gitlab-dotenv", file], { ...ci, CI_COMMIT_TAG: tag });
      expect(verified.code, verified.stderr).toBe(0);
      const released = await r.runAsync(["release", tag], { ...ci, CI_COMMIT_TAG: tag });
      expect(released.code, released.stderr).toBe(0);
    }
    const report = readFileSync(file, "utf8");
    expect(report).toMatch(/^RELEASE_TAG=api\/v1\.3\.0$/m);
    expect(report).toMatch(
      /^RELEASE_IMAGES=registry\.example\.com\/acme\/api:1\.3\.0 registry\.example\.com\/acme\/api:1\.3 /m,
    );
    expect(report).toMatch(/^RELEASE_TAG=vault\/v0\.4\.1$/m);
    expect(report).toMatch(/^RELEASE_SERVICE=vault$/m);
    expect(gl.store.releases.map((x) => x.tag_name)).toEqual(["api/v1.3.0", "vault/v0.4.1"]);
    expect(gl.requests.filter((q) => q.method === "POST").every((q) => q.credential?.startsWith("JOB-TOKEN: "))).toBe(
      true,
    );
  });
});
