import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp, commit, gitIn, writeFiles } from "../helpers/repo.js";
import { apiVaultSpec, otherClone, releasedRepo, servicesConfig, type Released } from "./setup.js";

const TOKEN = "ghp_preflightTestToken0123456789abcdef";
const READ_ONLY = "ghp_readOnlyTestToken0123456789abcdef";
const servers: FakeGitHub[] = [];
// afterAll, not afterEach: the refusal cases run concurrently.
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  cleanupTemp();
});

interface Case {
  name: string;
  /** Config beyond apiVaultSpec's (github.release is false unless set). */
  config?: object;
  /** Put the repository in the state the real run must refuse. */
  arrange?(r: Released): void;
  /** What to release. */
  args: string[];
  env?(github: FakeGitHub): Record<string, string>;
  /** The refusal, as both runs print it. */
  says: string | RegExp;
}

const githubOn = { github: { owner: "acme", repo: "widgets", release: "publish" } };
const api = (github: FakeGitHub) => ({ GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "1" });

const CASES: Case[] = [
  {
    name: "uncommitted changes",
    arrange: (r) => writeFiles(r.work.dir, { "svc/vault/main.go": "edited\n" }),
    args: ["vault"],
    says: "the work tree has uncommitted changes (svc/vault/main.go)",
  },
  {
    name: "a detached HEAD",
    arrange: (r) => r.work.git("checkout", "-q", "--detach"),
    args: ["api"],
    says: "HEAD is detached",
  },
  {
    name: "a stable release off the stable branch",
    arrange: (r) => {
      r.work.git("checkout", "-q", "-b", "feature/keys");
      commit(r.work.dir, "feat(vault): key cache", { "svc/vault/keys.go": "wip\n" });
    },
    args: ["vault"],
    says: /HEAD \(\w{7} on feature\/keys\) is not reachable from origin\/main/,
  },
  {
    name: "unpushed commits",
    arrange: (r) => void commit(r.work.dir, "fix(api): local only", { "svc/api/x.go": "x\n" }),
    args: ["api"],
    says: "main has commits that are not on origin/main",
  },
  {
    name: "a branch behind its remote",
    arrange: (r) => {
      const other = otherClone(r.remote);
      commit(other, "fix(vault): theirs", { "svc/vault/theirs.go": "x\n" });
      gitIn(other, ["push", "-q", "origin", "main"]);
    },
    args: ["api"],
    says: /main is behind origin\/main \(\w{7}\): pull first \(git pull --ff-only origin main\)/,
  },
  {
    name: "a tag name git refuses",
    config: { tag: { format: "{service} v{version}" } },
    args: ["vault@v0.4.1"],
    says: '"vault v0.4.1" is not a valid git tag name',
  },
  {
    name: "a tag name read as an option",
    config: { tag: { format: "-m{service}-v{version}" } },
    args: ["vault@v0.4.1"],
    says: 'tag name "-mvault-v0.4.1" starts with "-"',
  },
  {
    name: "a tag name ending in .lock",
    config: { tag: { format: "{service}/v{version}.lock" } },
    args: ["vault@v0.4.1"],
    says: '"vault/v0.4.1.lock" is not a valid git tag name',
  },
  {
    name: "no git identity",
    args: ["api"],
    env: () => ({
      GIT_AUTHOR_NAME: "",
      GIT_COMMITTER_NAME: "",
      GIT_AUTHOR_EMAIL: "",
      GIT_COMMITTER_EMAIL: "",
      EMAIL: "",
    }),
    says: "git has no identity to make the release commit and tags with",
  },
  {
    name: "a signing key that cannot sign",
    config: { tag: { sign: "ssh" } },
    arrange: (r) => r.work.git("config", "user.signingkey", join(r.work.dir, "no-such-key.pub")),
    args: ["vault"],
    says: "signing with SSH failed",
  },
  {
    name: "a remote that cannot be pushed to",
    arrange: (r) => r.work.git("remote", "set-url", "--push", "origin", join(r.remote.bare, "..", "gone.git")),
    args: ["vault"],
    says: "origin cannot be pushed to (git push --dry-run origin failed:",
  },
  {
    name: "GitHub releases on, no token",
    config: githubOn,
    args: ["vault"],
    env: api,
    says: 'GitHub releases are on (github.release: "publish") but there is no token',
  },
  {
    name: "GitHub releases on, a bad token",
    config: githubOn,
    args: ["vault"],
    env: (g) => ({ ...api(g), GITHUB_TOKEN: "ghp_wrongToken0000000000000000000000" }),
    says: "GitHub rejected the token while reading the repository acme/widgets (401 Bad credentials)",
  },
  {
    name: "GitHub releases on, a read-only token",
    config: githubOn,
    args: ["vault"],
    env: (g) => ({ ...api(g), GITHUB_TOKEN: READ_ONLY }),
    says: "the GitHub token can read acme/widgets but not write to it",
  },
];

describe.concurrent("every refusal of bump is reported by --dry-run first, and the real run stops before the first write", () => {
  for (const c of CASES) {
    it(c.name, async ({ expect }) => {
      const github = await startFakeGitHub({ token: TOKEN, readOnlyToken: READ_ONLY });
      servers.push(github);
      const r = releasedRepo(apiVaultSpec(c.config ?? {}));
      c.arrange?.(r);
      const env = c.env?.(github) ?? {};
      const before = r.snapshot();
      const pushes = r.remote.pushes().length;

      const dry = await r.runAsync(["bump", ...c.args, "--dry-run"], env);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stderr).toContain("Dry run: nothing was written. The real run would be refused:");
      const refusal = dry.stderr.split("\n").find((l) => l.startsWith("  - would be refused: "));
      expect(refusal, dry.stderr).toBeDefined();
      if (typeof c.says === "string") expect(dry.stderr).toContain(`would be refused: ${c.says}`);
      else expect(dry.stderr).toMatch(new RegExp(`would be refused: ${c.says.source}`));

      const real = await r.runAsync(["bump", ...c.args, "--yes"], env);
      expect(real.code).toBe(1);
      expect(real.stderr).toContain("nothing was written");
      if (typeof c.says === "string") expect(real.stderr).toContain(c.says);
      else expect(real.stderr).toMatch(c.says);
      // The same list: every problem the dry run named, the real run names.
      const listed = (text: string) =>
        text
          .split("\n")
          .filter((l) => l.startsWith("  - "))
          .map((l) => l.replace("  - would be refused: ", "  - "));
      expect(listed(real.stderr)).toEqual(listed(dry.stderr));

      // Nothing written: files, refs, remote; no GitHub write; no token in the output.
      const after = r.snapshot();
      expect(after).toBe(before);
      expect(r.remote.pushes().length).toBe(pushes);
      expect(github.writes()).toEqual([]);
      expect(`${dry.stderr}${real.stderr}${real.stdout}`).not.toContain(TOKEN);
      expect(github.violations).toEqual([]);
    });
  }
});

describe("the remote's answer to the push dry run", () => {
  it("a branch behind its remote is a refused ref with its cause, not an unreachable remote", async () => {
    const r = releasedRepo(apiVaultSpec());
    const other = otherClone(r.remote);
    commit(other, "fix(vault): theirs", { "svc/vault/theirs.go": "x\n" });
    gitIn(other, ["push", "-q", "origin", "main"]);
    // api has a release commit to push, so the branch is in the dry run.
    const dry = await r.runAsync(["bump", "api", "--dry-run"]);
    expect(dry.stderr).toContain(
      "would be refused: origin would refuse refs/heads/main ([rejected] (non-fast-forward)): it moved on; pull first",
    );
    expect(dry.stderr).not.toContain("cannot be pushed to");
  });
});

describe("refused by planning itself", () => {
  it("a planned tag that exists locally: --dry-run and the real run stop with the same error", async () => {
    const r = releasedRepo(apiVaultSpec());
    r.work.git("tag", "vault/v0.4.1", r.work.git("commit-tree", "HEAD~2^{tree}", "-p", "HEAD~2", "-m", "side").trim());
    const before = r.snapshot();
    const dry = await r.runAsync(["bump", "vault", "--dry-run"]);
    const real = await r.runAsync(["bump", "vault", "--yes"]);
    expect(dry.code).toBe(1);
    expect(real.code).toBe(1);
    const error = (text: string) => text.split("\n").filter((l) => l.startsWith("error: ") || l.startsWith("hint: "));
    expect(error(dry.stderr)[0]).toContain("tag vault/v0.4.1 already exists");
    expect(error(real.stderr)).toEqual(error(dry.stderr));
    expect(r.snapshot()).toBe(before);
  });
});

describe("pre-flight passes", () => {
  it("a clean repository: --dry-run says every check passed, exit 0; GitHub was asked once, read-only", async () => {
    const github = await startFakeGitHub({ token: TOKEN });
    servers.push(github);
    const r = releasedRepo(apiVaultSpec(githubOn));
    const dry = await r.runAsync(["bump", "vault", "--dry-run"], { ...api(github), GITHUB_TOKEN: TOKEN });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain("Dry run: nothing was written. Every check the real run makes before writing passed.");
    expect(github.requests.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual(["GET /repos/acme/widgets 200"]);
    expect(github.violations).toEqual([]);
  });

  it("a previous tag that exists only locally is named in a warning; the release goes ahead", async () => {
    const r = releasedRepo({
      files: { "cliff.config.json": servicesConfig(["vault"]) },
      commits: [
        { message: "feat: initial", files: { "svc/vault/main.go": "v1\n" }, annotated: ["vault/v0.4.0"] },
        { message: "fix(vault): seal on shutdown", files: { "svc/vault/main.go": "v2\n" } },
      ],
    });
    r.work.git("tag", "-a", "-m", "local", "vault/v0.4.1", "HEAD");
    commit(r.work.dir, "fix(vault): unseal faster", { "svc/vault/main.go": "v3\n" });
    r.work.git("push", "-q", "origin", "main");
    const res = await r.runAsync(["bump", "vault", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(
      "warning: the previous tag vault/v0.4.1 exists locally but not on origin: vault/v0.4.2's compare link and notes start from it; push it (git push origin refs/tags/vault/v0.4.1)",
    );
    expect(r.remote.pushes().slice(1)).toEqual([["refs/tags/vault/v0.4.2"]]);
  });

  it("--no-github releases without GitHub and says so; without it, a missing token is refused", async () => {
    const r = releasedRepo(apiVaultSpec(githubOn));
    const refused = await r.runAsync(["bump", "vault", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("or pass --no-github to release without GitHub releases");
    const res = await r.runAsync(["bump", "vault", "--yes", "--no-github"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("GitHub releases: none (github.release is false, or --no-github)");
    expect(r.remote.pushes()).toEqual([["refs/tags/vault/v0.4.1"]]);
  });
});
