import { compare, major, minor, prerelease } from "semver";

/** A rolling alias the release does not move, and the newer release that holds it. */
export interface HeldAlias {
  alias: string;
  heldBy: string;
}

export interface TagMatrix {
  /** Image tags to push, most specific first. */
  tags: string[];
  /** Rolling aliases left where they are, because a newer release owns them. */
  held: HeldAlias[];
}

/** `sha-` plus the first 7 hex digits: the same for every clone, unlike `git rev-parse --short`. */
export function shaTag(commit: string): string {
  return `sha-${commit.slice(0, 7).toLowerCase()}`;
}

/** An OCI tag allows [A-Za-z0-9_.-]; SemVer build metadata's `+` becomes `_` (as docker/metadata-action does). */
export function imageTagOf(version: string): string {
  return version.replace(/\+/g, "_");
}

function newestOf(versions: readonly string[], within: (v: string) => boolean): string | null {
  let best: string | null = null;
  for (const v of versions) if (within(v) && (best === null || compare(v, best) > 0)) best = v;
  return best;
}

/**
 * The image tags of a release tag. A pre-release gets only its exact version;
 * a stable one also moves `X.Y`, `X` (from 1.0.0) and `latest`, but an alias
 * moves only forward: never onto this release when a newer stable release
 * already owns it. `existing` are the service's other released versions.
 */
export function releaseMatrix(version: string, commit: string, existing: readonly string[]): TagMatrix {
  const exact = imageTagOf(version);
  if (prerelease(version) !== null) return { tags: [exact, shaTag(commit)], held: [] };
  const stable = existing.filter((v) => prerelease(v) === null && compare(v, version) > 0);
  const [x, y] = [major(version), minor(version)];
  const aliases: { alias: string; newer: string | null }[] = [
    { alias: `${x}.${y}`, newer: newestOf(stable, (v) => major(v) === x && minor(v) === y) },
    ...(x >= 1 ? [{ alias: `${x}`, newer: newestOf(stable, (v) => major(v) === x) }] : []),
    { alias: "latest", newer: newestOf(stable, () => true) },
  ];
  const tags = [exact];
  const held: HeldAlias[] = [];
  for (const a of aliases) {
    if (a.newer === null) tags.push(a.alias);
    else held.push({ alias: a.alias, heldBy: a.newer });
  }
  tags.push(shaTag(commit));
  return { tags, held };
}

/** The image tags of a main-branch build: `edge`, `nightly-YYYY-MM-DD` (UTC), `sha-<short>`. Never `latest`. */
export function mainMatrix(commit: string, when: Date): TagMatrix {
  return { tags: ["edge", `nightly-${when.toISOString().slice(0, 10)}`, shaTag(commit)], held: [] };
}

/** Full image references: `ghcr.io/org/api` + `1.3.0` → `ghcr.io/org/api:1.3.0`. */
export function imageReferences(image: string, tags: readonly string[]): string[] {
  return tags.map((t) => `${image}:${t}`);
}
