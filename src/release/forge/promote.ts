import { existsSync } from "node:fs";
import { join } from "node:path";
import picomatch from "picomatch";
import { readChangelog } from "../../changelog/read.js";
import { undatedHeadingProblem } from "../../changelog/release-date.js";
import { ProblemsError } from "../../errors.js";
import { resolveImage } from "../../distribution/image.js";
import type { HeldAlias } from "../../distribution/matrix.js";
import { releaseDistribution } from "../../distribution/release.js";
import { existingRelease } from "../../history/tag-release.js";
import type { RepoSession } from "../../session/session.js";
import type { ForgeReleases, HostedRelease } from "../../forge/port.js";
import { publishSettings } from "../../forge/settings.js";
import { higherStableTagged, takesLatest } from "../../versioning/latest.js";

export interface PromoteOutcome {
  action: "published" | "already-published";
  tag: string;
  version: string;
  url: string;
  /** The release has (or, already published, would have) the "Latest" mark per config. */
  latest: boolean;
  assets: string[];
  /** The image aliases to move now (config distribution.promote, forward only); empty when none wait for promote. */
  tags: string[];
  /** `<image>:<tag>` for each of `tags`, when the service has an image. */
  images: string[];
  /** Deferred aliases left alone because a newer release holds them. */
  held: HeldAlias[];
}

/** `{version}`, `{tag}` and `{service}` in a required-asset glob stand for the release's own. */
function expandGlob(glob: string, facts: { version: string; tag: string; service: string | null }): string {
  return glob
    .replaceAll("{version}", facts.version)
    .replaceAll("{tag}", facts.tag)
    .replaceAll("{service}", facts.service ?? "");
}

/** Line numbers (1-based) where `TBD` appears as a word. */
function tbdLines(text: string): number[] {
  return text.split("\n").flatMap((line, i) => (/\bTBD\b/.test(line) ? [i + 1] : []));
}

/** What is wrong with a draft before it may be published; empty when it is ready. */
export function draftProblems(
  release: HostedRelease,
  assets: readonly string[],
  requiredGlobs: readonly string[],
): string[] {
  const problems: string[] = [];
  if (release.notes.trim() === "") problems.push(`the release notes of ${release.tag} are empty`);
  const tbd = tbdLines(release.notes);
  if (tbd.length > 0) problems.push(`the release notes of ${release.tag} contain "TBD" (line ${tbd.join(", ")})`);
  for (const glob of requiredGlobs) {
    const matches = picomatch(glob, { dot: true });
    if (!assets.some((a) => matches(a)))
      problems.push(
        "no attached asset matches " +
          `"${glob}"${assets.length ? ` (attached: ${assets.join(", ")})` : " (no assets attached)"}`,
      );
  }
  return problems;
}

/**
 * Publish the draft release of a tag after checking it: the draft exists, its
 * notes are non-empty and free of `TBD`, the changelog heading of the version
 * is dated, every required asset is attached. Any failed check: ProblemsError
 * and no request that changes anything. Publishing sets the "Latest" mark per config.
 */
export async function promoteRelease(
  ctx: RepoSession,
  forge: ForgeReleases,
  tag: string,
  options: { image?: string } = {},
): Promise<PromoteOutcome> {
  const existing = await existingRelease(ctx, tag);
  const { service } = existing;
  const version = existing.release.version;
  const { tags, images, held } = releaseDistribution(ctx, existing, resolveImage(options.image, service), "promote");
  const aliases = { tags, images, held };
  const settings = publishSettings(ctx.config);
  const release = await forge.findByTag(tag);
  if (!release)
    throw new ProblemsError(
      `cannot promote ${tag}`,
      [`${forge.repository} has no draft release for ${tag}`],
      `create the draft first: relnotes release ${tag} --draft`,
    );
  const latest = takesLatest(
    ctx.config,
    { service: service.name, version, prerelease: release.prerelease, draft: false },
    higherStableTagged(ctx.config, ctx.tags, service.name, version),
  );
  const assets = await forge.assetNames(release.id);
  if (!release.draft)
    return { action: "already-published", tag, version, url: release.url, latest, assets, ...aliases };

  const facts = { version, tag, service: service.name };
  const problems = draftProblems(
    release,
    assets,
    settings.requiredAssets.map((g) => expandGlob(g, facts)),
  );
  if (service.changelog && existsSync(join(ctx.config.root, service.changelog))) {
    const undated = undatedHeadingProblem(
      readChangelog(join(ctx.config.root, service.changelog), service.changelog),
      service.changelog,
      version,
      service.name,
    );
    if (undated) problems.push(undated);
  }
  if (problems.length > 0)
    throw new ProblemsError(
      `cannot promote ${tag}: the draft is not ready`,
      problems,
      `fix the draft on ${forge.host} (or re-run relnotes release), attach the missing assets, then run promote again`,
    );

  const published = await forge.publish(release.id, { latest });
  return { action: "published", tag, version, url: published.url, latest, assets, ...aliases };
}
