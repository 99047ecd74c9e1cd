import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import {
  checkReleaseBranch,
  releaseBranchName,
  targetBranch,
  writeReleaseBranch,
} from "../../src/release/pr/branch.js";
import { planRelease } from "../../src/release/planners.js";
import { openRenderSession } from "../../src/render/render.js";
import { otherClone, type Released } from "../bump/setup.js";
import { cleanupTemp, gitIn } from "../helpers/repo.js";
import { gpgKey, useSigningKey, type GpgKey } from "../helpers/signing.js";
import { localState, mergeOnRemote, protectedRepo } from "./setup.js";

const keys: GpgKey[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(() => {
  for (const k of keys) k.dispose();
  cleanupTemp();
});

const RELEASE_REF = "refs/heads/relnotes/release";

async function release(r: Released, services: string[] = []) {
  const session = await openRenderSession(r.work.dir, {
    emit: () => {},
    env: { ...process.env, SOURCE_DATE_EPOCH: "1772366400" },
  });
  const plan = await planRelease(session, { services, versions: new Map() });
  return { plan, result: await writeReleaseBranch(session, plan, services) };
}

describe("release branch name", () => {
  it("is relnotes/release for all services, relnotes/release-<service> for one", () => {
    expect(releaseBranchName([])).toBe("relnotes/release");
    expect(releaseBranchName(["api", "vault"])).toBe("relnotes/release");
    expect(releaseBranchName(["api"])).toBe("relnotes/release-api");
  });

  it("is refused when a stable branch glob matches it", () => {
    expect(() => checkReleaseBranch("relnotes/release", ["main", "relnotes/*"])).toThrow(
      /relnotes\/release matches branches.stable \(main, relnotes\/\*\)/,
    );
    expect(() => checkReleaseBranch("relnotes/release-api", ["main", "hotfix/*"])).not.toThrow();
  });

  it("goes to the current stable branch, else the one literal stable branch", () => {
    expect(targetBranch("hotfix/1.2", ["main", "hotfix/*"])).toBe("hotfix/1.2");
    expect(targetBranch("feature/x", ["main", "hotfix/*"])).toBe("main");
    expect(() => targetBranch(null, ["main", "trunk"])).toThrow(/cannot tell which stable branch/);
  });
});

describe("the release branch is written with git plumbing", () => {
  it("commits exactly the planned files on the remote's main, pushes past a protected main, touches nothing local", async () => {
    const r = protectedRepo();
    // The remote really refuses direct pushes to main.
    expect(() => r.work.git("push", "origin", "+HEAD~1:refs/heads/main")).toThrow(/main is protected/);
    const before = localState(r.work.dir);
    const mainBefore = r.remote.refs().get("refs/heads/main");

    const { plan, result } = await release(r);
    expect(plan.files.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ branch: "relnotes/release", stable: "main", base: mainBefore, pushed: true });
    expect(r.remote.refs().get(RELEASE_REF)).toBe(result.commit);
    expect(r.remote.refs().get("refs/heads/main")).toBe(mainBefore);
    expect(localState(r.work.dir)).toBe(before);

    const remote = (...args: string[]) => r.remote.git(...args);
    expect(remote("rev-parse", `${result.commit}^@`).trim()).toBe(mainBefore);
    const changed = remote("diff-tree", "--no-commit-id", "--name-only", "-r", mainBefore!, result.commit)
      .trim()
      .split("\n")
      .sort();
    expect(changed).toEqual(plan.files.map((f) => f.path).sort());
    for (const f of plan.files) expect(remote("cat-file", "blob", `${result.commit}:${f.path}`)).toBe(f.after);
    const raw = remote("cat-file", "commit", result.commit);
    expect(raw).toContain("chore(release): api v1.3.0, vault v0.4.1");
    expect(raw).not.toContain("gpgsig");
    // The local release branch records what was pushed (the lease of the next run).
    expect(r.work.git("rev-parse", RELEASE_REF).trim()).toBe(result.commit);

    // Again with the same plan: the same commit, no push.
    const pushes = r.remote.pushes().length;
    const again = await release(r);
    expect(again.result).toEqual({
      branch: "relnotes/release",
      commit: result.commit,
      stable: "main",
      base: mainBefore,
      pushed: false,
    });
    expect(r.remote.pushes().length).toBe(pushes);
    expect(localState(r.work.dir)).toBe(before);
  });

  it("one named service gets its own branch, with only its files", async () => {
    const r = protectedRepo();
    const { plan, result } = await release(r, ["api"]);
    expect(result.branch).toBe("relnotes/release-api");
    expect(r.remote.refs().get("refs/heads/relnotes/release-api")).toBe(result.commit);
    expect(r.remote.git("cat-file", "commit", result.commit)).toContain("chore(release): api v1.3.0\n");
    for (const f of plan.files) expect(f.path.startsWith("svc/api/")).toBe(true);
  });

  it("refuses to replace commits someone else pushed to the release branch, and says how to let it", async () => {
    const r = protectedRepo();
    const first = await release(r);
    const other = otherClone(r.remote);
    gitIn(other, ["checkout", "-q", "relnotes/release"]);
    writeFileSync(join(other, "svc/api/CHANGELOG.md"), "hand-edited notes\n");
    gitIn(other, ["commit", "-q", "-am", "docs: better notes"]);
    gitIn(other, ["push", "-q", "origin", "relnotes/release"]);
    const theirs = r.remote.refs().get(RELEASE_REF);

    const refused = release(r);
    await expect(refused).rejects.toThrow(
      "the release branch relnotes/release on origin has commits relnotes did not make",
    );
    await expect(refused).rejects.toMatchObject({
      hint: expect.stringContaining("git fetch origin +refs/heads/relnotes/release:refs/heads/relnotes/release"),
    });
    expect(r.remote.refs().get(RELEASE_REF)).toBe(theirs);

    // A fresh clone (no local release branch) refuses too: their commit is not a release commit on main.
    r.work.git("update-ref", "-d", RELEASE_REF);
    await expect(release(r)).rejects.toThrow("has commits relnotes did not make");
    expect(r.remote.refs().get(RELEASE_REF)).toBe(theirs);

    // The hint's command, then relnotes replaces the branch.
    r.work.git("fetch", "-q", "origin", "+refs/heads/relnotes/release:refs/heads/relnotes/release");
    const replaced = await release(r);
    expect(replaced.result.pushed).toBe(true);
    expect(replaced.result.commit).not.toBe(theirs);
    expect(r.remote.git("rev-parse", `${RELEASE_REF}^{tree}`)).toBe(
      r.remote.git("rev-parse", `${first.result.commit}^{tree}`),
    );
  });

  it("a fresh clone replaces the previous run's release commit when main moved", async () => {
    const r = protectedRepo();
    const first = await release(r);
    // main moves on the remote (a merged pull request), seen from a clone without the local release branch.
    const other = otherClone(r.remote);
    writeFileSync(join(other, "svc/api/main.go"), "v3\n");
    gitIn(other, ["commit", "-q", "-am", "feat(api): more"]);
    const moved = mergeOnRemote(r, other);
    r.work.git("update-ref", "-d", RELEASE_REF);
    r.work.git("fetch", "-q", "origin");
    r.work.git("reset", "-q", "--hard", "origin/main");
    const { result } = await release(r);
    expect(result.pushed).toBe(true);
    expect(result.commit).not.toBe(first.result.commit);
    expect(result.base).toBe(moved);
    expect(r.remote.git("rev-parse", `${result.commit}^`).trim()).toBe(moved);
  });

  it("refuses when the remote's main holds other text in a planned file than the plan was made from", async () => {
    const r = protectedRepo();
    const other = otherClone(r.remote);
    writeFileSync(join(other, "svc/api/CHANGELOG.md"), "someone's changelog\n");
    gitIn(other, ["add", "svc/api/CHANGELOG.md"]);
    gitIn(other, ["commit", "-q", "-m", "docs: changelog"]);
    mergeOnRemote(r, other);
    await expect(release(r)).rejects.toThrow(
      /svc\/api\/CHANGELOG.md on origin\/main \([0-9a-f]{12}\) differs from the text the release was planned from/,
    );
    expect(r.remote.refs().has(RELEASE_REF)).toBe(false);
  });

  it("signs the release commit when the repository signs its commits", async () => {
    const r = protectedRepo();
    const key = gpgKey();
    keys.push(key);
    useSigningKey(r.work.dir, key);
    r.work.git("config", "commit.gpgSign", "true");
    vi.stubEnv("GNUPGHOME", key.home);
    const { result } = await release(r);
    expect(r.remote.git("cat-file", "commit", result.commit)).toContain("-----BEGIN PGP SIGNATURE-----");
    const verified = gitIn(r.work.dir, ["verify-commit", "--raw", result.commit], undefined, key.env);
    expect(verified).toBe("");
    expect(() => gitIn(r.work.dir, ["verify-commit", result.commit], undefined, key.env)).not.toThrow();
  });
});
