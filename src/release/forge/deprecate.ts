import { join } from "node:path";
import { markSectionDeprecated } from "../../changelog/deprecation.js";
import { readChangelog } from "../../changelog/read.js";
import { writeFileAtomic } from "../../fs/atomic.js";
import { RelnotesError } from "../../errors.js";
import { serviceOfTag } from "../../history/tag-release.js";
import type { PlanContext } from "../../plan/context.js";
import { compareUrl } from "../../render/context.js";
import { changelogBanner, deprecationBanner, withBannerOnTop, type Deprecation } from "../../changelog/deprecation-banner.js";
import { findReleaseForTag } from "../../forge/github/find.js";
import type { GitHubReleases } from "../../forge/port.js";

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
 * top of its GitHub release and below its changelog heading. Idempotent: a
 * second run leaves one banner. Every check (both tags, the changelog
 * section, the release) passes before anything is written.
 */
export async function deprecateRelease(ctx: PlanContext, github: GitHubReleases, request: DeprecateRequest): Promise<DeprecateOutcome> {
  const { service, version } = serviceOfTag(ctx, request.tag);
  const replacement = serviceOfTag(ctx, request.replacement);
  if (replacement.service !== service) throw new RelnotesError(`${request.replacement} is a release of another service than ${request.tag}`, "--use names a release of the same service");
  if (request.replacement === request.tag) throw new RelnotesError(`${request.tag} cannot replace itself`, "--use names the release to use instead");
  const deprecation: Deprecation = { tag: request.tag, replacement: request.replacement, replacementUrl: compareUrl(ctx.repository, null, request.replacement), reason: request.reason };

  let changelog: { path: string; before: string; after: string } | null = null;
  if (request.changelog && service.changelog) {
    const path = join(ctx.config.root, service.changelog);
    const before = readChangelog(path, service.changelog);
    changelog = { path: service.changelog, before, after: markSectionDeprecated(before, version, changelogBanner(deprecation), service.changelog, service.name) };
  }

  const existing = await findReleaseForTag(github, request.tag, ctx.emit);
  if (!existing) throw new RelnotesError(`${github.repository} has no GitHub release for ${request.tag}`, `create it first: relnotes release ${request.tag}`);
  const body = withBannerOnTop(existing.body, deprecationBanner(deprecation));
  const releaseAction = body === existing.body ? "unchanged" : "updated";
  if (releaseAction === "updated") await github.update(existing.id, { body });

  if (changelog && changelog.after !== changelog.before) writeFileAtomic(join(ctx.config.root, changelog.path), changelog.after);
  return {
    tag: request.tag,
    replacement: request.replacement,
    release: { url: existing.url, action: releaseAction },
    changelog: changelog && { path: changelog.path, action: changelog.after === changelog.before ? "unchanged" : "updated" },
  };
}
