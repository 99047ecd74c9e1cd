import type { ResolvedService } from "../config/types.js";
import { RelnotesError } from "../errors.js";
import { selectRange } from "./range.js";
import type { RepoSession } from "../session/session.js";
import { buildReleaseContext, type ReleaseContext, type ReleaseFacts } from "../render/context.js";
import { formatDate } from "../render/dates.js";
import type { ReleaseTag, ServiceTags } from "../versioning/service-tags.js";
import { isShallow } from "../git/repo.js";
import { assertHistoryComplete, FETCH_HISTORY_HINT } from "./complete.js";
import { previousRelease, serviceReleases } from "./releases.js";

export interface ExistingRelease {
  service: ResolvedService;
  tags: ServiceTags;
  release: ReleaseTag;
  /** The release this one follows (src/history/releases.ts defines it). */
  previous: ReleaseTag | null;
}

/** Which configured service a tag name belongs to, or an error listing the known namespaces. */
export function serviceOfTag(ctx: RepoSession, tagName: string): { service: ResolvedService; version: string } {
  const invalid: string[] = [];
  for (const service of [...ctx.config.services].sort((a, b) => (b.name ?? "").length - (a.name ?? "").length)) {
    const m = service.tags.match(tagName);
    if (m.kind === "release") return { service, version: m.version };
    if (m.kind === "invalid-version") invalid.push(m.version);
  }
  if (invalid.length > 0)
    throw new RelnotesError(
      `tag ${tagName}: "${invalid[0]}" is not a SemVer 2.0.0 version`,
      "release tags carry a strict version like 1.2.3 or 1.3.0-rc.1",
    );
  const known = ctx.config.services.map((s) => s.tags.pattern).join(", ");
  throw new RelnotesError(`tag ${tagName} does not belong to any configured service`, `known tag namespaces: ${known}`);
}

/**
 * Find an existing release tag and the release before it. Stops when the
 * clone is shallow and the release's range reaches the cut.
 */
export async function existingRelease(ctx: RepoSession, tagName: string): Promise<ExistingRelease> {
  const { service } = serviceOfTag(ctx, tagName);
  const tags = serviceReleases(ctx, service);
  const release = tags.releases.find((r) => r.ref.name === tagName);
  if (!release) {
    if (tags.lightweight.includes(tagName)) {
      throw new RelnotesError(
        `tag ${tagName} is a lightweight tag, and the configuration reads only annotated tags as releases ` +
          `(tag.annotated: "required")`,
        "tag releases with git tag -a (or -s); in GitHub Actions check out with actions/checkout fetch-depth: " +
          "0, since a shallow fetch can bring an annotated tag in as lightweight",
      );
    }
    const shallow = await isShallow(ctx.git);
    throw new RelnotesError(
      `tag ${tagName} does not exist in this ` +
        `repository${shallow ? " (a shallow clone, which holds only the tags of its partial history)" : ""}`,
      shallow ? FETCH_HISTORY_HINT : "fetch tags first: git fetch --tags",
    );
  }
  const previous = await previousRelease(ctx.git, tags, release);
  await assertHistoryComplete(ctx.git, [
    {
      tips: [release.ref.commit],
      exclude: previous ? [previous.ref.commit] : [],
      what: `${tagName} since ${previous?.ref.name ?? "the beginning"}`,
    },
  ]);
  return { service, tags, release, previous };
}

/** The render context of an existing release tag, dated by the tag. */
export async function existingReleaseContext(ctx: RepoSession, existing: ExistingRelease): Promise<ReleaseContext> {
  if (ctx.linksNote) ctx.emit({ type: "warning", message: ctx.linksNote });
  const selection = await selectRange(
    ctx,
    existing.service,
    existing.previous?.ref.commit ?? null,
    existing.release.ref.commit,
  );
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
