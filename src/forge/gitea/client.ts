import type { Attachment, CreateReleaseOption, EditReleaseOption, Release, Repository } from "gitea-js";
import { nextPage, type Transport } from "../transport.js";
import type { ForgeReleases, HostedRelease, NewRelease, ReleaseChanges, ReleaseId } from "../port.js";

/**
 * Gitea's and Forgejo's releases behind the port: real drafts and
 * pre-releases. Gitea has no "Latest" flag (its latest release is the newest
 * published one that is not a pre-release), so nothing is sent for it.
 * Requests and answers take the types of gitea-js (generated from Gitea's
 * swagger document); they go through relnotes' own transport.
 */

export function toRelease(data: Release): HostedRelease {
  return {
    id: data.id ?? 0,
    tag: data.tag_name ?? "",
    title: data.name ?? null,
    notes: data.body ?? "",
    draft: data.draft === true,
    prerelease: data.prerelease === true,
    url: data.html_url ?? "",
  };
}

function idOf(id: ReleaseId): number {
  if (typeof id === "number") return id;
  throw new TypeError(`Gitea release ids are numbers, not ${JSON.stringify(id)}`);
}

export function giteaReleases(transport: Transport, owner: string, repo: string): ForgeReleases {
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const repository = `${owner}/${repo}`;

  /** Every release, drafts included, newest first (Gitea pages at most 50). */
  const list = async (): Promise<HostedRelease[]> => {
    const all: HostedRelease[] = [];
    let next: string | null = `${base}/releases`;
    for (let first = true; next !== null; first = false) {
      const response = await transport.send("listing releases", {
        method: "GET",
        path: next,
        ...(first ? { query: { limit: 50 } } : {}),
      });
      all.push(...(response.body as Release[]).map(toRelease));
      next = nextPage(response.headers);
    }
    return all;
  };

  const update = async (id: ReleaseId, changes: ReleaseChanges): Promise<HostedRelease> => {
    const fields: EditReleaseOption = {
      ...(changes.title === undefined ? {} : { name: changes.title }),
      ...(changes.notes === undefined ? {} : { body: changes.notes }),
      ...(changes.draft === undefined ? {} : { draft: changes.draft }),
      ...(changes.prerelease === undefined ? {} : { prerelease: changes.prerelease }),
    };
    const response = await transport.send(`updating release ${id}`, {
      method: "PATCH",
      path: `${base}/releases/${idOf(id)}`,
      body: fields,
    });
    return toRelease(response.body as Release);
  };

  return {
    host: "Gitea",
    repository,
    retry: transport.retry,
    async access() {
      const { body } = await transport.send(`reading the repository ${repository}`, { method: "GET", path: base });
      const permissions = (body as Repository).permissions;
      return { canWrite: permissions ? permissions.push === true : null };
    },
    async findByTag(tag) {
      // Gitea's get-by-tag returns drafts too, but not every version or token sees them there: then the list.
      const response = await transport.send(
        `looking up the release of ${tag}`,
        { method: "GET", path: `${base}/releases/tags/${encodeURIComponent(tag)}` },
        true,
      );
      if (response.status !== 404) return toRelease(response.body as Release);
      return (await list()).find((r) => r.tag === tag) ?? null;
    },
    async create(release: NewRelease) {
      const body: CreateReleaseOption = {
        tag_name: release.tag,
        name: release.title,
        body: release.notes,
        draft: release.draft,
        prerelease: release.prerelease,
        ...(release.commit ? { target_commitish: release.commit } : {}),
      };
      const response = await transport.send(`creating the release for ${release.tag}`, {
        method: "POST",
        path: `${base}/releases`,
        body,
      });
      return toRelease(response.body as Release);
    },
    update,
    publish: (id) => update(id, { draft: false }),
    async assetNames(id) {
      const response = await transport.send(`listing the assets of release ${id}`, {
        method: "GET",
        path: `${base}/releases/${idOf(id)}/assets`,
      });
      return (response.body as Attachment[]).map((a) => a.name ?? "");
    },
  };
}
