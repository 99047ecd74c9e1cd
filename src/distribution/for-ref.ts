import type { ResolvedService } from "../config/types.js";
import { UsageError } from "../errors.js";
import { existingRelease } from "../history/tag-release.js";
import type { RepoSession } from "../session/session.js";
import { resolveImage } from "./image.js";
import { imageReferences, mainMatrix } from "./matrix.js";
import { releaseDistribution, type Distribution } from "./release.js";

export interface RefDistribution extends Distribution {
  /** The release tag, or null for a main-branch build. */
  tag: string | null;
  service: string | null;
  version: string | null;
  prerelease: boolean;
  commit: string;
}

/** A tag name as given: `api/v1.2.3`, or the full ref `refs/tags/api/v1.2.3` (GITHUB_REF). */
export function tagNameOf(input: string): string {
  return input.startsWith("refs/tags/") ? input.slice("refs/tags/".length) : input;
}

/** The distribution tags of an existing release tag. */
export async function distributionOfTag(ctx: RepoSession, input: string, image?: string): Promise<RefDistribution> {
  const tag = tagNameOf(input);
  const existing = await existingRelease(ctx, tag);
  const d = releaseDistribution(ctx, existing, resolveImage(image, existing.service));
  const { release } = existing;
  return {
    ...d,
    tag,
    service: existing.service.name,
    version: release.version,
    prerelease: release.prerelease,
    commit: release.ref.commit,
  };
}

function serviceNamed(ctx: RepoSession, name: string | undefined): ResolvedService | null {
  if (name === undefined) return ctx.config.monorepo ? null : (ctx.config.services[0] ?? null);
  const service = ctx.config.services.find((s) => s.name === name);
  if (!service)
    throw new UsageError(
      `unknown service "${name}"`,
      `known services: ${ctx.config.services.map((s) => s.name ?? "(package)").join(", ")}`,
    );
  return service;
}

/** The distribution tags of a main-branch build of HEAD, dated by the release instant (SOURCE_DATE_EPOCH when set). */
export function distributionOfMain(
  ctx: RepoSession,
  options: { image?: string; service?: string } = {},
): RefDistribution {
  const service = serviceNamed(ctx, options.service);
  const image = resolveImage(options.image, service);
  const matrix = mainMatrix(ctx.config.distribution, service?.name ?? null, ctx.head.sha, ctx.now);
  return {
    ...matrix,
    image,
    images: image ? imageReferences(image, matrix.tags) : [],
    tag: null,
    service: service?.name ?? null,
    version: null,
    prerelease: false,
    commit: ctx.head.sha,
  };
}
