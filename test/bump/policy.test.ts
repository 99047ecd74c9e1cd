import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupTemp, gitIn, writeFiles } from "../helpers/repo.js";
import { relnotes } from "../helpers/cli.js";
import { apiVaultSpec, otherClone, releasedRepo, stateFile } from "./setup.js";

afterAll(cleanupTemp);

describe("bump refuses before anything is written", () => {
  it("a stable bump on a feature branch is refused; --rc on the same branch is released", () => {
    const r = releasedRepo(apiVaultSpec());
    r.work.git("checkout", "-q", "-b", "feature/keys");
    writeFiles(r.work.dir, { "svc/vault/keys.go": "wip\n" });
    r.work.git("add", "-A");
    gitIn(r.work.dir, ["commit", "-q", "-m", "feat(vault): key cache"]);
    const before = r.snapshot();
    const refused = r.run(["bump", "vault", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("refusing to release vault/v0.5.0");
    expect(refused.stderr).toMatch(
      /HEAD \(\w{7} on feature\/keys\) is not reachable from origin\/main: stable tags must be on a stable branch.*--rc/,
    );
    expect(refused.stderr).toContain("nothing was written");
    expect(r.snapshot()).toBe(before);
    expect(existsSync(stateFile(r.work))).toBe(false);

    const rc = r.run(["bump", "vault", "--rc", "--yes"]);
    expect(rc.code, rc.stderr).toBe(0);
    expect(r.remote.git("rev-parse", "refs/tags/vault/v0.5.0-rc.1^{commit}").trim()).toBe(
      r.work.git("rev-parse", "HEAD").trim(),
    );
    expect(r.remote.pushes()).toEqual([["refs/tags/vault/v0.5.0-rc.1"]]);
  });

  it("with a changelog to commit, a stable bump off the stable branch is refused; the --rc (no changelog edit) tags HEAD", () => {
    const r = releasedRepo(apiVaultSpec());
    r.work.git("checkout", "-q", "-b", "feature/rotation");
    const before = r.snapshot();
    const refused = r.run(["bump", "api", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "the release commit would go to feature/rotation, which is not a stable branch (branches.stable: main)",
    );
    expect(r.snapshot()).toBe(before);

    const rc = r.run(["bump", "api", "--rc", "--yes"]);
    expect(rc.code, rc.stderr).toBe(0);
    const head = r.work.git("rev-parse", "HEAD").trim();
    expect(r.remote.pushes()).toEqual([["refs/tags/api/v1.3.0-rc.1"]]);
    expect(r.remote.git("rev-parse", "refs/tags/api/v1.3.0-rc.1^{commit}").trim()).toBe(head);
  });

  it("a hotfix/* branch matching branches.stable may take a stable release", () => {
    const r = releasedRepo(apiVaultSpec({ branches: { stable: ["main", "hotfix/*"] } }));
    r.work.git("checkout", "-q", "-b", "hotfix/1.2", "api/v1.2.0");
    writeFiles(r.work.dir, { "svc/api/fix.go": "fix\n" });
    r.work.git("add", "-A");
    gitIn(r.work.dir, ["commit", "-q", "-m", "fix(api): patch a leak"]);
    gitIn(r.work.dir, ["push", "-q", "origin", "hotfix/1.2"]);
    const res = r.run(["bump", "api", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(r.remote.pushes().slice(1)).toEqual([["refs/heads/hotfix/1.2"], ["refs/tags/api/v1.2.1"]]);
  });

  it("a dirty work tree is refused (untracked files are ignored); --allow-dirty releases", () => {
    const r = releasedRepo(apiVaultSpec());
    writeFiles(r.work.dir, { "svc/vault/main.go": "edited\n", "notes.txt": "untracked\n" });
    const before = r.snapshot();
    const refused = r.run(["bump", "vault", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "the work tree has uncommitted changes (svc/vault/main.go): commit or stash them, or pass --allow-dirty",
    );
    expect(refused.stderr).not.toContain("notes.txt");
    expect(r.snapshot()).toBe(before);
    expect(readFileSync(join(r.work.dir, "svc/vault/main.go"), "utf8")).toBe("edited\n");

    const allowed = r.run(["bump", "vault", "--yes", "--allow-dirty"]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(r.remote.pushes()).toEqual([["refs/tags/vault/v0.4.1"]]);
    expect(readFileSync(join(r.work.dir, "svc/vault/main.go"), "utf8")).toBe("edited\n");
  });

  it("an existing local tag is refused and left alone", () => {
    const r = releasedRepo(apiVaultSpec());
    // On a commit off the branch (e.g. a release from an abandoned branch), so the plan still picks 0.4.1.
    const side = r.work.git("commit-tree", "HEAD~2^{tree}", "-p", "HEAD~2", "-m", "side").trim();
    r.work.git("tag", "vault/v0.4.1", side);
    const before = r.snapshot();
    const res = r.run(["bump", "vault", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/tag vault\/v0\.4\.1 already exists/);
    expect(res.stderr).toMatch(/hint: .*relnotes bump vault --bump patch/);
    expect(r.snapshot()).toBe(before);
    expect(r.remote.pushes()).toEqual([]);
  });

  it("an existing remote tag is refused: found by the fetch, or by ls-remote with --no-fetch", () => {
    const r = releasedRepo(apiVaultSpec());
    const other = otherClone(r.remote);
    const side = gitIn(other, ["commit-tree", "HEAD~2^{tree}", "-p", "HEAD~2", "-m", "their side"]).trim();
    gitIn(other, ["tag", "-a", "-m", "theirs", "vault/v0.4.1", side]);
    gitIn(other, ["push", "-q", "origin", "vault/v0.4.1"]);
    const before = r.snapshot();
    const offline = r.run(["bump", "vault", "--yes", "--no-fetch"]);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain("tag vault/v0.4.1 already exists on origin");
    expect(offline.stderr).toContain("git fetch origin --tags");
    expect(r.snapshot()).toBe(before);

    const fetched = r.run(["bump", "vault", "--yes"]);
    expect(fetched.code).toBe(1);
    expect(fetched.stderr).toContain("tag vault/v0.4.1 already exists");
    expect(r.remote.pushes()).toEqual([["refs/tags/vault/v0.4.1"]]);
    // The fetch brought their tag in; nothing else changed.
    expect(r.localSnapshot()).toBe(
      before
        .split("\nremote ")[0]!
        .replace("refs/tags/api/v1.2.0", "refs/tags/api/v1.2.0")
        .replace(
          /(refs\/tags\/vault\/v0\.4\.0 \w+)/,
          `$1\nrefs/tags/vault/v0.4.1 ${gitIn(other, ["rev-parse", "vault/v0.4.1"]).trim()}`,
        ),
    );
  });

  it("a tag pushed by someone else between plan and push: reported, and the repository is left as it was", () => {
    const r = releasedRepo(apiVaultSpec({ hooks: { beforeCommit: [] } }));
    const other = otherClone(r.remote);
    gitIn(other, ["tag", "-a", "-m", "theirs", "api/v1.3.0", "HEAD~1"]);
    // The hook runs after the plan, before the commit: it plays the colleague who releases first.
    const cfg = JSON.parse(readFileSync(join(r.work.dir, "cliff.config.json"), "utf8")) as {
      hooks: { beforeCommit: string[][] };
    };
    cfg.hooks.beforeCommit = [["git", "-C", other, "push", "-q", "origin", "refs/tags/api/v1.3.0"]];
    writeFileSync(join(r.work.dir, "cliff.config.json"), JSON.stringify(cfg));
    gitIn(r.work.dir, ["commit", "-q", "-am", "chore: hook"]);
    gitIn(r.work.dir, ["push", "-q", "origin", "main"]);
    const before = r.localSnapshot();
    const pushesBefore = r.remote.pushes().length;
    const res = r.run(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("origin already has api/v1.3.0");
    expect(res.stderr).toContain("Nothing was pushed, and the local changes were undone");
    expect(res.stderr).toContain("hint: fetch the tags (git fetch origin --tags) and run relnotes bump again");
    expect(r.localSnapshot()).toBe(before);
    expect(r.remote.refs().get("refs/tags/api/v1.3.0")).toBe(gitIn(other, ["rev-parse", "api/v1.3.0"]).trim());
    expect(r.remote.pushes().slice(pushesBefore)).toEqual([["refs/tags/api/v1.3.0"]]);
    expect(existsSync(stateFile(r.work))).toBe(false);
  });

  it("without a terminal and without --yes it stops before writing and says to pass --yes", () => {
    const r = releasedRepo(apiVaultSpec());
    const before = r.snapshot();
    const res = r.run(["bump", "api"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("no terminal to confirm on, and --yes was not passed");
    expect(res.stderr).toContain("hint: pass --yes");
    expect(r.snapshot()).toBe(before);
  });

  it("--dry-run shows the file diffs and writes nothing; --dry-run --json is the plan JSON of preview", () => {
    const r = releasedRepo(apiVaultSpec());
    const before = r.snapshot();
    const dry = r.run(["bump", "api", "--dry-run", "--no-fetch"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("create svc/api/CHANGELOG.md:");
    expect(dry.stdout).toContain("+## [1.3.0]");
    expect(dry.stdout).toMatch(/#41\s+feat\(api\): add key rotation/);
    const quiet = r.run(["bump", "api", "--dry-run", "--no-fetch", "--no-log"]);
    expect(quiet.stdout).toContain("tag api/v1.3.0, previous api/v1.2.0");
    expect(quiet.stdout).not.toContain("commits since");
    expect(quiet.stdout).not.toMatch(/#41\s+feat\(api\)/);
    const json = r.run(["bump", "api", "--dry-run", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const preview = relnotes(r.work.dir, ["preview", "api", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(preview.stdout));
    expect(r.snapshot()).toBe(before);
    expect(r.remote.pushes()).toEqual([]);
  });
});
