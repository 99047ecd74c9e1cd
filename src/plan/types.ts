import type { ConventionalCommit } from "../commits/types.js";
import type { SkipCounts } from "../commits/classify.js";
import type { ReleaseContext } from "../render/context.js";
import type { BumpKind } from "../versioning/next-version.js";
import type { GitHubOutlook } from "./surprises.js";
import type { WorkingFiles } from "./working-files.js";

/** A file the release will write: its bytes before and after, and the unified diff. */
export interface FileChange {
  path: string;
  /** null when the file does not exist yet. */
  before: string | null;
  after: string;
  diff: string;
}

/** One service's next release. */
export interface ServiceRelease {
  service: string | null;
  previousTag: string | null;
  previousVersion: string | null;
  bump: BumpKind;
  /** The pre-release a stable version graduates (`2.0.0-rc.3` for 2.0.0), when the open pre-release line set the version. */
  graduates: string | null;
  version: string;
  tag: string;
  prerelease: boolean;
  /** Commits released, newest first. */
  commits: ConventionalCommit[];
  skipped: SkipCounts;
  /** Release date, YYYY-MM-DD in the configured time zone. */
  date: string;
  /** Why this version: `minor: 2 feat, 1 fix`. */
  reason: string;
  /** What is surprising about this release: `api: 1 breaking change released as a patch (…)`. */
  warnings: string[];
  /** Whether a GitHub release is made, whether it becomes "Latest", and why. */
  github: GitHubOutlook;
  /** Why the monorepo graph releases it or raised its version ("depends on lib 2.0.0", "fixed group api, sdk"); empty when its own commits decide. */
  releasedFor: string[];
  /** Internal dependencies released in the same plan, with their new versions. */
  dependencies: { service: string; version: string }[];
  /** Rendered release notes (markdown). */
  notes: string;
  files: FileChange[];
  /** The data the changelog and notes templates received (`--context` prints it). */
  context: ReleaseContext;
  /** The commit that will be tagged when nothing is committed (HEAD at plan time). */
  head: string;
}

/** A service that is not released, and why. */
export interface SkippedService {
  service: string | null;
  reason: "nothing-to-release" | "first-release";
  message: string;
  /** The exact command that would release it, when one is needed. */
  hint?: string;
}

export interface ReleasePlan {
  releases: ServiceRelease[];
  skipped: SkippedService[];
  warnings: string[];
  /** The planned work tree: the final text of every file the plan edits (what apply writes). */
  files: WorkingFiles;
}
