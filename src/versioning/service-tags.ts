import { SemVer } from "semver";
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
  const parsed: { release: ReleaseTag; semver: SemVer }[] = [];
  const invalid: string[] = [];
  for (const ref of tags) {
    const m = service.tagFormat.match(service.name, ref.name);
    if (m.kind === "release") {
      // Parse once: sorting thousands of tags must not re-parse at every comparison.
      const semver = new SemVer(m.version);
      parsed.push({ release: { ref, version: m.version, prerelease: semver.prerelease.length > 0 }, semver });
    } else if (m.kind === "invalid-version") invalid.push(ref.name);
  }
  parsed.sort((a, b) => b.semver.compare(a.semver) || a.release.ref.name.localeCompare(b.release.ref.name));
  return { releases: parsed.map((p) => p.release), invalid };
}
