import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { relnotes, type CliResult } from "../helpers/cli.js";
import { relnotesAsync } from "../helpers/github/run-cli.js";
import { gitIn, repo, tempDir, type RepoSpec, type TestRepo } from "../helpers/repo.js";

/** Pinned dates for commits and tags relnotes makes, so two runs give the same SHAs. */
export const PINNED_DATES = { GIT_AUTHOR_DATE: "2026-03-01T12:00:00Z", GIT_COMMITTER_DATE: "2026-03-01T12:00:00Z" };

export interface Remote {
  /** The bare repository. */
  bare: string;
  /** One entry per push the remote received: the refs it updated, in order. */
  pushes(): string[][];
  /** The remote's refs: name → object. */
  refs(): Map<string, string>;
  git(...args: string[]): string;
}

/**
 * A bare repository with a post-receive hook that appends one line per push
 * (the refs updated by that push) to a log, so tests can count tags per push.
 */
export function bareRemote(dir = tempDir("rn-remote-")): Remote {
  const bare = join(dir, "remote.git");
  gitIn(dir, ["init", "-q", "--bare", "-b", "main", bare]);
  const log = join(dir, "pushes.log");
  writeFileSync(
    join(bare, "hooks", "post-receive"),
    `#!/bin/sh\nrefs=""\nwhile read old new ref; do refs="$refs $ref"; done\necho "$refs" >> '${log}'\n`,
  );
  chmodSync(join(bare, "hooks", "post-receive"), 0o755);
  return {
    bare,
    pushes: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter((l) => l.trim())
            .map((l) => l.trim().split(" "))
        : [],
    refs: () => {
      const out = gitIn(bare, ["for-each-ref", "--format=%(refname) %(objectname)"]);
      return new Map(
        out
          .split("\n")
          .filter(Boolean)
          .map((l) => l.split(" ") as [string, string]),
      );
    },
    git: (...args) => gitIn(bare, args),
  };
}

export interface Released {
  work: TestRepo;
  remote: Remote;
  /** `nodeArgs` go before the CLI, e.g. killAfter(step) from test/helpers/kill-after.ts. */
  run(args: string[], env?: Record<string, string | undefined>, nodeArgs?: readonly string[]): CliResult;
  /** Without blocking the test process (needed when the loopback GitHub answers from it). */
  runAsync(args: string[], env?: Record<string, string | undefined>, nodeArgs?: readonly string[]): Promise<CliResult>;
  /** Everything observable: HEAD, work tree status, local and remote refs. */
  snapshot(): string;
  /** The local part of the snapshot only. */
  localSnapshot(): string;
}

/** A work repository built from `spec`, with `origin` a bare remote that has its branch and tags (pushes before this are not logged). */
export function releasedRepo(
  spec: RepoSpec,
  options: { url?: (bare: string) => string; remote?: Remote; dir?: string } = {},
): Released {
  const work = options.dir ? repo(spec, options.dir) : repo(spec);
  const remote = options.remote ?? bareRemote();
  work.git("remote", "add", "origin", options.url ? options.url(remote.bare) : remote.bare);
  gitIn(work.dir, ["push", "-q", remote.bare, "--mirror"]);
  // The initial mirror push is setup, not something relnotes did.
  const log = join(remote.bare, "..", "pushes.log");
  if (existsSync(log)) writeFileSync(log, "");
  work.git("fetch", "-q", "origin");
  work.git("branch", "--set-upstream-to=origin/main", "main");
  const local = () =>
    [
      `HEAD ${work.git("rev-parse", "HEAD").trim()} ${work.git("rev-parse", "--symbolic-full-name", "HEAD").trim()}`,
      `status ${work.git("status", "--porcelain", "--untracked-files=no")}`,
      `files ${work.git("ls-files", "-s")}`,
      `local ${work.git("for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags")}`,
    ].join("\n");
  return {
    work,
    remote,
    run: (args, env = {}, nodeArgs = []) => relnotes(work.dir, args, { ...PINNED_DATES, ...env }, undefined, nodeArgs),
    runAsync: (args, env = {}, nodeArgs = []) =>
      relnotesAsync(work.dir, args, { ...PINNED_DATES, ...env }, { nodeArgs }),
    snapshot: () => `${local()}\nremote ${[...remote.refs()].map(([r, o]) => `${r} ${o}`).join("\n")}`,
    localSnapshot: local,
  };
}

/** cliff.config.json for a monorepo of `names`, each under svc/<name>/, with no changelog files. */
export function servicesConfig(names: string[], extra: object = {}, overrides: Record<string, object> = {}): string {
  const services = Object.fromEntries(names.map((n) => [n, { paths: [`svc/${n}/`], ...overrides[n] }]));
  return JSON.stringify({ services, github: { owner: "acme", repo: "widgets", release: false }, ...extra }, null, 2);
}

export function stateFile(work: TestRepo): string {
  return join(work.dir, ".git", "relnotes", "release.json");
}

/** A monorepo (api, vault) released before as v1.2.0 / v0.4.0, with new commits for both; api has a changelog file. */
export function apiVaultSpec(extra: object = {}): RepoSpec {
  return {
    files: {
      "cliff.config.json": servicesConfig(["api", "vault"], extra, { api: { changelog: "svc/api/CHANGELOG.md" } }),
    },
    commits: [
      {
        message: "feat: initial",
        files: { "svc/api/main.go": "v1\n", "svc/vault/main.go": "v1\n", "svc/api/VERSION": "1.2.0\n" },
        annotated: ["api/v1.2.0", "vault/v0.4.0"],
      },
      { message: "feat(api): add key rotation (#41)", files: { "svc/api/main.go": "v2\n" } },
      { message: "fix(vault): seal on shutdown (#43)", files: { "svc/vault/main.go": "v2\n" } },
    ],
  };
}

/** A second clone of the remote, for "someone else" pushing. */
export function otherClone(remote: Remote): string {
  const dir = tempDir("rn-other-");
  gitIn(dir, ["clone", "-q", remote.bare, "clone"]);
  return join(dir, "clone");
}
