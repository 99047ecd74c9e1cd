import type { ExistingRelease } from "../history/tag-release.js";
import type { RepoSession } from "../session/session.js";
import { imageReferences, releaseMatrix, type BuildFacts, type HeldAlias, type Stage } from "./matrix.js";

export interface Distribution {
  /** Image tags to push. */
  tags: string[];
  /** Rolling aliases this release leaves alone. */
  held: HeldAlias[];
  /** Rolling aliases `relnotes promote` will move (distribution.promote); empty at the promote stage. */
  deferred: string[];
  /** The image the references name, or null. */
  image: string | null;
  /** `<image>:<tag>` for every tag; empty without an image. */
  images: string[];
}

function facts(r: ExistingRelease["release"]): BuildFacts {
  return { version: r.version, commit: r.ref.commit, date: new Date(r.ref.date) };
}

/**
 * The distribution tags of an existing release tag per config `distribution`,
 * decided from the service's other releases (aliases only move forward).
 * `promote`: only the aliases deferred to `relnotes promote`.
 */
export function releaseDistribution(
  ctx: RepoSession,
  existing: ExistingRelease,
  image: string | null,
  stage: Stage = "release",
): Distribution {
  const others = existing.tags.releases.filter((r) => r.ref.name !== existing.release.ref.name).map(facts);
  const matrix = releaseMatrix(ctx.config.distribution, existing.service.name, facts(existing.release), others, stage);
  return { ...matrix, image, images: image ? imageReferences(image, matrix.tags) : [] };
}
