import type { ResolvedConfig } from "../../config/types.js";
import type { Emit } from "../../events.js";
import { GitHubApiError } from "../../forge/github/errors.js";
import { findReleaseForTag } from "../../forge/github/find.js";
import { makeLatest } from "../../forge/latest.js";
import type { GitHubRelease, GitHubReleases, MakeLatest, ReleaseFields } from "../../forge/port.js";

/** What a GitHub release is made from: the fields of a ServiceRelease that matter here. */
export interface ReleaseInput {
  tag: string;
  version: string;
  service: string | null;
  prerelease: boolean;
  /** Rendered release notes (the release body). */
  notes: string;
  /** The tagged commit: if the tag has not reached GitHub yet, GitHub creates it there, not on the default branch. */
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
  id: number;
  url: string;
  draft: boolean;
  prerelease: boolean;
  makeLatest: MakeLatest;
}

/** `api v1.3.0`; `v1.3.0` for a single package. */
export function releaseName(service: string | null, version: string): string {
  return service ? `${service} v${version}` : `v${version}`;
}

/** Draft or not for a release created now: `--draft`, or config `github.release: "draft"`. */
export function wantsDraft(config: ResolvedConfig, draftFlag: boolean | undefined): boolean {
  return draftFlag === true || config.github.release === "draft";
}

function outcome(action: ReleaseOutcome["action"], release: GitHubRelease, latest: MakeLatest): ReleaseOutcome {
  return { action, tag: release.tag, id: release.id, url: release.url, draft: release.draft, prerelease: release.prerelease, makeLatest: latest };
}

async function update(github: GitHubReleases, existing: GitHubRelease, fields: ReleaseFields, latest: MakeLatest): Promise<ReleaseOutcome> {
  const unchanged = existing.name === fields.name && existing.body === fields.body && existing.draft === fields.draft && existing.prerelease === fields.prerelease && latest === "false";
  if (unchanged) return outcome("unchanged", existing, latest);
  const { tag_name: _tag, target_commitish: _commit, ...changes } = fields;
  return outcome("updated", await github.update(existing.id, { ...changes, make_latest: latest }), latest);
}

/**
 * Create the GitHub release of a tag, or update the one that exists (published
 * or draft): never a second release for one tag. The create request is not
 * retried blindly: after a failure the tag is looked up again, so a release
 * GitHub made before the connection dropped is updated, not duplicated.
 */
export async function createOrUpdateRelease(github: GitHubReleases, config: ResolvedConfig, input: ReleaseInput, options: ReleaseOptions): Promise<ReleaseOutcome> {
  const existing = await findReleaseForTag(github, input.tag, options.emit);
  // An already published release stays published: re-running with --draft must not take it down.
  if (existing && !existing.draft && options.draft) options.emit?.({ type: "warning", message: `the release of ${input.tag} is already published; it stays published (${existing.url})` });
  const draft = options.draft && (!existing || existing.draft);
  const latest = makeLatest(config, { service: input.service, version: input.version, prerelease: input.prerelease, draft }, options.superseded);
  const fields = { tag_name: input.tag, name: releaseName(input.service, input.version), body: input.notes, draft, prerelease: input.prerelease };
  if (existing) return update(github, existing, fields, latest);
  const create = { ...fields, make_latest: latest, ...(input.commit ? { target_commitish: input.commit } : {}) };
  for (let attempt = 0; ; attempt++) {
    try {
      return outcome("created", await github.create(create), latest);
    } catch (e) {
      if (!(e instanceof GitHubApiError) || !(e.transient || e.failure === "already-exists")) throw e;
      const made = await findReleaseForTag(github, input.tag, options.emit);
      if (made) return update(github, made, fields, latest);
      if (!e.transient || attempt >= github.retry.retries) throw e;
      options.emit?.({ type: "warning", message: `${e.message}; no release for ${input.tag} exists yet, trying again` });
      await github.retry.wait(attempt);
    }
  }
}
