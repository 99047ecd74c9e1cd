import type { ResolvedConfig } from "../config/types.js";
import type { Git } from "../git/run.js";
import { readTagObject, verifyTagSignature, type SignatureKind } from "../git/verify.js";
import type { Violation } from "./violation.js";

export interface SignatureStatus {
  /** What signs the tag object, or null when it is unsigned. */
  kind: SignatureKind | null;
  /** True when `git verify-tag` accepted it; null when signing is not required and so not checked. */
  verified: boolean | null;
}

const TRUST_HINT: Record<SignatureKind, string> = {
  ssh:
    "add the signer's public key to the file named by git config gpg.ssh.allowedSignersFile (format: <email> " +
    "<key-type> <key>)",
  gpg:
    "import the signer's public key into the keyring git uses (gpg --import key.asc), or check that it has not " +
    "expired",
  x509: "make the signer's certificate known to gpgsm",
};

/** How config `tag.sign` reads for one kind of tag: `tag.sign: "gpg"` or `tag.sign.prerelease: false`. */
export function signingSetting(config: ResolvedConfig, kind: "stable" | "prerelease"): string {
  const value = JSON.stringify(config.tag.signing[kind]);
  return uniform(config) ? `tag.sign: ${value}` : `tag.sign.${kind}: ${value}`;
}

function uniform(config: ResolvedConfig): boolean {
  return config.tag.signing.stable === config.tag.signing.prerelease;
}

/**
 * When `tag.sign` asks for signed tags of this kind (stable or pre-release),
 * an annotated tag must carry a signature that `git verify-tag` accepts.
 */
export async function checkSignature(
  git: Git,
  config: ResolvedConfig,
  tag: string,
  prerelease: boolean,
): Promise<{ status: SignatureStatus; violation?: Violation }> {
  const object = await readTagObject(git, tag);
  const kind = prerelease ? "prerelease" : "stable";
  if (config.tag.signing[kind] === false) return { status: { kind: object.signature, verified: null } };
  if (object.signature === null) {
    return {
      status: { kind: null, verified: false },
      violation: {
        message:
          `tag ${tag} is not signed, but the configuration requires signed ` +
          `${uniform(config) ? "" : prerelease ? "pre-release " : "stable "}tags ` +
          `(${signingSetting(config, kind)})`,
        hint: `sign release tags: git tag -s ${tag} -m … (relnotes bump signs them as tag.sign says)`,
      },
    };
  }
  const check = await verifyTagSignature(git, tag);
  if (check.valid) return { status: { kind: object.signature, verified: true } };
  const detail = check.detail
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-3)
    .join(" | ");
  return {
    status: { kind: object.signature, verified: false },
    violation: {
      message: `the ${object.signature} signature of tag ${tag} does not verify${detail ? `: ${detail}` : ""}`,
      hint: TRUST_HINT[object.signature],
    },
  };
}
