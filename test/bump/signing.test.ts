import { afterAll, describe, expect, it } from "vitest";
import { killAfter } from "../helpers/kill-after.js";
import { cleanupTemp, gitIn } from "../helpers/repo.js";
import { gpgKey, sshKey, useSigningKey, type SigningKey } from "../helpers/signing.js";
import { releasedRepo, servicesConfig } from "./setup.js";

const keys: SigningKey[] = [];
afterAll(() => {
  for (const k of keys) k.dispose();
  cleanupTemp();
});

function signedRelease(
  sign: "gpg" | "ssh" | { stable: "ssh"; prerelease: false },
  overrides: Record<string, object> = {},
) {
  const key = sign === "gpg" ? gpgKey() : sshKey();
  keys.push(key);
  const r = releasedRepo({
    files: {
      "cliff.config.json": servicesConfig(
        ["api"],
        { tag: { sign, message: "{{service}} {{version}}\n\n{{notes}}" } },
        overrides,
      ),
    },
    commits: [
      { message: "feat: initial", files: { "svc/api/main.go": "v1\n" }, annotated: ["api/v1.2.0"] },
      { message: "feat(api): signed releases (#7)", files: { "svc/api/main.go": "v2\n" } },
    ],
  });
  useSigningKey(r.work.dir, key);
  return { r, key };
}

describe("signed tags", () => {
  for (const sign of ["gpg", "ssh"] as const) {
    it(`tag.sign = ${sign}: the pushed tag is signed with the user's key and git tag -v verifies it`, () => {
      const { r, key } = signedRelease(sign);
      const res = r.run(["bump", "api", "--yes"], key.env);
      expect(res.code, res.stderr).toBe(0);
      const verify = gitIn(r.work.dir, ["tag", "-v", "api/v1.3.0"], undefined, key.env);
      expect(verify).toContain("api 1.3.0");
      // The CI-side check accepts it too.
      const ci = r.run(["verify-tag", "api/v1.3.0"], key.env);
      expect(ci.code, ci.stderr).toBe(0);
      const raw = r.remote.git("cat-file", "-p", "refs/tags/api/v1.3.0");
      expect(raw).toContain(sign === "gpg" ? "-----BEGIN PGP SIGNATURE-----" : "-----BEGIN SSH SIGNATURE-----");
      // The message template got the notes, Markdown headings included (no "#" comment stripping).
      expect(raw).toContain("## Features\n\n- **api:** signed releases ([#7]");
      // A fresh clone of the remote verifies it too: the signature travelled with the push.
      const clone = `${r.remote.bare}-clone`;
      gitIn(r.work.dir, ["clone", "-q", r.remote.bare, clone]);
      useSigningKey(clone, key);
      expect(() => gitIn(clone, ["tag", "-v", "api/v1.3.0"], undefined, key.env)).not.toThrow();
    });
  }

  it("a key that cannot sign is found before anything is written, with what to fix", () => {
    const { r, key } = signedRelease("ssh");
    gitIn(r.work.dir, ["config", "user.signingkey", `${r.work.dir}/missing-key`]);
    const before = r.snapshot();
    const res = r.run(["bump", "api", "--yes"], key.env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("signing with SSH failed");
    expect(res.stderr).toContain("nothing was written");
    expect(r.snapshot()).toBe(before);
    useSigningKey(r.work.dir, key);
    const fixed = r.run(["bump", "api", "--yes"], key.env);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(() => gitIn(r.work.dir, ["tag", "-v", "api/v1.3.0"], undefined, key.env)).not.toThrow();
    expect(r.remote.pushes()).toEqual([["refs/tags/api/v1.3.0"]]);
  });

  it("a key that stopped working before a resumed release's tag step: --resume stops before doing anything", () => {
    const { r, key } = signedRelease("ssh", { api: { changelog: "svc/api/CHANGELOG.md" } });
    const killed = r.run(["bump", "api", "--yes"], key.env, killAfter("write"));
    expect(killed.code).toBe(-1);
    gitIn(r.work.dir, ["config", "user.signingkey", `${r.work.dir}/missing-key`]);
    const res = r.run(["bump", "--resume"], key.env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("cannot complete the unfinished release of api/v1.3.0; nothing more was done:");
    expect(res.stderr).toContain("signing with SSH failed");
    expect(r.work.git("tag", "-l", "api/v1.3.0")).toBe("");
    useSigningKey(r.work.dir, key);
    const resumed = r.run(["bump", "--resume"], key.env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(() => gitIn(r.work.dir, ["tag", "-v", "api/v1.3.0"], undefined, key.env)).not.toThrow();
    expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/api/v1.3.0"]]);
  });
});

describe('tag.sign per kind: { stable: "ssh", prerelease: false }', () => {
  it("bump signs the stable tag, not the candidate; verify-tag requires a signature on stable tags only", () => {
    const { r, key } = signedRelease({ stable: "ssh", prerelease: false });
    let res = r.run(["bump", "api", "--rc", "--yes"], key.env);
    expect(res.code, res.stderr).toBe(0);
    expect(r.remote.git("cat-file", "-p", "refs/tags/api/v1.3.0-rc.1")).not.toContain("SIGNATURE");
    res = r.run(["bump", "api", "--yes"], key.env);
    expect(res.code, res.stderr).toBe(0);
    expect(r.remote.git("cat-file", "-p", "refs/tags/api/v1.3.0")).toContain("-----BEGIN SSH SIGNATURE-----");

    const rc = r.run(["verify-tag", "api/v1.3.0-rc.1"], key.env);
    expect(rc.code, rc.stderr).toBe(0);
    expect(rc.stdout).toMatch(/signature\s+none \(not required: tag\.sign\.prerelease: false\)/);
    expect(r.run(["verify-tag", "api/v1.3.0"], key.env).stdout).toMatch(/signature\s+ssh, verified/);

    // A hand-made unsigned stable tag is refused, naming the setting.
    r.work.git("tag", "-a", "-m", "by hand", "api/v1.3.1", "HEAD");
    const unsigned = r.run(["verify-tag", "api/v1.3.1"], key.env);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain(
      'error: tag api/v1.3.1 is not signed, but the configuration requires signed stable tags (tag.sign.stable: "ssh")',
    );
  });
});
