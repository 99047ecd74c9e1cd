import { prerelease } from "semver";
import type { ConventionalCommit } from "../commits/types.js";
import type { ResolvedService } from "../config/types.js";
import type { ReleaseTag } from "../versioning/service-tags.js";
import type { BumpKind } from "../versioning/next-version.js";

/** `minor: 2 feat, 1 fix, 1 perf` — why a version was chosen, in one line. */
export function describeReason(
  bump: BumpKind,
  commits: readonly ConventionalCommit[],
  forcedBy: string | null,
  typeOrder: readonly string[],
): string {
  const counts = new Map<string, number>();
  let breaking = 0;
  for (const c of commits) {
    if (c.breaking) breaking++;
    const key = c.type ?? "other";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rank = (type: string) => (typeOrder.includes(type) ? typeOrder.indexOf(type) : typeOrder.length);
  const ordered = [...counts].sort(([a], [b]) => rank(a) - rank(b));
  const parts = [...(breaking > 0 ? [`${breaking} breaking`] : []), ...ordered.map(([type, n]) => `${n} ${type}`)];
  const head = forcedBy ? `${bump} (${forcedBy})` : bump;
  return parts.length > 0 ? `${head}: ${parts.join(", ")}` : head;
}

/**
 * Why a pre-release number goes up with no new commit: `prerelease: no new
 * commits since rc.1; re-tagging the same commit as rc.2`. `files`: the
 * release edits these (manifest versions), so the tag goes on a new release commit.
 */
export function iterationReason(
  service: ResolvedService,
  latest: ReleaseTag,
  head: string,
  version: string,
  files: readonly string[] = [],
): string {
  // Same core (1.3.0-rc.1 → 1.3.0-rc.2): name the suffixes; another core (--bump major --rc): the whole versions.
  const sameCore = latest.version.split("-")[0] === version.split("-")[0];
  const [from, to] = sameCore
    ? [prerelease(latest.version)!.join("."), prerelease(version)!.join(".")]
    : [latest.version, version];
  if (files.length > 0)
    return (
      `prerelease: no new commits since ${from}; ${to} is tagged on a release commit that updates ` +
      `${files.join(", ")}`
    );
  if (latest.ref.commit === head)
    return `prerelease: no new commits since ${from}; re-tagging the same commit as ${to}`;
  const which = service.name === null ? "" : ` to ${service.name}`;
  return `prerelease: no new commits${which} since ${from}; tagging the current commit (${head.slice(0, 7)}) as ${to}`;
}
