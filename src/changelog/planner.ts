import type { FilePlanner } from "../files/planner.js";
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
  const { text: next, repeats } = insertSection(files.read(service.changelog), {
    path: service.changelog,
    version: release.version,
    service: service.name,
    section,
    header: ctx.config.changelog.header,
    linkStyle: ctx.config.changelog.links,
    unreleasedUrl: compareUrl(ctx.repository, release.tag, "HEAD"),
  });
  for (const r of repeats) {
    ctx.emit({
      type: "warning",
      message:
        `${service.changelog}:${r.line}: the hand-written line "${r.text.trim()}" under Unreleased repeats a ` +
        `generated entry of ${release.version}; it is written once`,
      file: service.changelog,
      line: r.line,
    });
  }
  const change = files.write(service.changelog, next);
  return change ? [change] : [];
};
