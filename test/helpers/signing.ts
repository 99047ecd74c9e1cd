import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gitIn, tempDir, TEST_ENV } from "./repo.js";

/** Git config keys and values that make `git tag -s` sign and `git verify-tag` verify. */
export type SigningConfig = Record<string, string>;

export interface GpgKey {
  kind: "gpg";
  /** The temporary keyring: pass `env` to every git (and relnotes) process that signs or verifies. */
  home: string;
  env: Record<string, string>;
  fingerprint: string;
  config: SigningConfig;
  /** Stop the gpg-agent this keyring started. */
  dispose(): void;
}

export interface SshKey {
  kind: "ssh";
  privateKey: string;
  publicKey: string;
  /** An allowed-signers file listing this key for `email`. */
  allowedSigners: string;
  env: Record<string, string>;
  config: SigningConfig;
  dispose(): void;
}

export type SigningKey = GpgKey | SshKey;

const EMAIL = TEST_ENV.GIT_AUTHOR_EMAIL!;

/** A real ed25519 GPG key without passphrase, in a fresh GNUPGHOME. */
export function gpgKey(name = "Test Signer", email = EMAIL): GpgKey {
  // gpg-agent's socket lives in GNUPGHOME; keep the path short (sun_path limit).
  const home = tempDir("rn-gpg-");
  chmodSync(home, 0o700);
  const env = { GNUPGHOME: home };
  const gpg = (args: string[]): string =>
    execFileSync("gpg", ["--batch", "--no-tty", ...args], {
      env: { ...process.env, ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  gpg([
    "--passphrase",
    "",
    "--pinentry-mode",
    "loopback",
    "--quick-gen-key",
    `${name} <${email}>`,
    "ed25519",
    "sign",
    "never",
  ]);
  const fingerprint = gpg(["--with-colons", "--list-secret-keys"])
    .split("\n")
    .find((l) => l.startsWith("fpr:"))!
    .split(":")[9]!;
  return {
    kind: "gpg",
    home,
    env,
    fingerprint,
    config: { "gpg.format": "openpgp", "user.signingkey": fingerprint },
    dispose: () => {
      execFileSync("gpgconf", ["--kill", "gpg-agent"], { env: { ...process.env, ...env }, stdio: "ignore" });
    },
  };
}

/** A real ed25519 SSH key without passphrase, and an allowed-signers file that trusts it for `email`. */
export function sshKey(email = EMAIL): SshKey {
  const dir = tempDir("rn-ssh-");
  const privateKey = join(dir, "id_ed25519");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", email, "-f", privateKey], { stdio: "ignore" });
  const publicKey = readFileSync(`${privateKey}.pub`, "utf8").trim();
  const allowedSigners = join(dir, "allowed_signers");
  writeFileSync(allowedSigners, `${email} namespaces="git" ${publicKey}\n`);
  return {
    kind: "ssh",
    privateKey,
    publicKey,
    allowedSigners,
    env: {},
    config: { "gpg.format": "ssh", "user.signingkey": privateKey, "gpg.ssh.allowedSignersFile": allowedSigners },
    dispose: () => {},
  };
}

/** Write a key's signing config into a repository's `.git/config`. */
export function useSigningKey(dir: string, key: SigningKey): void {
  for (const [k, v] of Object.entries(key.config)) gitIn(dir, ["config", k, v]);
}

/** Create a signed annotated tag with `git tag -s` (the key's config must be in the repository, see useSigningKey). */
export function signedTag(
  dir: string,
  key: SigningKey,
  tag: string,
  target = "HEAD",
  message = `release ${tag}`,
): void {
  gitIn(dir, ["tag", "-s", "-m", message, tag, target], undefined, key.env);
}
