import { posix } from "node:path";
import { serviceLabel } from "../../config/label.js";
import type { ResolvedService } from "../../config/types.js";
import { findRelease, parseChangelogDocument } from "../../changelog/document.js";
import { RelnotesError } from "../../errors.js";
import { readFilesAt } from "../../git/blob.js";
import type { RemoteRefs } from "../../git/remote-refs.js";
import { readLocalTag } from "../../git/tag.js";
import { selectRange } from "../../history/range.js";
import { crateFacts } from "../../manifests/cargo-toml.js";
import { listedManifests, listedUpdater } from "../../manifests/current.js";
import { ancestors } from "../../manifests/workspace.js";
import { ManifestError } from "../../manifests/types.js";
import { buildReleaseContext, compareUrl } from "../../render/context.js";
import { formatDate } from "../../render/dates.js";
import type { RenderSession } from "../../render/render.js";
import { tagMessage } from "../prepare.js";
import type { SavedRelease } from "../state.js";
import type { BlockRelease } from "./block.js";
import type { MergedRelease } from "./merged.js";

/** One release of a merged release pull request, ready for the journal, and where its notes come from. */
export interface MergedReleaseNotes {
  release: SavedRelease;
  /** `svc/api/CHANGELOG.md` (its section of the version, as merged), or null: rendered from the history. */
  notesFrom: string | null;
}

export interface CheckedMerge {
  /** Why the merge commit cannot be tagged as planned; empty when it can. */
  problems: string[];
  releases: MergedReleaseNotes[];
  /** Tags already on the remote on the merge commit (a run that pushed them and stopped): not pushed again. */
  pushed: string[];
}

const short = (sha: string) => sha.slice(0, 7);

/** A version's section of a changelog, without its heading: the notes as they were merged. */
export function changelogNotes(text: string, version: string, service: string | null): string | null {
  const section = findRelease(parseChangelogDocument(text), version, service);
  if (section === null) return null;
  const body = text.slice(section.bodyStart, section.end).replace(/\r\n/g, "\n");
  return `${body.replace(/^(?:[ \t]*\n)+/, "").trimEnd()}\n`;
}

/** Where a listed manifest's version is declared at the merge commit: itself, or the Cargo workspace root it inherits from. */
async function declaringFile(
  m: MergedRelease,
  ctx: RenderSession,
  path: string,
  text: string,
  kind: string,
): Promise<{ path: string; text: string }> {
  if (kind !== "cargo-toml" || !crateFacts(text).inheritsVersion) return { path, text };
  const roots = ancestors(posix.dirname(path))
    .map((d) => posix.join(d, "Cargo.toml"))
    .filter((p) => p !== path);
  const texts = await readFilesAt(ctx.git, m.mergeCommit, roots);
  for (const root of roots) {
    const t = texts.get(root);
    if (t != null && crateFacts(t).workspace?.packageVersion) return { path: root, text: t };
  }
  return { path, text };
}

/** The problems of one service's manifests at the merge commit: each must declare the planned version. */
async function manifestProblems(
  m: MergedRelease,
  ctx: RenderSession,
  service: ResolvedService,
  r: BlockRelease,
): Promise<string[]> {
  const at = `at ${short(m.mergeCommit)} (the merge of pull request #${m.pr.number})`;
  const manifests = listedManifests(service);
  const texts = await readFilesAt(
    ctx.git,
    m.mergeCommit,
    manifests.map((x) => x.path),
  );
  const problems: string[] = [];
  for (const manifest of manifests) {
    const listed = texts.get(manifest.path) ?? null;
    if (listed === null) {
      problems.push(`${manifest.path} is not a file ${at}; ${r.tag} expects it to declare version ${r.version}`);
      continue;
    }
    try {
      const updater = listedUpdater(service, manifest);
      const { path, text } = await declaringFile(m, ctx, manifest.path, listed, updater.kind);
      const declared = updater.read(text);
      if (declared === null || declared.version === r.version) continue;
      problems.push(
        `${path} declares version ${declared.version} ${at}, but the release pull request planned ` +
          `${serviceLabel(service.name)} ${r.version} (${r.tag})`,
      );
    } catch (e) {
      if (e instanceof ManifestError) problems.push(`${manifest.path} ${at} cannot be read: ${e.message}`);
      else if (e instanceof RelnotesError) problems.push(e.message);
      else throw e;
    }
  }
  return problems;
}

/** The notes of a release that the changelog does not hold (a pre-release, a service without one): from the history. */
async function renderedNotes(m: MergedRelease, ctx: RenderSession, service: ResolvedService, r: BlockRelease) {
  const previous = r.previousTag === null ? null : await readLocalTag(ctx.git, r.previousTag);
  if (r.previousTag !== null && previous === null)
    return {
      problem: `the previous release ${r.previousTag} of ${r.tag} is not a tag here: fetch the tags (git fetch --tags)`,
    };
  const selection = await selectRange(ctx, service, previous?.commit ?? null, m.mergeCommit);
  const context = buildReleaseContext(
    { ...releaseFacts(ctx, service, r), commits: selection.commits },
    ctx.config,
    ctx.repository,
  );
  return { notes: ctx.renderer.notes(context) };
}

/** A release of the block as the notes and tag message templates see it (dated now). */
function releaseFacts(ctx: RenderSession, service: ResolvedService, r: BlockRelease) {
  const previous = r.previousTag === null ? null : service.tags.match(r.previousTag);
  return {
    service: r.service,
    version: r.version,
    tag: r.tag,
    previousTag: r.previousTag,
    previousVersion: previous?.kind === "release" ? previous.version : null,
    date: formatDate(ctx.now, ctx.config.changelog.timeZone),
    prerelease: r.prerelease,
  };
}

/** The tag problems of one release: a tag that exists, locally or on the remote, on another commit than the merge commit. */
async function tagProblems(
  m: MergedRelease,
  ctx: RenderSession,
  r: BlockRelease,
  remote: RemoteRefs,
  pushed: string[],
) {
  const problems: string[] = [];
  const theirs = remote.tags.get(r.tag);
  const name = ctx.config.branches.remote;
  if (theirs && theirs.commit !== m.mergeCommit)
    problems.push(
      `tag ${r.tag} is on ${name} already, on ${short(theirs.commit)}, not on the merge commit ` +
        `${short(m.mergeCommit)}: tags are never moved`,
    );
  else if (theirs) pushed.push(r.tag);
  const local = await readLocalTag(ctx.git, r.tag);
  if (!theirs && local && local.commit !== m.mergeCommit)
    problems.push(
      `tag ${r.tag} exists locally on ${short(local.commit)}, not on the merge commit ${short(m.mergeCommit)}: ` +
        `remove it if it was never published (git tag -d ${r.tag})`,
    );
  return problems;
}

/**
 * Before the first write: what the merged pull request planned must be what
 * the merge commit carries. Every manifest of each service declares the
 * planned version there, and the changelog has the version's section, whose
 * text (as merged, edits included) becomes the notes. A planned tag that
 * exists on another commit is a problem too. Nothing is written.
 */
export async function checkMergedRelease(
  ctx: RenderSession,
  m: MergedRelease,
  remote: RemoteRefs,
): Promise<CheckedMerge> {
  const problems: string[] = [];
  const releases: MergedReleaseNotes[] = [];
  const pushed: string[] = [];
  const at = `at ${short(m.mergeCommit)} (the merge of pull request #${m.pr.number})`;
  for (const r of m.block.releases) {
    const service = ctx.config.services.find((s) => s.name === r.service);
    if (!service) {
      problems.push(`the release pull request names ${serviceLabel(r.service)}, which the relnotes config does not`);
      continue;
    }
    const expected = service.tags.tag(r.version);
    if (expected !== r.tag)
      problems.push(`the relnotes config tags ${serviceLabel(r.service)} ${r.version} as ${expected}, not ${r.tag}`);
    problems.push(...(await manifestProblems(m, ctx, service, r)));
    problems.push(...(await tagProblems(m, ctx, r, remote, pushed)));

    let notes: string | null = null;
    let notesFrom: string | null = null;
    if (service.changelog !== null && !r.prerelease) {
      notesFrom = service.changelog;
      const text = (await readFilesAt(ctx.git, m.mergeCommit, [service.changelog])).get(service.changelog) ?? null;
      notes = text === null ? null : changelogNotes(text, r.version, service.name);
      if (text === null) problems.push(`${service.changelog} is not a file ${at}; ${r.tag} expects its notes there`);
      else if (notes === null) problems.push(`${service.changelog} has no section for ${r.version} ${at}`);
    } else {
      const rendered = await renderedNotes(m, ctx, service, r);
      if ("problem" in rendered) problems.push(rendered.problem!);
      else notes = rendered.notes;
    }
    if (notes === null) continue;
    const compare = compareUrl(ctx.repository, r.previousTag, r.tag);
    const facts = { ...releaseFacts(ctx, service, r), notes };
    releases.push({
      release: {
        service: r.service,
        version: r.version,
        tag: r.tag,
        previousTag: r.previousTag,
        prerelease: r.prerelease,
        notes,
        compareUrl: compare,
        tagMessage: tagMessage(ctx, facts, compare),
        sign: ctx.config.tag.signing[r.prerelease ? "prerelease" : "stable"],
      },
      notesFrom,
    });
  }
  return { problems, releases, pushed };
}
