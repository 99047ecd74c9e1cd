import type { ConventionalCommit } from "../commits/types.js";
import type { SkipCounts } from "../commits/classify.js";
import type { ReleaseContext } from "../render/context.js";
import type { BumpKind } from "../versioning/next-version.js";
import type { GitHubOutlook } from "./surprises.js";
import type { FileChange } from "../files/diff.js";
import type { FinalFile } from "../files/working-files.js";

export type { FileChange, FinalFile };

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
  /** This release's file edits, each against the text the releases before it in the plan left. */
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

/**
 * What a release will do, as plain data: it survives JSON.stringify and
 * JSON.parse unchanged, and bump can apply a plan read back that way.
 */
export interface ReleasePlan {
  releases: ServiceRelease[];
  skipped: SkippedService[];
  /** Every warning said while planning (`preview --json` lists them, so a script never reads stderr). */
  warnings: string[];
  /** Every file the plan edits: its text on disk now and its final text (what apply writes), in the order first edited. */
  files: FinalFile[];
}
