import { checkManifestVersions } from "./manifest-version.js";
import { commitLint } from "./commit-lint.js";
import type { Checker } from "./types.js";

/** Every check `relnotes check` runs, in the order their problems are listed. */
export const checkers: Checker[] = [commitLint, checkManifestVersions];
