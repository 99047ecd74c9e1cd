import { RelnotesError } from "../errors.js";
import type { Git } from "./run.js";

export type TagSigning = false | "gpg" | "ssh";

export interface LocalTag {
  /** The tag object (annotated) or commit (lightweight) refs/tags/<name> points at. */
  object: string;
  commit: string;
  annotated: boolean;
}

/** A local tag by exact name, or null when there is none. */
export async function readLocalTag(git: Git, name: string): Promise<LocalTag | null> {
  const ref = `refs/tags/${name}`;
  const out = await git.out([
    "for-each-ref",
    "--format=%(refname)%00%(objectname)%00%(objecttype)%00%(*objectname)",
    ref,
  ]);
  for (const line of out.split("\n")) {
    const [refname, object = "", type, peeled = ""] = line.split("\0");
    if (refname !== ref) continue;
    return { object, commit: type === "tag" ? peeled : object, annotated: type === "tag" };
  }
  return null;
}

export interface NewTag {
  name: string;
  commit: string;
  message: string;
  sign: TagSigning;
}

/**
 * Create an annotated tag, signed with the user's git signing setup when
 * asked (`-s`; SSH signing by `gpg.format=ssh` for this command only).
 * Refuses to replace an existing tag (no `-f`, ever).
 */
export async function createAnnotatedTag(git: Git, tag: NewTag): Promise<LocalTag> {
  const config = tag.sign === "ssh" ? ["-c", "gpg.format=ssh"] : tag.sign === "gpg" ? ["-c", "gpg.format=openpgp"] : [];
  const args = [
    ...config,
    "tag",
    tag.sign ? "-s" : "-a",
    "--cleanup=whitespace",
    "-m",
    tag.message,
    "--end-of-options",
    tag.name,
    tag.commit,
  ];
  const r = await git.run(args, { allowFailure: true });
  if (r.code !== 0) {
    const why = r.stderr.trim() || `exit ${r.code}`;
    if (tag.sign) throw signingError(tag, why);
    throw new RelnotesError(`creating tag ${tag.name} failed: ${why}`);
  }
  const created = await readLocalTag(git, tag.name);
  if (!created) throw new RelnotesError(`tag ${tag.name} was not created`);
  if (tag.sign) {
    // Some git versions print the signer's error but still create an unsigned tag and exit 0.
    const raw = await git.out(["cat-file", "tag", created.object]);
    if (!/-----BEGIN (PGP|SSH) SIGNATURE-----/.test(raw)) {
      await deleteLocalTagIf(git, tag.name, created.object);
      throw signingError(tag, r.stderr.trim() || "git made the tag without a signature");
    }
  }
  return created;
}

function signingError(tag: NewTag, why: string): RelnotesError {
  return new RelnotesError(
    `signing tag ${tag.name} with ${tag.sign === "ssh" ? "SSH" : "GPG"} failed: ${why}`,
    tag.sign === "ssh"
      ? "set user.signingkey to your SSH key (git config user.signingkey ~/.ssh/id_ed25519.pub), or set tag.sign " +
          "to false"
      : "check user.signingkey and that gpg can sign (gpg --list-secret-keys), or set tag.sign to false",
  );
}

/** Delete a local tag only if it still points at `expectedObject` (compare-and-delete). */
export async function deleteLocalTagIf(git: Git, name: string, expectedObject: string): Promise<boolean> {
  const r = await git.run(["update-ref", "-d", `refs/tags/${name}`, expectedObject], { allowFailure: true });
  return r.code === 0;
}

/** `git tag -v`: true when the signature verifies. */
export async function verifyTagSignature(git: Git, name: string): Promise<{ ok: boolean; output: string }> {
  const r = await git.run(["tag", "-v", name], { allowFailure: true });
  return { ok: r.code === 0, output: `${r.stdout}${r.stderr}` };
}

/** Why git would refuse `name` as a tag name, or null when it is valid (`git check-ref-format`, and never an option-like `-…`). */
export async function tagNameProblem(git: Git, name: string): Promise<string | null> {
  if (name.startsWith("-")) return `tag name "${name}" starts with "-", which git reads as an option`;
  const ok = await git.test(["check-ref-format", `refs/tags/${name}`]);
  return ok
    ? null
    : `"${name}" is not a valid git tag name (git check-ref-format refs/tags/${name} refuses it: no spaces, ` +
        `"..", "~", "^", ":", "?", "*", "[", "@{", "\\", or a component ending in ".lock")`;
}

/**
 * Can the configured key sign? Signs a throwaway object (an unreferenced
 * commit of HEAD's tree, which git's gc removes) the way the tags will be
 * signed. Returns git's reason when it cannot.
 */
export async function signingProblem(git: Git, sign: Exclude<TagSigning, false>): Promise<string | null> {
  const format = sign === "ssh" ? "gpg.format=ssh" : "gpg.format=openpgp";
  const r = await git.run(["-c", format, "commit-tree", "-S", "-m", "relnotes signing probe", "HEAD^{tree}"], {
    allowFailure: true,
  });
  const fail = (why: string) => signingError({ name: "(probe)", commit: "", message: "", sign }, why);
  if (r.code !== 0) return fail(r.stderr.trim() || `exit ${r.code}`).message.replace("signing tag (probe)", "signing");
  const raw = await git.out(["cat-file", "commit", r.stdout.trim()]);
  if (!/^gpgsig /m.test(raw))
    return fail("git made the probe object without a signature").message.replace("signing tag (probe)", "signing");
  return null;
}

/** The hint of a signing failure: what to configure. */
export function signingHint(sign: Exclude<TagSigning, false>): string {
  return signingError({ name: "", commit: "", message: "", sign }, "").hint!;
}
