import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, tempDir } from "../helpers/repo.js";
import { gpgKey, signedTag, sshKey, useSigningKey, type GpgKey } from "../helpers/signing.js";
import { annotate, monorepo, publish } from "./fixture.js";

const gpgKeys: GpgKey[] = [];
afterAll(() => {
  for (const k of gpgKeys) k.dispose();
  cleanupTemp();
});

function signingRepo(sign: "ssh" | "gpg") {
  const r = monorepo([{ message: "feat(api): first" }], { services: { api: { paths: ["svc/api/"] } }, tag: { sign } });
  publish(r);
  return r;
}

describe("verify-tag with tag.sign: ssh", () => {
  it("accepts a tag signed by a key in gpg.ssh.allowedSignersFile", () => {
    const r = signingRepo("ssh");
    const key = sshKey();
    useSigningKey(r.dir, key);
    signedTag(r.dir, key, "api/v1.0.0");
    const out = json<{ signature: { kind: string; verified: boolean } }>(
      relnotes(r.dir, ["verify-tag", "api/v1.0.0", "--json"]),
    );
    expect(out.signature).toEqual({ kind: "ssh", verified: true });
    const text = relnotes(r.dir, ["verify-tag", "api/v1.0.0"]);
    expect(text.stdout).toMatch(/signature\s+ssh, verified/);
  });

  it("refuses a tag signed by a key that is not an allowed signer", () => {
    const r = signingRepo("ssh");
    const stranger = sshKey();
    const trusted = sshKey();
    useSigningKey(r.dir, stranger);
    signedTag(r.dir, stranger, "api/v1.0.0");
    r.git("config", "gpg.ssh.allowedSignersFile", trusted.allowedSigners);
    const res = relnotes(r.dir, ["verify-tag", "api/v1.0.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("error: the ssh signature of tag api/v1.0.0 does not verify");
    expect(res.stderr).toContain(
      "hint: add the signer's public key to the file named by git config gpg.ssh.allowedSignersFile",
    );
  });

  it("refuses a tag whose object was altered after signing", () => {
    const r = signingRepo("ssh");
    const key = sshKey();
    useSigningKey(r.dir, key);
    signedTag(r.dir, key, "api/v1.0.0", "HEAD", "release api/v1.0.0");
    // Re-write the tag object with a different message but the same signature block.
    const body = r.git("cat-file", "tag", "api/v1.0.0").replace("release api/v1.0.0", "release api/v1.0.0 (edited)");
    const file = `${tempDir("rn-tagobj-")}/tag`;
    writeFileSync(file, body);
    const forged = r.git("hash-object", "-t", "tag", "-w", file).trim();
    r.git("update-ref", "refs/tags/api/v1.0.0", forged);
    const res = relnotes(r.dir, ["verify-tag", "api/v1.0.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("does not verify");
  });

  it("refuses an annotated but unsigned tag", () => {
    const r = signingRepo("ssh");
    annotate(r, "api/v1.0.0");
    const res = relnotes(r.dir, ["verify-tag", "api/v1.0.0"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'error: tag api/v1.0.0 is not signed, but the configuration requires signed tags (tag.sign: "ssh")',
    );
  });
});

describe("verify-tag with tag.sign: gpg", () => {
  it("accepts a tag signed by a key in the keyring, refuses it when the keyring does not hold the key", () => {
    const r = signingRepo("gpg");
    const key = gpgKey();
    gpgKeys.push(key);
    useSigningKey(r.dir, key);
    signedTag(r.dir, key, "api/v1.0.0");
    const ok = json<{ signature: { kind: string; verified: boolean } }>(
      relnotes(r.dir, ["verify-tag", "api/v1.0.0", "--json"], key.env),
    );
    expect(ok.signature).toEqual({ kind: "gpg", verified: true });

    const emptyKeyring = gpgKey("Someone Else", "else@example.com");
    gpgKeys.push(emptyKeyring);
    const res = relnotes(r.dir, ["verify-tag", "api/v1.0.0"], emptyKeyring.env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("error: the gpg signature of tag api/v1.0.0 does not verify");
    expect(res.stderr).toContain("hint: import the signer's public key");
  });
});

describe("signing helper", () => {
  it("without tag.sign, a signed tag is reported but its signature is not required", () => {
    const r = monorepo([{ message: "feat(api): first" }], { services: { api: { paths: ["svc/api/"] } } });
    publish(r);
    const key = sshKey();
    useSigningKey(r.dir, key);
    signedTag(r.dir, key, "api/v1.0.0");
    expect(r.git("verify-tag", "api/v1.0.0")).toBe("");
    const out = json<{ signature: { kind: string; verified: boolean | null } }>(
      relnotes(r.dir, ["verify-tag", "api/v1.0.0", "--json"]),
    );
    expect(out.signature).toEqual({ kind: "ssh", verified: null });
  });
});
