import { gt } from "semver";
import type { ResolvedConfig } from "../config/types.js";
import { publishSettings } from "../forge/settings.js";
import type { TagRef } from "../git/refs.js";
import { collectServiceTags } from "./service-tags.js";

export interface LatestFacts {
  service: string | null;
  version: string;
  prerelease: boolean;
  draft: boolean;
}

export interface LatestDecision {
  /** The release takes the repository's "Latest" mark. */
  latest: boolean;
  /** Why, in words a user can act on: `github.latest is "api"`. */
  why: string;
}

/**
 * Whether a release takes the forge's "Latest" mark, always decided, and why:
 * never for drafts and pre-releases; for a stable release only when the
 * config names its service (a monorepo has one "Latest" badge) and no higher
 * stable version of that service is already tagged (a hotfix of an old line
 * must not take the badge). `higher` is that higher version, if any.
 */
export function latestDecision(
  config: ResolvedConfig,
  facts: LatestFacts,
  higher: string | null = null,
): LatestDecision {
  const no = (why: string): LatestDecision => ({ latest: false, why });
  if (facts.prerelease) return no("a pre-release is never Latest");
  if (facts.draft) return no("a draft is not Latest; relnotes promote publishes it and marks it Latest");
  const { latest: owner, terms } = publishSettings(config);
  const key = terms.latestKey;
  const name = facts.service === null ? "the package" : facts.service;
  if (owner === null) {
    return no(
      config.monorepo
        ? `${key} names no service, so no release of this monorepo becomes Latest; set ${key}: "${name}" to give ` +
            "it the badge"
        : `${key} is off`,
    );
  }
  if (owner.service !== facts.service) return no(`${key} is "${owner.service}", not ${name}`);
  if (higher !== null) return no(`${higher} is a higher stable release of ${name}`);
  return { latest: true, why: config.monorepo ? `${key} is "${owner.service}"` : "the newest stable release" };
}

/** Just the yes or no of latestDecision. */
export function takesLatest(config: ResolvedConfig, facts: LatestFacts, higherStableTagged = false): boolean {
  return latestDecision(config, facts, higherStableTagged ? "a higher version" : null).latest;
}

/** True when the service has a stable release tag above `version`. */
export function higherStableTagged(
  config: ResolvedConfig,
  tags: readonly TagRef[],
  service: string | null,
  version: string,
): boolean {
  return highestStableAbove(config, tags, service, version) !== null;
}

/** The service's highest stable release version above `version`, or null. */
export function highestStableAbove(
  config: ResolvedConfig,
  tags: readonly TagRef[],
  service: string | null,
  version: string,
): string | null {
  const resolved = config.services.find((s) => s.name === service);
  if (!resolved) return null;
  // Releases come highest first.
  return (
    collectServiceTags(tags, resolved, config.tag).releases.find((r) => !r.prerelease && gt(r.version, version))
      ?.version ?? null
  );
}
