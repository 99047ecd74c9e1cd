import { compare, prerelease } from "semver";
import type { ResolvedService } from "../config/types.js";
import type { TagRef } from "../git/refs.js";

export interface ReleaseTag {
  ref: TagRef;
  version: string;
  prerelease: boolean;
}

export interface ServiceTags {
  /** Release tags of the service, highest version first. */
  releases: ReleaseTag[];
  /** Tags in the service's namespace whose version is not SemVer 2.0.0 (ignored). */
  invalid: string[];
}

/** Sort and classify the tags of one service's namespace. Pure. */
export function collectServiceTags(tags: readonly TagRef[], service: ResolvedService): ServiceTags {
  const releases: ReleaseTag[] = [];
  const invalid: string[] = [];
  for (const ref of tags) {
    const m = service.tagFormat.match(service.name, ref.name);
    if (m.kind === "release") releases.push({ ref, version: m.version, prerelease: prerelease(m.version) !== null });
    else if (m.kind === "invalid-version") invalid.push(ref.name);
  }
  releases.sort((a, b) => compare(b.version, a.version) || a.ref.name.localeCompare(b.ref.name));
  return { releases, invalid };
}
