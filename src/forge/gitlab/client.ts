import type { ProjectSchema, ReleaseLinkSchema, ReleaseSchema } from "@gitbeaker/core";
import { nextPage, type Transport } from "../transport.js";
import type { ForgeReleases, HostedRelease, NewRelease, ReleaseChanges, ReleaseId } from "../port.js";

/**
 * GitLab's releases behind the port. GitLab has no draft releases and no
 * pre-release or "Latest" flags, so relnotes maps them (docs/forges.md):
 *
 * - a draft is an upcoming release, `released_at` set to DRAFT_RELEASED_AT;
 *   publishing (promote) sets `released_at` to now. An upcoming release is
 *   visible to everyone who can see the project's releases, marked "Upcoming".
 * - pre-release: read from the tag's SemVer version; nothing is sent.
 * - "Latest": GitLab's latest release is the newest by `released_at`; nothing is sent.
 *
 * Requests take the types of @gitbeaker/core's schemas and go through relnotes'
 * own transport (deadlines, retries, rate limits).
 */

/** The `released_at` of a draft: far enough ahead that it never goes live by itself. */
export const DRAFT_RELEASED_AT = "9999-12-31T00:00:00.000Z";

/** GitLab's Developer role: the least that may create and edit releases. */
const DEVELOPER = 30;

const PRERELEASE_TAG = /\d+\.\d+\.\d+-[0-9A-Za-z.-]+$/;

/** GitLab addresses a project or a tag as one path segment: `acme%2Fplatform%2Fwidgets`, `api%2Fv1.3.0`. */
const segment = (value: string) => encodeURIComponent(value);

function isUpcoming(data: Pick<ReleaseSchema, "upcoming_release" | "released_at">, now: () => Date): boolean {
  if (typeof data.upcoming_release === "boolean") return data.upcoming_release;
  return data.released_at !== null && Date.parse(data.released_at) > now().getTime();
}

export function toRelease(data: ReleaseSchema, now: () => Date = () => new Date()): HostedRelease {
  return {
    id: data.tag_name,
    tag: data.tag_name,
    title: data.name,
    notes: data.description ?? "",
    draft: isUpcoming(data, now),
    prerelease: PRERELEASE_TAG.test(data.tag_name),
    url: data._links.self,
  };
}

function tagOf(id: ReleaseId): string {
  if (typeof id === "string") return id;
  throw new TypeError(`GitLab releases are named by their tag, not ${JSON.stringify(id)}`);
}

export function gitlabReleases(
  transport: Transport,
  project: string,
  options: { jobToken: boolean; now?: () => Date },
): ForgeReleases {
  const now = options.now ?? (() => new Date());
  const base = `/projects/${segment(project)}`;
  const releaseOf = (body: unknown) => toRelease(body as ReleaseSchema, now);

  /** Every item of a paginated list, following the Link header. */
  const all = async <T>(action: string, path: string): Promise<T[]> => {
    const items: T[] = [];
    let next: string | null = path;
    while (next !== null) {
      const response = await transport.send(action, {
        method: "GET",
        path: next,
        ...(next === path ? { query: { per_page: 100 } } : {}),
      });
      items.push(...(response.body as T[]));
      next = nextPage(response.headers);
    }
    return items;
  };

  const update = async (id: ReleaseId, changes: ReleaseChanges): Promise<HostedRelease> => {
    const tag = tagOf(id);
    const fields = {
      ...(changes.title === undefined ? {} : { name: changes.title }),
      ...(changes.notes === undefined ? {} : { description: changes.notes }),
      ...(changes.draft === undefined ? {} : { released_at: changes.draft ? DRAFT_RELEASED_AT : now().toISOString() }),
    };
    const response = await transport.send(`updating the release of ${tag}`, {
      method: "PUT",
      path: `${base}/releases/${segment(tag)}`,
      body: fields,
    });
    return releaseOf(response.body);
  };

  return {
    host: "GitLab",
    repository: project,
    retry: transport.retry,
    async access() {
      // A job token may not read the Projects API; listing releases shows it is valid and sees the project.
      if (options.jobToken) {
        await transport.send(`reading the releases of ${project}`, {
          method: "GET",
          path: `${base}/releases`,
          query: { per_page: 1 },
        });
        return { canWrite: null };
      }
      const { body } = await transport.send(`reading the project ${project}`, { method: "GET", path: base });
      const { project_access, group_access } = (body as ProjectSchema).permissions ?? {};
      const levels = [project_access?.access_level, group_access?.access_level].filter(
        (l): l is number => typeof l === "number",
      );
      return { canWrite: levels.length === 0 ? null : Math.max(...levels) >= DEVELOPER };
    },
    async findByTag(tag) {
      const response = await transport.send(
        `looking up the release of ${tag}`,
        { method: "GET", path: `${base}/releases/${segment(tag)}` },
        true,
      );
      return response.status === 404 ? null : releaseOf(response.body);
    },
    async create(release: NewRelease) {
      const body = {
        tag_name: release.tag,
        name: release.title,
        description: release.notes,
        ...(release.commit ? { ref: release.commit } : {}),
        ...(release.draft ? { released_at: DRAFT_RELEASED_AT } : {}),
      };
      const response = await transport.send(`creating the release for ${release.tag}`, {
        method: "POST",
        path: `${base}/releases`,
        body,
      });
      return releaseOf(response.body);
    },
    update,
    publish: (id) => update(id, { draft: false }),
    async assetNames(id) {
      const tag = tagOf(id);
      const links = await all<ReleaseLinkSchema>(
        `listing the assets of the release of ${tag}`,
        `${base}/releases/${segment(tag)}/assets/links`,
      );
      return links.map((l) => l.name);
    },
  };
}
