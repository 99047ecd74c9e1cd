import { checkChangelogs } from "./changelog.js";
import { commitLint } from "./commit-lint.js";
import { checkManifestVersions } from "./manifest-version.js";
import { checkTemplates } from "./templates.js";
import type { Checker } from "./types.js";

/** Every check `relnotes check` runs, in the order their problems are listed. */
export const checkers: Checker[] = [commitLint, checkChangelogs, checkManifestVersions, checkTemplates];
