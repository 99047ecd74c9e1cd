import { expect } from "vitest";
import type { CliResult } from "../cli.js";
import { cleanupTemp, repo, type TestRepo } from "../repo.js";
import { relnotesAsync } from "./run-cli.js";
import { startFakeGitHub, type FakeGitHub } from "./server.js";

/** A token shaped like a real one, so a leak would be recognisable. */
export const TOKEN = "ghp_TESTsecretToken0123456789abcdefABCDEF";

export const CHANGELOG = `# Changelog

## [Unreleased]

## [1.3.0] - 2026-01-01

### Features

- **keys:** rotate keys

## [1.2.0] - 2026-01-01

### Bug Fixes

- first fix
`;

/** Environment pointing the CLI at a loopback GitHub, with short retry waits. */
export function githubEnv(github: FakeGitHub): Record<string, string> {
  return { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "5" };
}

export interface GitHubFixture {
  repo: TestRepo;
  github: FakeGitHub;
  /** Run the built CLI against the loopback GitHub, with the token in GITHUB_TOKEN. */
  run(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
}

/**
 * A monorepo (services api and vault, "Latest" reserved for api) with tags
 * api/v1.2.0, api/v1.3.0, api/v1.4.0-rc.1 and vault/v0.1.0, whose origin is
 * https://github.com/acme/widgets.git, and a loopback GitHub serving acme/widgets.
 */
export async function githubFixture(config: object = {}): Promise<GitHubFixture> {
  const cliffConfig = {
    services: { api: { paths: ["svc/api/"], changelog: "svc/api/CHANGELOG.md" }, vault: { paths: ["svc/vault/"] } },
    github: { latest: "api" },
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
  r.git("remote", "add", "origin", "https://github.com/acme/widgets.git");
  const github = await startFakeGitHub({ token: TOKEN });
  const fixture: GitHubFixture = {
    repo: r,
    github,
    run: (args, env = {}) => relnotesAsync(r.dir, args, { ...githubEnv(github), ...env }),
  };
  open.push(fixture);
  return fixture;
}

const open: GitHubFixture[] = [];

/**
 * For afterEach: every request the test made matched GitHub's OpenAPI
 * description; then the loopback servers and temporary repositories go.
 */
export async function closeGitHubFixtures(): Promise<void> {
  const fixtures = open.splice(0);
  try {
    for (const f of fixtures) expect(f.github.violations).toEqual([]);
  } finally {
    for (const f of fixtures) await f.github.close();
    cleanupTemp();
  }
}
