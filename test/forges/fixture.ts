import { expect } from "vitest";
import type { CliResult } from "../helpers/cli.js";
import { CHANGELOG } from "../helpers/github/fixture.js";
import { relnotesAsync } from "../helpers/github/run-cli.js";
import type { FaultRule, Loopback } from "../helpers/loopback-forge.js";
import { startFakeGitea, type FakeGitea } from "../helpers/loopback-gitea.js";
import { startFakeGitLab, type FakeGitLab } from "../helpers/loopback-gitlab.js";
import { cleanupTemp, repo, type TestRepo } from "../helpers/repo.js";

/**
 * The GitLab and Gitea/Forgejo cases of the forge tests: one table row per
 * forge, each with its loopback server, the environment that points relnotes
 * at it, and the server's releases in one neutral shape for the assertions.
 */

/** Tokens shaped like real ones, so a leak would be recognisable. */
export const GITLAB_TOKEN = "glpat-TESTsecretToken0123456789ab";
export const GITEA_TOKEN = "0123456789abcdef0123456789abcdef01234567";

/** A release as the forge holds it, in one shape for both. */
export interface StoredRelease {
  tag: string;
  title: string | null;
  notes: string;
  draft: boolean;
  /** null where the forge has no such flag (GitLab). */
  prerelease: boolean | null;
}

export interface ForgeServer {
  loopback: Loopback;
  releases(): StoredRelease[];
  addAsset(tag: string, name: string): void;
  /** Edit a release's notes by hand, on the forge. */
  editNotes(tag: string, notes: string): void;
}

export interface ForgeCase {
  name: "GitLab" | "Gitea";
  /** The origin remote's URL. */
  remote: string;
  /** Config the forge needs beyond the fixture's (a self-hosted host is named in config). */
  config: object;
  /** The web home of the repository, where links point. */
  web: string;
  links: {
    pr(n: number): string;
    commit(sha: string): string;
    compare(from: string, to: string): string;
    release(tag: string): string;
  };
  /** The forge marks pre-releases itself. */
  prereleaseFlag: boolean;
  start(): Promise<{ server: ForgeServer; env: Record<string, string> }>;
}

async function gitlabServer(): Promise<{ server: ForgeServer; env: Record<string, string> }> {
  const gl: FakeGitLab = await startFakeGitLab({ token: GITLAB_TOKEN, webUrl: "https://gitlab.example.com" });
  const byTag = (tag: string) => gl.store.byTag(tag) ?? expect.fail(`no GitLab release for ${tag}`);
  return {
    server: {
      loopback: gl,
      releases: () =>
        gl.store.releases.map((r) => ({
          tag: r.tag_name,
          title: r.name,
          notes: r.description ?? "",
          draft: gl.store.isUpcoming(r),
          prerelease: null,
        })),
      addAsset: (tag, name) => void gl.store.addLink(byTag(tag), name),
      editNotes: (tag, notes) => {
        byTag(tag).description = notes;
      },
    },
    env: { GITLAB_TOKEN, CI_API_V4_URL: `${gl.url}/api/v4`, RELNOTES_FORGE_RETRY_MS: "5" },
  };
}

async function giteaServer(): Promise<{ server: ForgeServer; env: Record<string, string> }> {
  const gt: FakeGitea = await startFakeGitea({ token: GITEA_TOKEN, webUrl: "https://codeberg.org" });
  const byTag = (tag: string) => gt.store.byTag(tag) ?? expect.fail(`no Gitea release for ${tag}`);
  return {
    server: {
      loopback: gt,
      releases: () =>
        gt.store.releases.map((r) => ({
          tag: r.tag_name,
          title: r.name,
          notes: r.body,
          draft: r.draft,
          prerelease: r.prerelease,
        })),
      addAsset: (tag, name) => void gt.store.addAsset(byTag(tag), name),
      editNotes: (tag, notes) => {
        byTag(tag).body = notes;
      },
    },
    env: { GITEA_TOKEN, GITEA_API_URL: `${gt.url}/api/v1`, RELNOTES_FORGE_RETRY_MS: "5" },
  };
}

const GITLAB_WEB = "https://gitlab.example.com/acme/platform/widgets";
const GITEA_WEB = "https://codeberg.org/acme/widgets";

export const FORGES: ForgeCase[] = [
  {
    name: "GitLab",
    remote: `${GITLAB_WEB}.git`,
    // A self-hosted GitLab with a subgroup: named in config, since the host cannot be recognized.
    config: { repository: { forge: "gitlab" } },
    web: GITLAB_WEB,
    links: {
      pr: (n) => `${GITLAB_WEB}/-/merge_requests/${n}`,
      commit: (sha) => `${GITLAB_WEB}/-/commit/${sha}`,
      compare: (from, to) => `${GITLAB_WEB}/-/compare/${from}...${to}`,
      release: (tag) => `${GITLAB_WEB}/-/releases/${encodeURIComponent(tag)}`,
    },
    prereleaseFlag: false,
    start: gitlabServer,
  },
  {
    name: "Gitea",
    remote: `${GITEA_WEB}.git`,
    config: {},
    web: GITEA_WEB,
    links: {
      pr: (n) => `${GITEA_WEB}/pulls/${n}`,
      commit: (sha) => `${GITEA_WEB}/commit/${sha}`,
      compare: (from, to) => `${GITEA_WEB}/compare/${from}...${to}`,
      release: (tag) => `${GITEA_WEB}/releases/tag/${tag}`,
    },
    prereleaseFlag: true,
    start: giteaServer,
  },
];

export interface ForgeFixture {
  repo: TestRepo;
  server: ForgeServer;
  env: Record<string, string>;
  /** Run the built CLI against the loopback forge. */
  run(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  fail(rule: FaultRule): void;
}

const open: ForgeFixture[] = [];

/**
 * The monorepo of the GitHub tests (services api and vault, "Latest" reserved
 * for api; tags api/v1.2.0, vault/v0.1.0, api/v1.3.0 with "rotate keys (#12)",
 * api/v1.4.0-rc.1), its origin on the forge, and the loopback forge.
 */
export async function forgeFixture(forge: ForgeCase, config: object = {}): Promise<ForgeFixture> {
  const cliffConfig = {
    services: { api: { paths: ["svc/api/"], changelog: "svc/api/CHANGELOG.md" }, vault: { paths: ["svc/vault/"] } },
    github: { latest: "api" },
    ...forge.config,
    ...config,
  };
  const r = repo({
    files: { "cliff.config.json": `${JSON.stringify(cliffConfig, null, 2)}\n` },
    commits: [
      {
        message: "feat(api): first endpoint",
        files: { "svc/api/main.go": "package main\n" },
        annotated: ["api/v1.2.0"],
      },
      {
        message: "feat(vault): store secrets",
        files: { "svc/vault/main.go": "package main\n" },
        annotated: ["vault/v0.1.0"],
      },
      {
        message: "feat(api): rotate keys (#12)",
        files: { "svc/api/keys.go": "package main\n", "svc/api/CHANGELOG.md": CHANGELOG },
        annotated: ["api/v1.3.0"],
      },
      {
        message: "fix(api): handle empty key",
        files: { "svc/api/keys.go": "package main // fixed\n" },
        annotated: ["api/v1.4.0-rc.1"],
      },
    ],
  });
  r.git("remote", "add", "origin", forge.remote);
  const { server, env } = await forge.start();
  const fixture: ForgeFixture = {
    repo: r,
    server,
    env,
    run: (args, extra = {}) => relnotesAsync(r.dir, args, { ...env, ...extra }),
    fail: (rule) => server.loopback.fail(rule),
  };
  open.push(fixture);
  return fixture;
}

/** For afterEach: every request matched the forge's API description; then the servers and repositories go. */
export async function closeForgeFixtures(): Promise<void> {
  const fixtures = open.splice(0);
  try {
    for (const f of fixtures) expect(f.server.loopback.violations).toEqual([]);
  } finally {
    for (const f of fixtures) await f.server.loopback.close();
    cleanupTemp();
  }
}
