import { compare, diff, gt, inc, major, parse, prerelease } from "semver";
import type { BumpLevel } from "../config/types.js";

export type BumpKind = BumpLevel | "prerelease" | "explicit";

export interface VersionRequest {
  /** `--version` or `api@v1.2.3`: this exact version. */
  explicit?: string;
  /** `--bump`: this level instead of the one from commits. */
  level?: BumpLevel;
  /** `--rc` / `--pre <label>`: a pre-release with this label. */
  preLabel?: string;
}

export interface VersionInput {
  /** Highest release reachable from HEAD (any kind), not counting a stale pre-release (src/history/releases.ts). */
  latest: string | null;
  /** Highest stable release reachable from HEAD. */
  latestStable: string | null;
  /** Every release version in the namespace, reachable or not. */
  existing: readonly string[];
  /** The level the commits ask for (breaking already mapped per zeroMajor against the stable base), or null. */
  commitsLevel: BumpLevel | null;
  /** Highest `Release-As:` version among the commits, or null. */
  releaseAs: string | null;
  request: VersionRequest;
  defaultLevel: "auto" | BumpLevel;
  initialVersion: string | null;
}

export type VersionDecision =
  | { kind: "release"; version: string; bump: BumpKind; graduates?: string }
  | { kind: "nothing"; reason: string }
  | { kind: "needs-first-version" }
  | { kind: "conflict"; version: string; reason: "exists" | "not-greater"; latest: string | null };

const LEVEL_ORDER: Record<BumpLevel, number> = { patch: 1, minor: 2, major: 3 };

export function maxLevel(a: BumpLevel | null, b: BumpLevel | null): BumpLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return LEVEL_ORDER[a] >= LEVEL_ORDER[b] ? a : b;
}

/** Below 1.0.0 a breaking change bumps the minor unless configured otherwise (SemVer item 4). */
export function levelForBreaking(base: string | null, zeroMajor: "minor-for-breaking" | "major"): BumpLevel {
  return base !== null && major(base) === 0 && zeroMajor === "minor-for-breaking" ? "minor" : "major";
}

function core(version: string): string {
  const v = parse(version)!;
  return `${v.major}.${v.minor}.${v.patch}`;
}

/** Next pre-release number for `core-label.N`: one above the highest existing N. */
function nextPreNumber(existing: readonly string[], coreVersion: string, label: string): number {
  let highest = 0;
  for (const v of existing) {
    const pre = prerelease(v);
    if (!pre || core(v) !== coreVersion || pre[0] !== label) continue;
    const n = pre.length === 2 && typeof pre[1] === "number" ? pre[1] : 0;
    highest = Math.max(highest, n);
  }
  return highest + 1;
}

/**
 * Decide the next version of one service. Pure: every fact about the
 * repository comes in through `input`.
 */
export function decideVersion(input: VersionInput): VersionDecision {
  const { latest, latestStable, existing, request } = input;
  let version: string;
  let bump: BumpKind;

  if (request.explicit !== undefined) {
    version = request.explicit;
    bump = "explicit";
  } else if (input.releaseAs !== null && request.level === undefined && request.preLabel === undefined) {
    version = input.releaseAs;
    bump = "explicit";
  } else if (latest === null || (latestStable === null && !request.preLabel)) {
    // No stable release yet (none at all, or only pre-releases): a first stable version is chosen, never guessed.
    if (input.initialVersion === null) return { kind: "needs-first-version" };
    version = request.preLabel
      ? `${input.initialVersion}-${request.preLabel}.${nextPreNumber(existing, input.initialVersion, request.preLabel)}`
      : input.initialVersion;
    bump = request.preLabel ? "prerelease" : "explicit";
  } else {
    const level = request.level ?? (input.defaultLevel === "auto" ? input.commitsLevel : input.defaultLevel);
    if (level === null) return { kind: "nothing", reason: "no commit asks for a release" };
    // A stable version is numbered from the last stable release; an open
    // pre-release line (1.3.0-rc.2) is never released below its core (1.3.0).
    let target = latestStable === null ? null : inc(latestStable, level);
    const openPre = prerelease(latest) ? core(latest) : null;
    if (openPre !== null && (target === null || compare(target, openPre) < 0)) target = openPre;
    if (target === null) target = inc(latest, level)!;
    // A stable version with the open pre-release's core graduates it (2.0.0 after 2.0.0-rc.3).
    const graduates = openPre !== null && compare(target, openPre) === 0;
    if (request.preLabel) {
      version = `${target}-${request.preLabel}.${nextPreNumber(existing, target, request.preLabel)}`;
      bump = "prerelease";
    } else {
      version = target;
      // The level is what the version really changes from the last stable release, not what the commits asked for.
      bump = latestStable === null ? level : ((diff(latestStable, version) as BumpLevel | null) ?? level);
      if (graduates && !existing.some((v) => compare(v, version) === 0) && gt(version, latest))
        return { kind: "release", version, bump, graduates: latest };
    }
  }

  if (existing.some((v) => compare(v, version) === 0)) return { kind: "conflict", version, reason: "exists", latest };
  if (latest !== null && !gt(version, latest)) return { kind: "conflict", version, reason: "not-greater", latest };
  return { kind: "release", version, bump };
}
