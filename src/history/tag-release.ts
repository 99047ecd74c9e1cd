import { lt } from "semver";
import type { ResolvedService } from "../config/types.js";
import { RelnotesError } from "../errors.js";
import { selectRange } from "./range.js";
import type { PlanContext, ReadContext } from "../plan/context.js";
import { buildReleaseContext, type ReleaseContext, type ReleaseFacts } from "../render/context.js";
import { formatDate } from "../render/dates.js";
import { highestReachable } from "../versioning/reachable.js";
import { collectServiceTags, type ReleaseTag, type ServiceTags } from "../versioning/service-tags.js";

export interface ExistingRelease {
  service: ResolvedService;
  tags: ServiceTags;
  release: ReleaseTag;
  /** The release this one follows: the previous stable for a stable version, the previous of any kind for a pre-release. */
  previous: ReleaseTag | null;
}

/** Which configured service a tag name belongs to, or an error listing the known namespaces. */
export function serviceOfTag(ctx: ReadContext, tagName: string): { service: ResolvedService; version: string } {
  const invalid: string[] = [];
  for (const service of [...ctx.config.services].sort((a, b) => (b.name ?? "").length - (a.name ?? "").length)) {
    const m = service.tagFormat.match(service.name, tagName);
    if (m.kind === "release") return { service, version: m.version };
    if (m.kind === "invalid-version") invalid.push(m.version);
  }
  if (invalid.length > 0) throw new RelnotesError(`tag ${tagName}: "${invalid[0]}" is not a SemVer 2.0.0 version`, "release tags carry a strict version like 1.2.3 or 1.3.0-rc.1");
  const known = ctx.config.services.map((s) => `${s.tagFormat.prefix(s.name)}*`).join(", ");
  throw new RelnotesError(`tag ${tagName} does not belong to any configured service`, `known tag namespaces: ${known}`);
}

/** Find an existing release tag and the release before it (reachable from it). */
export async function existingRelease(ctx: ReadContext, tagName: string): Promise<ExistingRelease> {
  const { service } = serviceOfTag(ctx, tagName);
  const tags = collectServiceTags(ctx.tags, service);
  const release = tags.releases.find((r) => r.ref.name === tagName);
  if (!release) throw new RelnotesError(`tag ${tagName} does not exist in this repository`, "fetch tags first: git fetch --tags");
  const previous = await highestReachable(ctx.git, tags.releases, release.ref.commit, (r) => lt(r.version, release.version) && (release.prerelease || !r.prerelease));
  return { service, tags, release, previous };
}

/** The render context of an existing release tag, dated by the tag. */
export async function existingReleaseContext(ctx: PlanContext, existing: ExistingRelease): Promise<ReleaseContext> {
  const selection = await selectRange(ctx, existing.service, existing.previous?.ref.commit ?? null, existing.release.ref.commit);
  const facts: ReleaseFacts = {
    service: existing.service.name,
    version: existing.release.version,
    tag: existing.release.ref.name,
    previousTag: existing.previous?.ref.name ?? null,
    previousVersion: existing.previous?.version ?? null,
    date: formatDate(new Date(existing.release.ref.date), ctx.config.changelog.timeZone),
    prerelease: existing.release.prerelease,
    commits: selection.commits,
  };
  return buildReleaseContext(facts, ctx.config, ctx.repository);
}
