import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupTemp, gitIn } from "../helpers/repo.js";
import { apiVaultSpec, otherClone, releasedRepo, stateFile } from "./setup.js";

afterAll(cleanupTemp);

/** Set hooks.beforeCommit in the repository's config and publish that commit. */
function withHook(dir: string, hook: string[]): void {
  const file = join(dir, "cliff.config.json");
  const cfg = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  cfg.hooks = { beforeCommit: [hook] };
  writeFileSync(file, JSON.stringify(cfg));
  gitIn(dir, ["commit", "-q", "-am", "chore: hook"]);
  gitIn(dir, ["push", "-q", "origin", "main"]);
}

describe("rejected pushes", () => {
  it("main moved on the remote before the release commit was pushed: clear message, nothing pushed, --abort restores", () => {
    const r = releasedRepo(apiVaultSpec());
    const other = otherClone(r.remote);
    withHook(r.work.dir, [
      "sh",
      "-c",
      'cd "$0" && git pull -q && git commit -q --allow-empty -m "feat: theirs" && git push -q origin main',
      other,
    ]);
    const before = r.localSnapshot();
    const pushes = r.remote.pushes().length;
    const res = r.run(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("pushing the release commit to origin/main was refused");
    expect(res.stderr).toContain(
      "hint: origin/main moved on (someone pushed first). Nothing was pushed. Run relnotes bump --abort",
    );
    expect(r.remote.pushes().slice(pushes)).toEqual([["refs/heads/main"]]); // theirs only
    expect(existsSync(stateFile(r.work))).toBe(true);
    const aborted = r.run(["bump", "--abort"]);
    expect(aborted.code, aborted.stderr).toBe(0);
    expect(r.localSnapshot()).toBe(before);
  });

  it("a tag the remote declines (pre-receive hook): the earlier tag stays pushed, the message carries the remote's reason", () => {
    const r = releasedRepo(apiVaultSpec());
    const hook = join(r.remote.bare, "hooks", "pre-receive");
    writeFileSync(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/tags/vault/*) echo "vault tags are frozen" >&2; exit 1;; esac; done\n',
    );
    chmodSync(hook, 0o755);
    const res = r.run(["bump", "api", "vault", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      "pushing tag vault/v0.4.1 to origin failed: [remote rejected] (pre-receive hook declined) — remote said: vault tags are frozen",
    );
    expect(res.stderr).toContain("tags pushed before it stay published");
    expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"]]);
    expect(r.remote.refs().has("refs/tags/api/v1.3.0")).toBe(true);
    // Once the remote accepts it, --resume pushes just the rest.
    writeFileSync(hook, "#!/bin/sh\nexit 0\n");
    const resumed = r.run(["bump", "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"], ["refs/tags/vault/v0.4.1"]]);
  });
  it('a branch push declined by a server hook says so (not "someone pushed first"), with the hook\'s reason', () => {
    const r = releasedRepo(apiVaultSpec());
    const hook = join(r.remote.bare, "hooks", "pre-receive");
    writeFileSync(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/heads/main) echo "main is protected: open a pull request" >&2; exit 1;; esac; done\n',
    );
    chmodSync(hook, 0o755);
    const res = r.run(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      "pushing the release commit to origin/main was refused: [remote rejected] (pre-receive hook declined) — remote said: main is protected: open a pull request",
    );
    expect(res.stderr).toContain("hint: a hook on origin declined the push (its reason is above). Nothing was pushed.");
    expect(res.stderr).not.toContain("someone pushed first");
  });
});

describe("messages keep git's whole reason", () => {
  it("an unreachable remote: every line git printed, not just the last", () => {
    const r = releasedRepo(apiVaultSpec());
    r.work.git("remote", "set-url", "origin", join(r.remote.bare, "..", "gone.git"));
    const res = r.run(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /cannot read the refs of remote "origin": fatal: '.*gone\.git' does not appear to be a git repository \/ fatal: Could not read from remote repository\. \/ .*and the repository exists\./,
    );
  });

  it("a local tag that differs from the remote's: the fetch names it", () => {
    const r = releasedRepo(apiVaultSpec());
    r.work.git("tag", "-d", "api/v1.2.0");
    r.work.git("tag", "-a", "-m", "mine", "api/v1.2.0", "HEAD~1");
    const res = r.run(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("error: local tag api/v1.2.0 differs from the one on origin");
  });
});
