import { releaseDistribution, type Distribution } from "../distribution/release.js";
import { tagNameOf } from "../distribution/for-ref.js";
import { resolveImage } from "../distribution/image.js";
import { existingRelease } from "../history/tag-release.js";
import type { RepoSession } from "../session/session.js";
import { checkSignature, type SignatureStatus } from "./signature.js";
import { checkOnStableBranch } from "./stable-branch.js";
import { violationsError, type Violation } from "./violation.js";

/** A pushed release tag that passed every CI-side check, with what the pipeline needs to know. */
export interface VerifiedTag {
  service: string | null;
  version: string;
  prerelease: boolean;
  tag: string;
  previousTag: string | null;
  commit: string;
  signature: SignatureStatus;
  /** The remote-tracking stable branch holding the commit (`origin/main`); null for a pre-release (not checked). */
  stableBranch: string | null;
  distribution: Distribution;
}

/** The value of a settled promise, or its error thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === "rejected") throw result.reason;
  return result.value;
}

/**
 * The checks a tag-triggered workflow runs before publishing anything:
 * known service namespace, strict SemVer and the tag.annotated policy (via
 * `existingRelease`, which also stops in a too-shallow clone), a verifiable
 * signature when `tag.sign` is set, and for a stable version a commit on
 * `<remote>/<stable branch>`.
 */
export async function verifyTag(
  ctx: RepoSession,
  input: string,
  options: { image?: string } = {},
): Promise<VerifiedTag> {
  const tag = tagNameOf(input);
  const existing = await existingRelease(ctx, tag);
  const { release } = existing;
  const violations: Violation[] = [];
  // Whether a lightweight tag is a release at all is the one tag-reading rule (tag.annotated), applied by existingRelease.
  // The signature and (for a stable version) the stable branch are independent questions: git answers both at once;
  // they are reported in this order, and an error of the signature's check wins as when they ran one after the other.
  const [signed, stable] = await Promise.allSettled([
    checkSignature(ctx.git, ctx.config, tag, release.prerelease),
    release.prerelease ? null : checkOnStableBranch(ctx.git, ctx.config, tag, release.ref.commit),
  ]);
  const checked = settled(signed);
  const signature: SignatureStatus = checked.status;
  if (checked.violation) violations.push(checked.violation);
  else
    ctx.emit({
      type: "step-done",
      step: release.ref.annotated ? "annotated tag" : 'lightweight tag (tag.annotated: "allowed")',
      detail: signature.verified ? `${signature.kind} signature verified` : undefined,
    });

  let stableBranch: string | null = null;
  const onStable = settled(stable);
  if (onStable !== null) {
    if (onStable.violation) violations.push(onStable.violation);
    else {
      stableBranch = onStable.branch;
      ctx.emit({ type: "step-done", step: "on stable branch", detail: stableBranch });
    }
  }
  if (violations.length > 0) throw violationsError(tag, violations);

  return {
    service: existing.service.name,
    version: release.version,
    prerelease: release.prerelease,
    tag,
    previousTag: existing.previous?.ref.name ?? null,
    commit: release.ref.commit,
    signature,
    stableBranch,
    distribution: releaseDistribution(ctx, existing, resolveImage(options.image, existing.service)),
  };
}
