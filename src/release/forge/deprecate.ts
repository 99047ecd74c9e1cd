import { deprecationBanner, withBannerOnTop, type Deprecation } from "../../changelog/deprecation-banner.js";
import {
  planChangelogDeprecation,
  writeChangelogDeprecation,
  type ChangelogDeprecation,
} from "../../changelog/deprecation.js";
import { RelnotesError } from "../../errors.js";
import type { ForgeReleases } from "../../forge/port.js";
import { serviceOfTag } from "../../history/tag-release.js";
import type { RepoSession } from "../../session/session.js";
import { compareUrl } from "../../render/context.js";

export interface DeprecateRequest {
  tag: string;
  /** The tag to use instead. */
  replacement: string;
  reason: string | null;
  /** Also mark the version's section in the service's changelog. */
  changelog: boolean;
}

export interface DeprecateOutcome {
  tag: string;
  replacement: string;
  release: { url: string; action: "updated" | "unchanged" };
  /** The changelog file marked, or null when the service has none (or --no-changelog). */
  changelog: { path: string; action: "updated" | "unchanged" } | null;
}

/**
 * Mark a defective release deprecated: a banner naming the replacement at the
 * top of its forge release and below its changelog heading. Idempotent: a
 * second run leaves one banner. Every check (both tags, the changelog
 * section, the release) passes before anything is written.
 */
export async function deprecateRelease(
  ctx: RepoSession,
  forge: ForgeReleases,
  request: DeprecateRequest,
): Promise<DeprecateOutcome> {
  const { service, version } = serviceOfTag(ctx, request.tag);
  const replacement = serviceOfTag(ctx, request.replacement);
  if (replacement.service !== service)
    throw new RelnotesError(
      `${request.replacement} is a release of another service than ${request.tag}`,
      "--use names a release of the same service",
    );
  if (request.replacement === request.tag)
    throw new RelnotesError(`${request.tag} cannot replace itself`, "--use names the release to use instead");
  const deprecation: Deprecation = {
    tag: request.tag,
    replacement: request.replacement,
    replacementUrl: compareUrl(ctx.repository, null, request.replacement),
    reason: request.reason,
  };

  const changelog: ChangelogDeprecation | null =
    request.changelog && service.changelog
      ? planChangelogDeprecation(ctx.config.root, service.changelog, version, service.name, deprecation)
      : null;

  const existing = await forge.findByTag(request.tag);
  if (!existing)
    throw new RelnotesError(
      `${forge.repository} has no ${forge.host} release for ${request.tag}`,
      `create it first: relnotes release ${request.tag}`,
    );
  const notes = withBannerOnTop(existing.notes, deprecationBanner(deprecation));
  const releaseAction = notes === existing.notes ? "unchanged" : "updated";
  if (releaseAction === "updated") await forge.update(existing.id, { notes });

  return {
    tag: request.tag,
    replacement: request.replacement,
    release: { url: existing.url, action: releaseAction },
    changelog: changelog && { path: changelog.path, action: writeChangelogDeprecation(ctx.config.root, changelog) },
  };
}
