import { SemVer } from "semver";
import type { ResolvedService, TagPolicy } from "../config/types.js";
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
  /** Lightweight tags in the namespace, ignored because `tag.annotated` is "required". */
  lightweight: string[];
}

/**
 * The one tag-reading rule: which tags of a namespace are a service's
 * releases. A tag is a release when its name matches the service's tag
 * format with a strict SemVer 2.0.0 version and, with `tag.annotated:
 * "required"`, when it is an annotated tag. Every command reads tags through
 * this function. Pure.
 */
export function collectServiceTags(tags: readonly TagRef[], service: ResolvedService, policy: TagPolicy): ServiceTags {
  const parsed: { release: ReleaseTag; semver: SemVer }[] = [];
  const invalid: string[] = [];
  const lightweight: string[] = [];
  for (const ref of tags) {
    const m = service.tags.match(ref.name);
    if (m.kind === "release") {
      if (policy.annotated === "required" && !ref.annotated) {
        lightweight.push(ref.name);
        continue;
      }
      // Parse once: sorting thousands of tags must not re-parse at every comparison.
      const semver = new SemVer(m.version);
      parsed.push({ release: { ref, version: m.version, prerelease: semver.prerelease.length > 0 }, semver });
    } else if (m.kind === "invalid-version") invalid.push(ref.name);
  }
  parsed.sort((a, b) => b.semver.compare(a.semver) || a.release.ref.name.localeCompare(b.release.ref.name));
  return { releases: parsed.map((p) => p.release), invalid, lightweight };
}
