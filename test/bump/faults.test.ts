import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { dirname, join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp, tempDir } from "../helpers/repo.js";
import { startGitDaemon, type GitDaemon } from "./daemon.js";
import { apiVaultSpec, bareRemote, releasedRepo, stateFile } from "./setup.js";

const TOKEN = "ghp_faultsTestToken0123456789abcdefABCD";
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});
afterAll(cleanupTemp);

interface HangingProxy {
  /** git:// URL of `bare` directly (for setup: synchronous git would block the proxy, which lives in this process). */
  direct(bare: string): string;
  /** The same through the proxy; only for relnotes run asynchronously. */
  url(bare: string): string;
  /** From now on, connections are accepted and never answered. */
  hang(): void;
  /** Answer again. */
  recover(): void;
  /** File whose existence makes the proxy hang (a hook can create it mid-release). */
  flag: string;
}

/** A TCP proxy in front of a git daemon that, on demand, accepts connections and never answers. */
async function hangingGitRemote(base: string): Promise<HangingProxy> {
  const daemon: GitDaemon = await startGitDaemon(base);
  const flag = join(tempDir("rn-flag-"), "hang");
  const held = new Set<Socket>();
  let upstreamPort = 0;
  const server: Server = createServer((client) => {
    if (existsSync(flag)) {
      held.add(client);
      client.on("error", () => {});
      client.on("close", () => held.delete(client));
      return;
    }
    const upstream = connect(upstreamPort, "127.0.0.1");
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  stops.push(async () => {
    for (const s of held) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await daemon.stop();
  });
  const direct = (bare: string) => {
    const url = daemon.url(bare);
    upstreamPort = Number(/:(\d+)\//.exec(url)![1]);
    return url;
  };
  return {
    direct,
    url: (bare) => direct(bare).replace(`:${upstreamPort}/`, `:${port}/`),
    hang: () => writeFileSync(flag, ""),
    recover: () => rmSync(flag, { force: true }),
    flag,
  };
}

async function github(): Promise<FakeGitHub> {
  const g = await startFakeGitHub({ token: TOKEN });
  stops.push(() => g.close());
  return g;
}

const githubEnv = (g: FakeGitHub) => ({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: g.url, RELNOTES_GITHUB_RETRY_MS: "1" });

describe("a remote that never answers", () => {
  it("from the start: bump stops at the fetch within timeouts.network, before writing anything", async () => {
    const remote = bareRemote();
    const proxy = await hangingGitRemote(dirname(remote.bare));
    const r = releasedRepo(apiVaultSpec({ timeouts: { network: 1 } }), { remote, url: (bare) => proxy.direct(bare) });
    r.work.git("remote", "set-url", "origin", proxy.url(remote.bare));
    const before = r.snapshot();
    proxy.hang();
    const started = Date.now();
    const res = await r.runAsync(["bump", "api", "--yes"]);
    const took = Date.now() - started;
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /git ls-remote --heads --tags --end-of-options origin got no answer within 1 s and was stopped/,
    );
    expect(res.stderr).toContain("raise timeouts.network");
    expect(took).toBeLessThan(30_000);
    proxy.recover();
    expect(r.snapshot()).toBe(before);
    expect(existsSync(stateFile(r.work))).toBe(false);
  });

  it("mid-release: the push step times out, the journal is kept, and --resume completes it once the remote answers", async () => {
    const remote = bareRemote();
    const proxy = await hangingGitRemote(dirname(remote.bare));
    // The hook runs after the pre-flight and before the pushes: the remote stops answering then.
    const r = releasedRepo(
      apiVaultSpec({ timeouts: { network: 1 }, hooks: { beforeCommit: [["sh", "-c", `: > '${proxy.flag}'`]] } }),
      { remote, url: (bare) => proxy.direct(bare) },
    );
    r.work.git("remote", "set-url", "origin", proxy.url(remote.bare));
    const started = Date.now();
    const res = await r.runAsync(["bump", "api", "vault", "--yes"]);
    const took = Date.now() - started;
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /error: push the release commit to origin\/main: git ls-remote .* got no answer within 1 s and was stopped/,
    );
    expect(res.stderr).toMatch(
      /The release is saved \(5 of 8 steps done\): once the remote or GitHub answers again, relnotes bump --resume completes it/,
    );
    expect(took).toBeLessThan(30_000);
    expect(existsSync(stateFile(r.work))).toBe(true);
    expect(remote.pushes()).toEqual([]);

    proxy.recover();
    const resumed = await r.runAsync(["bump", "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"], ["refs/tags/vault/v0.4.1"]]);
    expect(existsSync(stateFile(r.work))).toBe(false);
  });
});

describe("SSH remotes get connect and keep-alive timeouts", () => {
  /** A fake `ssh` first on PATH: records its arguments, then fails like a refused connection. */
  function fakeSsh(): { path: string; args(): string } {
    const bin = tempDir("rn-ssh-");
    const log = join(bin, "args");
    writeFileSync(
      join(bin, "ssh"),
      `#!/bin/sh\necho "$@" >> '${log}'\necho "ssh: connect to host 127.0.0.1 port 1: Connection refused" >&2\nexit 255\n`,
      { mode: 0o755 },
    );
    return { path: `${bin}:${process.env.PATH}`, args: () => (existsSync(log) ? readFileSync(log, "utf8") : "") };
  }

  it("relnotes' own ssh command has ConnectTimeout and ServerAlive settings from timeouts.network; git's whole reason is kept", async () => {
    const ssh = fakeSsh();
    const r = releasedRepo(apiVaultSpec({ timeouts: { network: 6 } }));
    r.work.git("remote", "set-url", "origin", "ssh://git@127.0.0.1:1/acme/widgets.git");
    const res = await r.runAsync(["bump", "api", "--yes"], {
      PATH: ssh.path,
      GIT_SSH_COMMAND: undefined,
      GIT_SSH: undefined,
    });
    expect(res.code).toBe(1);
    expect(ssh.args()).toMatch(
      /^-o ConnectTimeout=6 -o ServerAliveInterval=2 -o ServerAliveCountMax=3 .*git@127\.0\.0\.1/m,
    );
    expect(res.stderr).toMatch(
      /cannot read the refs of remote "origin": ssh: connect to host 127\.0\.0\.1 port 1: Connection refused \/ fatal: Could not read from remote repository\./,
    );
  });

  it("a user's core.sshCommand is left alone", async () => {
    const ssh = fakeSsh();
    const r = releasedRepo(apiVaultSpec());
    r.work.git("remote", "set-url", "origin", "ssh://git@127.0.0.1:1/acme/widgets.git");
    r.work.git("config", "core.sshCommand", "ssh -o BatchMode=yes");
    const res = await r.runAsync(["bump", "api", "--yes"], {
      PATH: ssh.path,
      GIT_SSH_COMMAND: undefined,
      GIT_SSH: undefined,
    });
    expect(res.code).toBe(1);
    expect(ssh.args()).toContain("-o BatchMode=yes");
    expect(ssh.args()).not.toContain("ConnectTimeout");
  });
});

describe("a GitHub API that never answers", () => {
  it("at the pre-flight: bump stops within the timeout budget, before writing anything", async () => {
    const g = await github();
    g.fail({ fault: { kind: "hang" }, times: Infinity });
    const r = releasedRepo(
      apiVaultSpec({ github: { owner: "acme", repo: "widgets", release: "publish" }, timeouts: { github: 0.5 } }),
    );
    const before = r.snapshot();
    const started = Date.now();
    const res = await r.runAsync(["bump", "vault", "--yes"], githubEnv(g));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      `GitHub at ${g.url} did not answer within 1.5 s while reading the repository acme/widgets`,
    );
    expect(res.stderr).toContain("nothing was written");
    expect(r.snapshot()).toBe(before);
    expect(r.remote.pushes()).toEqual([]);
  });

  it("at the release step: the step times out with the journal kept; --resume makes exactly one release per tag", async () => {
    const g = await github();
    // 2 s, not less: GitHub's client spaces writes a second apart, and that wait counts against the budget (3 × 2 s).
    const r = releasedRepo(
      apiVaultSpec({ github: { owner: "acme", repo: "widgets", release: "draft" }, timeouts: { github: 2 } }),
    );
    g.fail({ fault: { kind: "hang" }, method: "POST", times: Infinity });
    const started = Date.now();
    const res = await r.runAsync(["bump", "api", "vault", "--yes"], githubEnv(g));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /error: GitHub release for api\/v1\.3\.0: GitHub at \S+ did not answer within [26] s while creating the release for api\/v1\.3\.0/,
    );
    expect(res.stderr).toContain("relnotes bump --resume completes it");
    expect(existsSync(stateFile(r.work))).toBe(true);
    expect(g.store.list()).toEqual([]);

    g.clearFaults();
    const resumed = await r.runAsync(["bump", "--resume"], githubEnv(g));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(
      g.store
        .list()
        .map((x) => `${x.tag_name} draft=${x.draft}`)
        .sort(),
    ).toEqual(["api/v1.3.0 draft=true", "vault/v0.4.1 draft=true"]);
    expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"], ["refs/tags/vault/v0.4.1"]]);
    expect(g.violations).toEqual([]);
  });
});

describe("a hook that never ends", () => {
  it("is stopped at timeouts.hooks; the files are restored and nothing is committed", async () => {
    const r = releasedRepo(apiVaultSpec({ timeouts: { hooks: 1 }, hooks: { beforeCommit: [["sleep", "60"]] } }));
    const before = r.snapshot();
    const started = Date.now();
    const res = await r.runAsync(["bump", "api", "--yes"]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'hook ["sleep","60"] did not finish within 1 s and was stopped; the release stopped and the files were restored',
    );
    expect(r.snapshot()).toBe(before);
    expect(existsSync(join(r.work.dir, "svc/api/CHANGELOG.md"))).toBe(false);
  });
});
