import { publishSettings } from "../forge/settings.js";
import type { RenderSession } from "../render/render.js";
import type { ReleasePlan, ServiceRelease } from "../plan/types.js";
import { compareUrl } from "../render/context.js";
import type { ReleaseState, SavedRelease, Step } from "./state.js";

/** `api v1.3.0, vault v0.4.1` (single package: `v1.3.0`): the `{releases}` of the commit message. */
export function releasesText(releases: readonly Pick<ServiceRelease, "service" | "version">[]): string {
  return releases.map((r) => `${r.service ? `${r.service} ` : ""}v${r.version}`).join(", ");
}

/**
 * The release commit's message: config release.commitMessage with `{releases}` filled in
 * (`chore(release): api v1.3.0, vault v0.4.1`). The same text for bump's commit and the release pull request's.
 */
export function releaseCommitMessage(
  ctx: Pick<RenderSession, "renderer" | "config">,
  releases: readonly Pick<ServiceRelease, "service" | "version">[],
): string {
  const text = releasesText(releases);
  return ctx.renderer.plain(ctx.config.release.commitMessage, { releases: text }).replaceAll("{releases}", text);
}

/** `RELNOTES_API_VERSION` for service `api` (`control-api` → `RELNOTES_CONTROL_API_VERSION`). */
export function serviceEnvName(service: string | null, what: "VERSION" | "TAG"): string {
  return service === null ? `RELNOTES_${what}` : `RELNOTES_${service.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_${what}`;
}

/** The environment of hooks.beforeCommit: what is being released. */
export function hookEnvironment(
  releases: readonly Pick<ServiceRelease, "service" | "version" | "tag">[],
): Record<string, string> {
  const env: Record<string, string> = {
    RELNOTES_RELEASES: releasesText(releases),
    RELNOTES_TAGS: releases.map((r) => r.tag).join(" "),
  };
  for (const r of releases) {
    env[serviceEnvName(r.service, "VERSION")] = r.version;
    env[serviceEnvName(r.service, "TAG")] = r.tag;
  }
  if (releases.length === 1) {
    env.RELNOTES_VERSION = releases[0]!.version;
    env.RELNOTES_TAG = releases[0]!.tag;
  }
  return env;
}

/** What a tag's message (config tag.message) is rendered from. */
export type TagMessageFacts = Pick<
  ServiceRelease,
  "service" | "version" | "tag" | "previousTag" | "previousVersion" | "date" | "prerelease" | "notes"
>;

/** The annotated tag's message: config tag.message rendered for the release (the tag name when it renders empty). */
export function tagMessage(ctx: RenderSession, r: TagMessageFacts, compare: string | null): string {
  const data = {
    service: r.service,
    version: r.version,
    tag: r.tag,
    previousTag: r.previousTag,
    previousVersion: r.previousVersion,
    date: r.date,
    prerelease: r.prerelease,
    notes: r.notes,
    compareUrl: compare,
  };
  const text = ctx.renderer.plain(ctx.config.tag.message, data).trim();
  return text || r.tag;
}

/** Turn an approved plan into the saved release: every step to run, none done. */
export function prepareRelease(
  ctx: RenderSession,
  plan: ReleasePlan,
  branch: string,
  dirtyAtStart: string[],
  publishing: boolean,
): ReleaseState {
  const settings = publishSettings(ctx.config);
  const files = plan.files;
  const releases: SavedRelease[] = plan.releases.map((r) => {
    const compare = compareUrl(ctx.repository, r.previousTag, r.tag);
    return {
      service: r.service,
      version: r.version,
      tag: r.tag,
      previousTag: r.previousTag,
      prerelease: r.prerelease,
      notes: r.notes,
      compareUrl: compare,
      tagMessage: tagMessage(ctx, r, compare),
      sign: ctx.config.tag.signing[r.prerelease ? "prerelease" : "stable"],
    };
  });
  const committing = files.length > 0;
  const commitMessage = committing ? releaseCommitMessage(ctx, plan.releases) : null;
  const steps: Step[] = [];
  if (committing) {
    steps.push({ id: "write", kind: "write", done: false });
    if (ctx.config.hooks.beforeCommit.length > 0) steps.push({ id: "hooks", kind: "hooks", done: false });
    steps.push({ id: "commit", kind: "commit", done: false });
  }
  for (const r of releases) steps.push({ id: `tag:${r.tag}`, kind: "tag", tag: r.tag, done: false });
  if (committing) steps.push({ id: "push-branch", kind: "push-branch", done: false });
  for (const r of releases) steps.push({ id: `push:${r.tag}`, kind: "push-tag", tag: r.tag, done: false });
  if (publishing)
    for (const r of releases) steps.push({ id: `publish:${r.tag}`, kind: "publish", tag: r.tag, done: false });
  return {
    format: 2,
    startedAt: ctx.now.toISOString(),
    remote: ctx.config.branches.remote,
    branch,
    startHead: ctx.head.sha,
    dirtyAtStart,
    hooks: committing ? ctx.config.hooks.beforeCommit : [],
    hookEnv: hookEnvironment(plan.releases),
    commitMessage,
    releases,
    files,
    hookChanged: [],
    commit: null,
    tagObjects: {},
    publish: publishing ? settings.mode : false,
    host: settings.terms,
    repositoryUrl: ctx.repository?.url ?? null,
    steps,
  };
}
