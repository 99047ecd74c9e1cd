import type { FilePlanner } from "../plan/files.js";
import { compareUrl } from "../render/context.js";
import { insertSection } from "./insert.js";

/**
 * The changelog edit of a release. Pre-releases are not written to the
 * changelog (their notes go to the GitHub pre-release); the stable release
 * that follows lists everything since the previous stable one.
 */
export const planChangelog: FilePlanner = async (ctx, service, release, context, files) => {
  if (service.changelog === null || release.prerelease) return [];
  const section = ctx.renderer.changelogSection(context);
  const next = insertSection(files.read(service.changelog), {
    path: service.changelog,
    version: release.version,
    service: service.name,
    section,
    header: ctx.config.changelog.header,
    linkStyle: ctx.config.changelog.links,
    unreleasedUrl: compareUrl(ctx.repository, release.tag, "HEAD"),
  });
  const change = files.write(service.changelog, next);
  return change ? [change] : [];
};
