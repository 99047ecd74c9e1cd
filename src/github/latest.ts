import { gt } from "semver";
import type { ResolvedConfig } from "../config/types.js";
import type { TagRef } from "../git/refs.js";
import { collectServiceTags } from "../versioning/service-tags.js";
import type { MakeLatest } from "./port.js";

export interface LatestFacts {
  service: string | null;
  version: string;
  prerelease: boolean;
  draft: boolean;
}

/**
 * GitHub's `make_latest`, always explicit: never for drafts and pre-releases;
 * for a stable release only when config `github.latest` names its service
 * (a monorepo has one "Latest" badge) and no higher stable version of that
 * service is already tagged (a hotfix of an old line must not take the badge).
 */
export function makeLatest(config: ResolvedConfig, facts: LatestFacts, higherStableTagged = false): MakeLatest {
  if (facts.draft || facts.prerelease || higherStableTagged) return "false";
  return config.github.latest !== null && config.github.latest.service === facts.service ? "true" : "false";
}

/** True when the service has a stable release tag above `version`. */
export function higherStableTagged(config: ResolvedConfig, tags: readonly TagRef[], service: string | null, version: string): boolean {
  const resolved = config.services.find((s) => s.name === service);
  if (!resolved) return false;
  return collectServiceTags(tags, resolved, config.tag).releases.some((r) => !r.prerelease && gt(r.version, version));
}
