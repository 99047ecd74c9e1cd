import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatBlock, releaseBlock } from "../../src/release/pr/block.js";
import { writeReleaseBranch } from "../../src/release/pr/branch.js";
import { planRelease } from "../../src/release/planners.js";
import { openRenderSession } from "../../src/render/render.js";
import { otherClone, releasedRepo, type Released } from "../bump/setup.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { gitIn, type RepoSpec } from "../helpers/repo.js";

export const TOKEN = "ghs_tagMergedTestToken12";
export const PENDING = "autorelease: pending";
export const TAGGED = "autorelease: tagged";

export interface Setup {
  r: Released;
  github: FakeGitHub;
  env: Record<string, string>;
}

/**
 * api (a changelog, package.json) and vault (no changelog, a VERSION file), released before as
 * api/v1.2.0 and vault/v0.4.0, with a feature for api and a fix for vault since.
 */
function spec(extra: object): RepoSpec {
  const config = {
    services: {
      api: {
        paths: ["svc/api/"],
        changelog: "svc/api/CHANGELOG.md",
        manifests: [{ path: "svc/api/package.json" }],
      },
      vault: { paths: ["svc/vault/"], manifests: [{ path: "svc/vault/VERSION" }] },
    },
    github: { owner: "acme", repo: "widgets" },
    ...extra,
  };
  return {
    files: { "cliff.config.json": `${JSON.stringify(config, null, 2)}\n` },
    commits: [
      {
        message: "feat: initial",
        files: {
          "svc/api/main.go": "v1\n",
          "svc/api/package.json": '{\n  "name": "api",\n  "version": "1.2.0"\n}\n',
          "svc/api/CHANGELOG.md": "# Changelog\n\n## [1.2.0] - 2026-01-01\n\n### Features\n\n- initial\n",
          "svc/vault/main.go": "v1\n",
          "svc/vault/VERSION": "0.4.0\n",
        },
        annotated: ["api/v1.2.0", "vault/v0.4.0"],
      },
      { message: "feat(api): add key rotation (#41)", files: { "svc/api/main.go": "v2\n" } },
      { message: "fix(vault): seal on shutdown (#43)", files: { "svc/vault/main.go": "v2\n" } },
    ],
  };
}

/** The repository with a remote whose main refuses every push (a protected branch), and a loopback GitHub. */
export async function protectedSetup(servers: FakeGitHub[], extra: object = {}): Promise<Setup> {
  let remote: Released["remote"] | null = null;
  const github = await startFakeGitHub({
    token: TOKEN,
    branchTip: (branch) => remote?.refs().get(`refs/heads/${branch}`) ?? null,
  });
  servers.push(github);
  const r = releasedRepo(spec(extra));
  remote = r.remote;
  const hook = join(r.remote.bare, "hooks", "pre-receive");
  writeFileSync(
    hook,
    '#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = refs/heads/main ]; then echo "main is protected: open a ' +
      'pull request"; exit 1; fi\ndone\n',
  );
  chmodSync(hook, 0o755);
  // The release commit is made in this process (as relnotes pr would), with the clone's identity.
  r.work.git("config", "user.name", "Release Bot");
  r.work.git("config", "user.email", "bot@example.com");
  return {
    r,
    github,
    env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "1" },
  };
}

/**
 * What `relnotes pr` leaves: the release commit on relnotes/release (pushed to the remote) and an open
 * pull request labelled "autorelease: pending" whose description carries the block. Returns its number.
 */
export async function openReleasePullRequest(s: Setup): Promise<number> {
  const session = await openRenderSession(s.r.work.dir, {
    emit: () => {},
    env: { ...process.env, SOURCE_DATE_EPOCH: "1772366400" },
  });
  const plan = await planRelease(session, { services: [], versions: new Map() });
  const written = await writeReleaseBranch(session, plan, []);
  const base = s.r.remote.git("rev-parse", "refs/heads/main").trim();
  const block = releaseBlock(plan, { branch: written.branch, base, commit: written.commit });
  const pr = s.github.store.createPullRequest({
    head: written.branch,
    base: "main",
    title: "chore(release): api v1.3.0, vault v0.4.1",
    body: `## api 1.3.0\n\n${plan.releases[0]!.notes}\n${formatBlock(block)}\n`,
  });
  s.github.store.addLabels(pr, [PENDING]);
  return pr.number;
}

/** A reviewer's commit on the release branch (from another clone): `edit` rewrites one file. */
export function editReleaseBranch(s: Setup, path: string, edit: (text: string) => string): void {
  const clone = otherClone(s.r.remote);
  const git = (...args: string[]) => gitIn(clone, args);
  git("checkout", "-q", "relnotes/release");
  const file = join(clone, path);
  writeFileSync(file, edit(git("show", `HEAD:${path}`)));
  git("commit", "-q", "-am", "docs: reword the release notes");
  git("push", "-q", "origin", "relnotes/release");
}

/**
 * Merge the release pull request on the remote as GitHub does (the hook refuses pushes to main, the forge
 * does not push): a squash is one commit with the release branch's tree on main's tip, a merge commit has
 * the release branch as its second parent. The loopback GitHub then marks the pull request merged, and the
 * work clone pulls. Returns the commit the merge left on main.
 */
export function squashMerge(s: Setup, number: number, how: "squash" | "merge" = "squash"): string {
  const bare = (...args: string[]) => s.r.remote.git(...args);
  const main = bare("rev-parse", "refs/heads/main").trim();
  const release = bare("rev-parse", "refs/heads/relnotes/release").trim();
  const tree = bare("rev-parse", `${release}^{tree}`).trim();
  const merge = bare(
    "commit-tree",
    tree,
    "-p",
    main,
    ...(how === "merge" ? ["-p", release] : []),
    "-m",
    how === "merge"
      ? `Merge pull request #${number} from acme/relnotes/release`
      : `chore(release): api v1.3.0, vault v0.4.1 (#${number})`,
  ).trim();
  bare("update-ref", "refs/heads/main", merge, main);
  s.github.store.mergePullRequest(number, { mergeCommit: merge });
  s.r.work.git("pull", "-q", "--ff-only", "origin", "main");
  return merge;
}

/** A commit someone else's pull request left on the remote's main after the release was merged. */
export function mergeAnother(s: Setup, path: string, text: string): string {
  const clone = otherClone(s.r.remote);
  writeFileSync(join(clone, path), text);
  gitIn(clone, ["add", path]);
  gitIn(clone, ["commit", "-q", "-m", "feat(api): after the release"]);
  const sha = gitIn(clone, ["rev-parse", "HEAD"]).trim();
  gitIn(clone, ["push", "-q", "origin", "HEAD:refs/heads/merging"]);
  s.r.remote.git("update-ref", "refs/heads/main", sha);
  s.r.remote.git("update-ref", "-d", "refs/heads/merging");
  s.r.work.git("pull", "-q", "--ff-only", "origin", "main");
  return sha;
}
