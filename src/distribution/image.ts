import type { ResolvedService } from "../config/types.js";
import { UsageError } from "../errors.js";

// An image name without tag or digest: registry/path components, lowercase.
const IMAGE_NAME =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** The image to name references with: `--image`, else `services.<name>.image`, else none. */
export function resolveImage(option: string | undefined, service: ResolvedService | null): string | null {
  const image = option ?? service?.image ?? null;
  if (image === null) return null;
  if (!IMAGE_NAME.test(image)) {
    throw new UsageError(
      `"${image}" is not an image name`,
      "give the repository without a tag or digest, in lowercase, e.g. --image ghcr.io/org/api",
    );
  }
  return image;
}
