import { ManifestError } from "../../src/manifests/types.js";

/** The ManifestError `work` throws (fails the test when it throws nothing or something else). */
export function manifestError(work: () => unknown): ManifestError {
  try {
    work();
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error("expected a ManifestError");
}
