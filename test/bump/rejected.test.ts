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
    withHook(r.work.dir, ["sh", "-c", 'cd "$0" && git pull -q && git commit -q --allow-empty -m "feat: theirs" && git push -q origin main', other]);
    const before = r.localSnapshot();
    const pushes = r.remote.pushes().length;
    const res = r.run(["bump", "api", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("pushing the release commit to origin/main was refused");
    expect(res.stderr).toContain("hint: origin/main moved on (someone pushed first). Nothing was pushed. Run relnotes bump --abort");
    expect(r.remote.pushes().slice(pushes)).toEqual([["refs/heads/main"]]); // theirs only
    expect(existsSync(stateFile(r.work))).toBe(true);
    const aborted = r.run(["bump", "--abort"]);
    expect(aborted.code, aborted.stderr).toBe(0);
    expect(r.localSnapshot()).toBe(before);
  });

  it("a tag the remote declines (pre-receive hook): the earlier tag stays pushed, the message carries the remote's reason", () => {
    const r = releasedRepo(apiVaultSpec());
    const hook = join(r.remote.bare, "hooks", "pre-receive");
    writeFileSync(hook, '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/tags/vault/*) echo "vault tags are frozen" >&2; exit 1;; esac; done\n');
    chmodSync(hook, 0o755);
    const res = r.run(["bump", "api", "vault", "--yes"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("pushing tag vault/v0.4.1 to origin failed: [remote rejected] (pre-receive hook declined) — remote said: vault tags are frozen");
    expect(res.stderr).toContain("tags pushed before it stay published");
    expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"]]);
    expect(r.remote.refs().has("refs/tags/api/v1.3.0")).toBe(true);
    // Once the remote accepts it, --resume pushes just the rest.
    writeFileSync(hook, "#!/bin/sh\nexit 0\n");
    const resumed = r.run(["bump", "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"], ["refs/tags/vault/v0.4.1"]]);
  });
});
