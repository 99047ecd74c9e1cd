import type { ResolvedConfig } from "../../config/types.js";
import type { Emit } from "../../events.js";
import { ForgeApiError } from "../../forge/errors.js";
import type { ForgeReleases, HostedRelease, ReleaseId } from "../../forge/port.js";
import { publishSettings } from "../../forge/settings.js";
import { takesLatest } from "../../versioning/latest.js";

/** What a forge release is made from: the fields of a ServiceRelease that matter here. */
export interface ReleaseInput {
  tag: string;
  version: string;
  service: string | null;
  prerelease: boolean;
  /** Rendered release notes. */
  notes: string;
  /** The tagged commit: if the tag has not reached the forge yet, it is created there, not on the default branch. */
  commit?: string | null;
}

export interface ReleaseOptions {
  /** Create (or keep) the release as a draft. */
  draft: boolean;
  /** A higher stable version of the service is tagged: this release must not take "Latest". */
  superseded?: boolean;
  emit?: Emit;
}

export interface ReleaseOutcome {
  action: "created" | "updated" | "unchanged";
  tag: string;
  id: ReleaseId;
  url: string;
  draft: boolean;
  prerelease: boolean;
  /** The release took the "Latest" mark. */
  latest: boolean;
}

/** `api v1.3.0`; `v1.3.0` for a single package. */
export function releaseName(service: string | null, version: string): string {
  return service ? `${service} v${version}` : `v${version}`;
}

/** Draft or not for a release created now: `--draft`, or the configured publish mode "draft". */
export function wantsDraft(config: ResolvedConfig, draftFlag: boolean | undefined): boolean {
  return draftFlag === true || publishSettings(config).mode === "draft";
}

interface Wanted {
  title: string;
  notes: string;
  draft: boolean;
  prerelease: boolean;
}

function outcome(action: ReleaseOutcome["action"], release: HostedRelease, latest: boolean): ReleaseOutcome {
  return {
    action,
    tag: release.tag,
    id: release.id,
    url: release.url,
    draft: release.draft,
    prerelease: release.prerelease,
    latest,
  };
}

async function update(
  forge: ForgeReleases,
  existing: HostedRelease,
  wanted: Wanted,
  latest: boolean,
): Promise<ReleaseOutcome> {
  const unchanged =
    existing.title === wanted.title &&
    existing.notes === wanted.notes &&
    existing.draft === wanted.draft &&
    existing.prerelease === wanted.prerelease &&
    !latest;
  if (unchanged) return outcome("unchanged", existing, latest);
  return outcome("updated", await forge.update(existing.id, { ...wanted, latest }), latest);
}

/**
 * Create the forge release of a tag, or update the one that exists (published
 * or draft): never a second release for one tag. The create request is not
 * retried blindly: after a failure the tag is looked up again, so a release
 * the forge made before the connection dropped is updated, not duplicated.
 */
export async function createOrUpdateRelease(
  forge: ForgeReleases,
  config: ResolvedConfig,
  input: ReleaseInput,
  options: ReleaseOptions,
): Promise<ReleaseOutcome> {
  const existing = await forge.findByTag(input.tag);
  // An already published release stays published: re-running with --draft must not take it down.
  if (existing && !existing.draft && options.draft)
    options.emit?.({
      type: "warning",
      message: `the release of ${input.tag} is already published; it stays published (${existing.url})`,
    });
  const draft = options.draft && (!existing || existing.draft);
  const latest = takesLatest(
    config,
    { service: input.service, version: input.version, prerelease: input.prerelease, draft },
    options.superseded,
  );
  const wanted: Wanted = {
    title: releaseName(input.service, input.version),
    notes: input.notes,
    draft,
    prerelease: input.prerelease,
  };
  if (existing) return update(forge, existing, wanted, latest);
  const create = { tag: input.tag, ...wanted, latest, ...(input.commit ? { commit: input.commit } : {}) };
  for (let attempt = 0; ; attempt++) {
    try {
      return outcome("created", await forge.create(create), latest);
    } catch (e) {
      if (!(e instanceof ForgeApiError) || !(e.transient || e.failure === "already-exists")) throw e;
      const made = await forge.findByTag(input.tag);
      if (made) return update(forge, made, wanted, latest);
      if (!e.transient || attempt >= forge.retry.retries) throw e;
      options.emit?.({
        type: "warning",
        message: `${e.message}; no release for ${input.tag} exists yet, trying again`,
      });
      await forge.retry.wait(attempt);
    }
  }
}
