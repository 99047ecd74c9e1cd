import type { ConventionalCommit } from "../commits/types.js";
import type { ResolvedConfig } from "../config/types.js";
import { forgeLinks } from "../forge/registry.js";
import type { RepositoryContext } from "../forge/repository.js";

/** The repository's identity is the forge's; templates receive it as `repository`. */
export { repositoryContext, type RepositoryContext } from "../forge/repository.js";

export interface CommitContext {
  sha: string;
  shortSha: string;
  type: string | null;
  scope: string | null;
  subject: string;
  body: string;
  breaking: boolean;
  breakingNotes: string[];
  pr: number | null;
  url: string | null;
  prUrl: string | null;
  author: string;
  date: string;
}

export interface SectionContext {
  title: string;
  commits: CommitContext[];
}

export interface BreakingContext {
  scope: string | null;
  description: string;
  commit: CommitContext;
}

/** Everything a changelog or release-notes template receives. Plain JSON: dump it, edit it, render it again. */
export interface ReleaseContext {
  /** True for the section of changes not released yet (version "Unreleased"). */
  unreleased: boolean;
  service: string | null;
  version: string;
  tag: string;
  previousTag: string | null;
  previousVersion: string | null;
  /** Release date, YYYY-MM-DD. */
  date: string;
  prerelease: boolean;
  repository: RepositoryContext | null;
  /** `…/compare/<previousTag>...<tag>`, or the tag's page for a first release. */
  compareUrl: string | null;
  tagUrl: string | null;
  /** Title of the breaking-changes section (config `changelog.breakingSection`). */
  breakingTitle: string;
  breaking: BreakingContext[];
  sections: SectionContext[];
  commits: CommitContext[];
  /** Internal dependencies released with this release ("Dependencies: lib 2.0.0"). */
  dependencies: { service: string; version: string }[];
}

export interface ReleaseFacts {
  unreleased?: boolean;
  service: string | null;
  version: string;
  tag: string;
  previousTag: string | null;
  previousVersion: string | null;
  date: string;
  prerelease: boolean;
  commits: readonly ConventionalCommit[];
}

export function compareUrl(
  repository: RepositoryContext | null,
  previousTag: string | null,
  tag: string,
): string | null {
  if (!repository) return null;
  const links = forgeLinks(repository.forge);
  if (tag === "HEAD") return previousTag ? links.compare(repository.url, previousTag, "HEAD") : null;
  return previousTag ? links.compare(repository.url, previousTag, tag) : links.tag(repository.url, tag);
}

function commitContext(c: ConventionalCommit, repository: RepositoryContext | null): CommitContext {
  return {
    sha: c.sha,
    shortSha: c.sha.slice(0, 7),
    type: c.type,
    scope: c.scope,
    subject: c.subject,
    body: c.body,
    breaking: c.breaking,
    breakingNotes: c.breakingNotes,
    pr: c.pr,
    url: repository ? forgeLinks(repository.forge).commit(repository.url, c.sha) : null,
    prUrl: repository && c.pr !== null ? forgeLinks(repository.forge).pullRequest(repository.url, c.pr) : null,
    author: c.authorName,
    date: c.date,
  };
}

/** Build the render context of one release. Sections follow the order of `commits.types`. */
export function buildReleaseContext(
  facts: ReleaseFacts,
  config: ResolvedConfig,
  repository: RepositoryContext | null,
): ReleaseContext {
  const commits = facts.commits.map((c) => commitContext(c, repository));
  const byTitle = new Map<string, CommitContext[]>();
  for (const { section } of Object.values(config.commits.types)) if (section) byTitle.set(section, []);
  const other: CommitContext[] = [];
  const breaking: BreakingContext[] = [];
  for (const c of commits) {
    for (const description of c.breakingNotes) breaking.push({ scope: c.scope, description, commit: c });
    if (c.type === null) {
      other.push(c);
      continue;
    }
    const section = config.commits.types[c.type]?.section;
    if (section) byTitle.get(section)!.push(c);
  }
  const sections = [...byTitle]
    .filter(([, list]) => list.length > 0)
    .map(([title, list]) => ({ title, commits: list }));
  if (other.length > 0) sections.push({ title: "Other", commits: other });
  return {
    unreleased: facts.unreleased ?? false,
    service: facts.service,
    version: facts.version,
    tag: facts.tag,
    previousTag: facts.previousTag,
    previousVersion: facts.previousVersion,
    date: facts.date,
    prerelease: facts.prerelease,
    repository,
    compareUrl: compareUrl(repository, facts.previousTag, facts.tag),
    tagUrl: repository && !facts.unreleased ? forgeLinks(repository.forge).tag(repository.url, facts.tag) : null,
    breakingTitle: config.changelog.breakingSection,
    breaking,
    sections,
    commits,
    dependencies: [],
  };
}
