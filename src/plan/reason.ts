import type { ConventionalCommit } from "../commits/types.js";
import type { BumpKind } from "../versioning/next-version.js";

/** `minor: 2 feat, 1 fix, 1 perf` — why a version was chosen, in one line. */
export function describeReason(bump: BumpKind, commits: readonly ConventionalCommit[], forcedBy: string | null, typeOrder: readonly string[]): string {
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
