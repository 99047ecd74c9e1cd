import type { ExistingRelease } from "../history/tag-release.js";
import { imageReferences, releaseMatrix, type HeldAlias } from "./matrix.js";

export interface Distribution {
  /** Image tags to push. */
  tags: string[];
  /** Rolling aliases this release leaves alone. */
  held: HeldAlias[];
  /** The image the references name, or null. */
  image: string | null;
  /** `<image>:<tag>` for every tag; empty without an image. */
  images: string[];
}

/** The distribution tags of an existing release tag, decided from the service's other releases. */
export function releaseDistribution(existing: ExistingRelease, image: string | null): Distribution {
  const others = existing.tags.releases.filter((r) => r.ref.name !== existing.release.ref.name).map((r) => r.version);
  const matrix = releaseMatrix(existing.release.version, existing.release.ref.commit, others);
  return { ...matrix, image, images: image ? imageReferences(image, matrix.tags) : [] };
}
