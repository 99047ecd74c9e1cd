import { compare, major, parse, prerelease } from "semver";
import type { DistributionPolicy } from "../config/types.js";
import { RelnotesError } from "../errors.js";
import {
  isMajorOnly,
  parseTemplate,
  renderTemplate,
  type BuildKind,
  type TagTemplate,
  type TemplateValues,
} from "../tags/distribution-template.js";

/** A rolling alias the release does not move, and the newer release that holds it. */
export interface HeldAlias {
  alias: string;
  heldBy: string;
}

export interface TagMatrix {
  /** Image tags to push now, in the order of the configured templates. */
  tags: string[];
  /** Rolling aliases left where they are, because a newer release owns them. */
  held: HeldAlias[];
  /** Rolling aliases this release will get, but from `relnotes promote` (distribution.promote). */
  deferred: string[];
}

/** One build: a release version (null for a main-branch build), its commit, and its date. */
export interface BuildFacts {
  version: string;
  commit: string;
  date: Date;
}

/** `release`: what the tag-triggered pipeline pushes; `promote`: the deferred aliases promote moves. */
export type Stage = "release" | "promote";

/** The first 7 hex digits: the same for every clone, unlike `git rev-parse --short`. */
export function shortSha(commit: string): string {
  return commit.slice(0, 7).toLowerCase();
}

/** An OCI tag allows [A-Za-z0-9_.-]; SemVer build metadata's `+` becomes `_` (as docker/metadata-action does). */
export function imageTagOf(version: string): string {
  return version.replace(/\+/g, "_");
}

function values(service: string | null, build: { version: string | null; commit: string; date: Date }): TemplateValues {
  const v = build.version === null ? null : parse(build.version)!;
  return {
    version: v ? imageTagOf(build.version!) : "",
    major: v ? String(v.major) : "",
    minor: v ? String(v.minor) : "",
    patch: v ? String(v.patch) : "",
    prerelease: v ? v.prerelease.join(".") : "",
    sha: build.commit.toLowerCase(),
    shortSha: shortSha(build.commit),
    date: build.date.toISOString().slice(0, 10),
    service: service ?? "",
  };
}

function render(t: TagTemplate, v: TemplateValues): string {
  const tag = renderTemplate(t, v);
  // OCI distribution spec: a tag is at most 128 characters.
  if (tag.length > 128)
    throw new RelnotesError(
      `distribution tag template "${t.source}" gives a tag of ${tag.length} characters: ${tag.slice(0, 40)}…`,
      "an image tag holds at most 128 characters: shorten the template in distribution.tags",
    );
  return tag;
}

/** A `{major}`-only alias (`X`) is not published below 1.0.0: there a minor may break, so `0` would carry breaking changes. */
function skipped(t: TagTemplate, version: string): boolean {
  return isMajorOnly(t) && major(version) === 0;
}

function kindOf(version: string): BuildKind {
  return prerelease(version) === null ? "stable" : "prerelease";
}

/** The moving aliases a release renders from its kind's list (whether it pushes them at release or at promote). */
function movingAliases(policy: DistributionPolicy, service: string | null, build: BuildFacts): Set<string> {
  const v = values(service, build);
  const aliases = new Set<string>();
  for (const source of policy[kindOf(build.version)]) {
    const t = parseTemplate(source);
    if (!t.pinned && !skipped(t, build.version)) aliases.add(render(t, v));
  }
  return aliases;
}

/**
 * The image tags of a release. Pinned tags (`{version}`, `{sha}`) are always
 * pushed. A moving alias (`{major}.{minor}`, `latest`) moves only forward: it
 * is held, not pushed, when a newer release of the service renders the same
 * alias. `others` are the service's other releases; aliases listed in
 * `distribution.promote` wait for the promote stage.
 */
export function releaseMatrix(
  policy: DistributionPolicy,
  service: string | null,
  release: BuildFacts,
  others: readonly BuildFacts[],
  stage: Stage = "release",
): TagMatrix {
  const kind = kindOf(release.version);
  const own = values(service, release);
  const matrix: TagMatrix = { tags: [], held: [], deferred: [] };
  const newer = others
    .filter((o) => compare(o.version, release.version) > 0)
    .sort((a, b) => compare(b.version, a.version));
  let newerAliases: Set<string>[] | null = null;
  for (const source of policy[kind]) {
    const t = parseTemplate(source);
    const atPromote = kind === "stable" && policy.promote.includes(source);
    if ((stage === "promote" && !atPromote) || skipped(t, release.version)) continue;
    const alias = render(t, own);
    if (!t.pinned) {
      newerAliases ??= newer.map((o) => movingAliases(policy, service, o));
      const i = newerAliases.findIndex((set) => set.has(alias));
      if (i !== -1) {
        matrix.held.push({ alias, heldBy: newer[i]!.version });
        continue;
      }
    }
    if (atPromote && stage === "release") matrix.deferred.push(alias);
    else matrix.tags.push(alias);
  }
  return matrix;
}

/** The image tags of a main-branch build of `commit` on `date` (UTC day). Never `latest` (refused at config load). */
export function mainMatrix(policy: DistributionPolicy, service: string | null, commit: string, date: Date): TagMatrix {
  const v = values(service, { version: null, commit, date });
  return { tags: policy.main.map((source) => render(parseTemplate(source), v)), held: [], deferred: [] };
}

/** Full image references: `ghcr.io/org/api` + `1.3.0` → `ghcr.io/org/api:1.3.0`. */
export function imageReferences(image: string, tags: readonly string[]): string[] {
  return tags.map((t) => `${image}:${t}`);
}
