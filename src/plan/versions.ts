import { gt, prerelease } from "semver";
import type { CommitSelection } from "../commits/classify.js";
import type { BumpLevel, ResolvedService } from "../config/types.js";
import { RelnotesError, UsageError } from "../errors.js";
import { isAncestor } from "../git/repo.js";
import { assertCompleteSince, headReleases } from "../history/current-version.js";
import { selectRange } from "../history/range.js";
import { highestStableAbove } from "../versioning/latest.js";
import { serviceReleases } from "../history/releases.js";
import { buildReleaseContext } from "../render/context.js";
import { formatDate } from "../render/dates.js";
import { decideVersion, levelForBreaking, maxLevel } from "../versioning/next-version.js";
import type { RepoSession } from "../session/session.js";
import type { WorkingFiles } from "../files/working-files.js";
import { planGraph, type Decided, type DraftRelease, type GraphReader } from "./graph.js";
import { explicitVersionArgs, serviceLabel } from "../config/label.js";
import { describeReason, iterationReason } from "./reason.js";
import { publishingForge } from "../forge/open.js";
import { publishSettings } from "../forge/settings.js";
import { githubOutlook, underBumpWarning, type LevelSource } from "./surprises.js";
import type { SkippedService } from "./types.js";
import { selectServices } from "./select.js";
import { agree, commandLine, count } from "../text/words.js";

// The versions of a plan, without its notes and file edits: what `relnotes next` prints, and what
// src/plan/build.ts renders and plans files for. Nothing here renders or diffs, so `next` loads neither.

export interface PlanRequest {
  /** Services named on the command line; empty: every configured service. */
  services: string[];
  /** Per-service explicit versions (`api@v1.2.3`), bare versions. */
  versions: Map<string, string>;
  /** `--version` for every service (bare version). */
  explicit?: string;
  level?: BumpLevel;
  /** `--auto`: the level from the commits, whatever `bump.default` says. */
  auto?: boolean;
  preLabel?: string;
  /** `--no-github`: this run makes no forge releases (the plan says so). */
  skipPublish?: boolean;
}

/** What the versions depend on besides git: the graph between services, read from the work tree. */
export interface VersionInputs {
  graph: GraphReader;
  /** The work tree the graph is read from (created only when a released service lists manifests). */
  files: () => Promise<WorkingFiles>;
  /** Attach pull request numbers to the commits (one more `git log`): for notes and changelogs, not for versions. */
  pullRequests: boolean;
}

function commitsLevel(ctx: RepoSession, selection: CommitSelection, base: string | null): BumpLevel | null {
  let level: BumpLevel | null = null;
  for (const c of selection.commits) {
    if (c.breaking) return levelForBreaking(base, ctx.config.bump.zeroMajor);
    if (c.type !== null) level = maxLevel(level, ctx.config.commits.types[c.type]?.bump ?? null);
  }
  return level;
}

function highestReleaseAs(selection: CommitSelection): string | null {
  let best: string | null = null;
  for (const c of selection.commits) if (c.releaseAs && (best === null || gt(c.releaseAs, best))) best = c.releaseAs;
  return best;
}

function warnSkipped(ctx: RepoSession, service: ResolvedService, selection: CommitSelection): void {
  const n = selection.skipped.unconventional;
  if (n === 0) return;
  const examples = selection.unconventionalSamples
    .map((r) => `${r.sha.slice(0, 7)} "${r.message.split("\n")[0]}"`)
    .join(", ");
  ctx.emit({
    type: "warning",
    message:
      `${serviceLabel(service.name)}: skipped ${count(n, "commit")} that ${agree(n, "is", "are")} not ` +
      `Conventional Commits (${examples}${n > 3 ? ", …" : ""})`,
  });
}

/** Decide one service's version and notes (files come later, in order). */
async function decideService(
  ctx: RepoSession,
  service: ResolvedService,
  request: PlanRequest,
  named: boolean,
  pullRequests: boolean,
): Promise<Decided | SkippedService> {
  const label = serviceLabel(service.name);
  const tags = serviceReleases(ctx, service);
  const ignored = (names: string[], why: string) =>
    names.length > 0 &&
    ctx.emit({
      type: "warning",
      message:
        `${label}: ignored ${count(names.length, "tag")} that ${agree(names.length, "is", "are")} ${why}: ` +
        `${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}`,
    });
  ignored(tags.invalid, "not SemVer 2.0.0");
  ignored(tags.lightweight, 'lightweight (tag.annotated: "required")');
  const { latest, latestStable, stalePre } = await headReleases(ctx, service);
  if (stalePre && latestStable) {
    ctx.emit({
      type: "warning",
      message:
        `${label}: pre-release ${stalePre.ref.name} is older than ${latestStable.ref.name} (which contains it), ` +
        `so it is not continued; versions are numbered from ${latestStable.ref.name}`,
    });
  }
  // Every walk below starts at HEAD and stops at the latest stable release: it must not reach a shallow clone's cut.
  await assertCompleteSince(ctx, service, latestStable);

  const explicit = (service.name !== null ? request.versions.get(service.name) : undefined) ?? request.explicit;
  const wantsPre = explicit !== undefined ? prerelease(explicit) !== null : request.preLabel !== undefined;
  const sinceStable = await selectRange(ctx, service, latestStable?.ref.commit ?? null, ctx.head.sha, { pullRequests });
  let listed = sinceStable;
  let previous = latestStable;
  if (wantsPre && latest !== null && latest !== latestStable) {
    listed = await selectRange(ctx, service, latest.ref.commit, ctx.head.sha, { pullRequests });
    previous = latest;
  }
  warnSkipped(ctx, service, listed);

  // An explicit --rc/--pre on a named service whose latest release is a pre-release iterates it even without new commits.
  const iterating =
    listed.commits.length === 0 &&
    explicit === undefined &&
    request.preLabel !== undefined &&
    named &&
    latest?.prerelease === true;
  if (listed.commits.length === 0 && explicit === undefined && latest !== null && !iterating) {
    const skippedCount = listed.skipped.unconventional + listed.skipped.merge + listed.skipped.autosquash;
    return {
      service: service.name,
      reason: "nothing-to-release",
      message:
        `${label}: nothing to release since ` +
        `${latest.ref.name}${skippedCount > 0 ? ` (${count(skippedCount, "commit")} skipped)` : ""}`,
    };
  }

  const base = latestStable?.version ?? latest?.version ?? null;
  const defaultLevel = request.auto ? "auto" : ctx.config.bump.default;
  const decision = decideVersion({
    latest: latest?.version ?? null,
    latestStable: latestStable?.version ?? null,
    existing: tags.releases.map((r) => r.version),
    commitsLevel: commitsLevel(ctx, sinceStable, base),
    releaseAs: highestReleaseAs(sinceStable),
    request: { explicit, level: request.level, preLabel: request.preLabel },
    defaultLevel,
    initialVersion: ctx.config.bump.initialVersion,
  });

  switch (decision.kind) {
    case "needs-first-version": {
      const onlyPre = latest !== null;
      const hint =
        "relnotes bump " +
        `${explicitVersionArgs(service.name, onlyPre ? latest.version.replace(/[-+].*$/, "") : "0.1.0")}`;
      const message = onlyPre
        ? `${label} has only pre-releases (latest ${latest.ref.name}): a first stable release needs an explicit version`
        : `${label} has no release yet (no tag matches ${service.tags.pattern}): a first release needs an ` +
          "explicit version";
      const missingTags = `; if it was released before, this clone may lack its tags: git fetch --tags`;
      if (named) throw new RelnotesError(message, `pass one, e.g.: ${hint}${missingTags}`);
      return { service: service.name, reason: "first-release", message, hint };
    }
    case "nothing":
      return {
        service: service.name,
        reason: "nothing-to-release",
        message:
          `${label}: nothing to release since ${latest?.ref.name ?? "the start"} ` +
          `(${count(listed.commits.length, "commit")}, none of a type that releases)`,
        hint: `to release anyway: relnotes bump ${service.name ?? ""}${service.name ? " " : ""}--bump patch`.replace(
          / +/g,
          " ",
        ),
      };
    case "conflict": {
      const tag = service.tags.tag(decision.version);
      if (decision.reason === "exists") {
        const existing = tags.releases.find((r) => r.version === decision.version);
        // A teammate's release on a commit ahead of HEAD: numbering past it would skip their work; the fix is to update the branch.
        if (
          existing &&
          existing.ref.commit !== ctx.head.sha &&
          (await isAncestor(ctx.git, ctx.head.sha, existing.ref.commit))
        ) {
          const { remote } = ctx.config.branches;
          throw new RelnotesError(
            `tag ${tag} already exists on commit ${existing.ref.commit.slice(0, 12)}, which is ahead of HEAD: ` +
              "this branch is behind that release",
            "update the branch first: git pull --ff-only " +
              `${remote}${ctx.head.branch ? ` ${ctx.head.branch}` : ""}, then plan again`,
          );
        }
        throw new RelnotesError(
          `tag ${tag} already exists; tags are immutable and are never moved or overwritten`,
          "release the next version instead (e.g. " +
            `${commandLine("relnotes", "bump", service.name, "--bump", "patch")}), after fetching tags: git ` +
            "fetch --tags",
        );
      }
      const latestTag = latest ? latest.ref.name : "";
      throw new RelnotesError(
        `${label} ${decision.version} is not greater than ${latestTag}, the latest release reachable from HEAD`,
        `pick a version above ${decision.latest}`,
      );
    }
    case "release":
      break;
  }

  const version = decision.version;
  const isPre = prerelease(version) !== null;
  const facts = {
    service: service.name,
    version,
    tag: service.tags.tag(version),
    previousTag: previous?.ref.name ?? null,
    previousVersion: previous?.version ?? null,
    date: formatDate(ctx.now, ctx.config.changelog.timeZone),
    prerelease: isPre,
    commits: listed.commits,
  };
  const context = buildReleaseContext(facts, ctx.config, ctx.repository);
  const release: DraftRelease = {
    ...facts,
    bump: decision.bump,
    graduates: decision.graduates ?? null,
    skipped: listed.skipped,
    reason: iterating
      ? iterationReason(service, latest!, ctx.head.sha, version)
      : describeReason(
          decision.bump,
          listed.commits,
          explicit !== undefined ? "version given" : decision.bump === "explicit" ? "Release-As footer" : null,
          Object.keys(ctx.config.commits.types),
        ),
    warnings: [],
    github: githubOutlook(ctx.config, facts, highestStableAbove(ctx.config, ctx.tags, service.name, version), {
      host: publishingForge(publishSettings(ctx.config), ctx.repository).name,
      skip: request.skipPublish ?? false,
    }),
    releasedFor: [],
    dependencies: [],
    context,
    head: ctx.head.sha,
  };
  const source: LevelSource | null =
    explicit !== undefined
      ? { kind: "version", version: explicit }
      : request.level
        ? { kind: "flag", level: request.level }
        : defaultLevel !== "auto" && decision.bump !== "explicit"
          ? { kind: "default", level: defaultLevel }
          : null;
  const under = source && underBumpWarning(ctx.config, sinceStable.commits, latestStable?.version ?? null, source);
  if (under) release.warnings.push(`${label}: ${under}`);
  return { service, release, context, iterated: iterating ? latest : null };
}

/** The services a request selects (config order); a version given for a service not selected is an error. */
export function selectRequested(ctx: RepoSession, request: PlanRequest): ResolvedService[] {
  const services = selectServices(ctx, request.services);
  for (const name of request.versions.keys()) {
    if (!request.services.includes(name)) throw new UsageError(`version given for "${name}", which is not selected`);
  }
  return services;
}

/**
 * Decide the version of each service `selectRequested` chose, then the releases the
 * graph between services adds or raises (dependents, fixed and linked groups), in
 * topological order: every release with its commits, reason and render context, but
 * without notes and file edits. Reads git and files, writes nothing.
 */
export async function decideReleases(
  ctx: RepoSession,
  request: PlanRequest,
  services: ResolvedService[],
  inputs: VersionInputs,
): Promise<(Decided | SkippedService)[]> {
  const named = request.services.length > 0 || !ctx.config.monorepo;
  const decide = (s: ResolvedService, r: PlanRequest, isNamed: boolean) =>
    decideService(ctx, s, r, isNamed, inputs.pullRequests);
  // Versions are independent per service: decide them concurrently (one git log each).
  const own = await Promise.all(services.map((s) => decide(s, request, named)));
  // Dependents and version groups, then dependencies before dependents.
  return planGraph(ctx, services, own, { read: inputs.graph, files: inputs.files }, (s, version) =>
    decide(s, { ...request, versions: new Map([[s.name!, version]]) }, true),
  );
}
