import { RelnotesError } from "../errors.js";
import type { Git } from "./run.js";

export type SignatureKind = "gpg" | "ssh" | "x509";

export interface TagObject {
  /** `tag` for an annotated tag, `commit` for a lightweight one. */
  type: string;
  /** The signature block in the tag object, when there is one. */
  signature: SignatureKind | null;
}

const SIGNATURE_MARKERS: Record<string, SignatureKind> = {
  "-----BEGIN PGP SIGNATURE-----": "gpg",
  "-----BEGIN SSH SIGNATURE-----": "ssh",
  "-----BEGIN SIGNED MESSAGE-----": "x509",
};

/**
 * What the ref `refs/tags/<name>` points at, and whether its tag object carries a signature: one
 * `git for-each-ref`, whose `%(contents)` of a tag object is its message with the signature block.
 */
export async function readTagObject(git: Git, name: string): Promise<TagObject> {
  const ref = `refs/tags/${name}`;
  const out = await git.run(["for-each-ref", "--format=%(refname)%00%(objecttype)%00%(contents)", ref]);
  const [refname, type = "", ...rest] = out.stdout.split("\0");
  if (refname !== ref)
    throw new RelnotesError(`tag ${name} does not exist in this repository`, "fetch tags first: git fetch --tags");
  if (type !== "tag") return { type, signature: null };
  const body = rest.join("\0");
  for (const [marker, kind] of Object.entries(SIGNATURE_MARKERS))
    if (body.includes(marker)) return { type, signature: kind };
  return { type, signature: null };
}

export interface SignatureCheck {
  valid: boolean;
  /** What gpg or ssh-keygen said (status lines), for the error message. */
  detail: string;
}

/**
 * Verify a tag's signature with `git verify-tag`, which picks gpg, ssh-keygen
 * (with gpg.ssh.allowedSignersFile) or gpgsm from the signature itself.
 */
export async function verifyTagSignature(git: Git, name: string): Promise<SignatureCheck> {
  const r = await git.run(["verify-tag", "--raw", `refs/tags/${name}`], { allowFailure: true });
  const detail = (r.stderr || r.stdout).trim();
  return { valid: r.code === 0, detail };
}

/** Remote-tracking branches of `remote` (names without the `refs/remotes/<remote>/` prefix); `containing` keeps those whose history has that commit. */
export async function remoteBranches(git: Git, remote: string, containing?: string): Promise<string[]> {
  const prefix = `refs/remotes/${remote}/`;
  const args = ["for-each-ref", "--format=%(refname)", ...(containing ? ["--contains", containing] : []), prefix];
  const out = await git.out(args);
  return out
    .split("\n")
    .filter((ref) => ref.startsWith(prefix))
    .map((ref) => ref.slice(prefix.length))
    .filter((branch) => branch !== "HEAD");
}
