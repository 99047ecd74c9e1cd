import { major, minor, parse } from "semver";
import type { ConventionalCommit } from "../commits/types.js";
import type { BumpLevel, ResolvedConfig } from "../config/types.js";
import { latestDecision } from "../versioning/latest.js";
import { levelForBreaking } from "../versioning/next-version.js";
import { agree, count } from "../text/words.js";

const ORDER: Record<BumpLevel, number> = { patch: 1, minor: 2, major: 3 };

/** Where the level that was applied came from, as a user wrote it. */
export type LevelSource =
  | { kind: "flag"; level: BumpLevel }
  | { kind: "default"; level: BumpLevel }
  | { kind: "version"; version: string };

/** The level a version is above `base` (the previous stable release): `1.2.0` → `2.0.1` is major. */
function levelBetween(base: string, version: string): BumpLevel {
  const v = parse(version)!;
  if (v.major !== major(base)) return "major";
  return v.minor !== minor(base) ? "minor" : "patch";
}

/**
 * A release below the level its commits call for, in words: "1 breaking
 * change released as a patch (--bump patch; the commits call for major)".
 * Null when the release is at or above that level.
 */
export function underBumpWarning(
  config: ResolvedConfig,
  commits: readonly ConventionalCommit[],
  base: string | null,
  source: LevelSource,
): string | null {
  if (base === null) return null;
  const applied = source.kind === "version" ? levelBetween(base, source.version) : source.level;
  const callFor = (c: ConventionalCommit): BumpLevel | null =>
    c.breaking
      ? levelForBreaking(base, config.bump.zeroMajor)
      : c.type !== null
        ? (config.commits.types[c.type]?.bump ?? null)
        : null;
  const above = commits.filter((c) => {
    const level = callFor(c);
    return level !== null && ORDER[level] > ORDER[applied];
  });
  if (above.length === 0) return null;
  const wanted = above.map(callFor).reduce((a, b) => (ORDER[b!] > ORDER[a!] ? b : a))!;
  const breaking = above.filter((c) => c.breaking).length;
  const types = [...new Set(above.map((c) => c.type))].join("/");
  const what =
    breaking > 0
      ? count(breaking, "breaking change")
      : `${above.length} ${types} ${agree(above.length, "commit", "commits")}`;
  const why =
    source.kind === "flag"
      ? `--bump ${source.level}`
      : source.kind === "default"
        ? `bump.default is "${source.level}"; --auto follows the commits`
        : `version ${source.version} given`;
  return `${what} released as a ${applied} (${why}; the commits call for ${wanted})`;
}

/**
 * What the plan says about the forge release: made or not, where, whether it
 * becomes "Latest", and why. (The public plan calls it `github`, its first forge.)
 */
export interface GitHubOutlook {
  release: "publish" | "draft" | null;
  latest: boolean;
  why: string;
  /** The forge the release is made on: "GitHub", "GitLab", "Gitea". */
  host: string;
  /**
   * With `--no-github`: the release `relnotes release <tag>` makes later (a
   * tag workflow), as the config decides it. Absent otherwise.
   */
  later?: { release: "publish" | "draft"; latest: boolean; why: string };
}

/** Where releases go, and whether this run skips them (`--no-github`). */
export interface PublishTarget {
  host: string;
  skip: boolean;
}

export function githubOutlook(
  config: ResolvedConfig,
  facts: { service: string | null; version: string; prerelease: boolean },
  higher: string | null,
  target: PublishTarget,
): GitHubOutlook {
  const { host } = target;
  if (config.github.release === false)
    return { release: null, latest: false, why: `github.release is false: no ${host} release`, host };
  const draft = config.github.release === "draft";
  const d = latestDecision(config, { ...facts, draft }, higher);
  if (target.skip) {
    const later = { release: config.github.release, latest: d.latest, why: d.why };
    return { release: null, latest: false, why: `--no-github: no ${host} release by this run`, host, later };
  }
  return { release: config.github.release, latest: d.latest, why: d.why, host };
}
