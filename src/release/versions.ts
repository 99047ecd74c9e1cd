import type { GraphReader } from "../plan/graph.js";
import type { ServiceRelease } from "../plan/types.js";
import { decideReleases, selectRequested, type PlanRequest } from "../plan/versions.js";
import type { RepoSession } from "../session/session.js";

/** Dependencies between services from their workspace manifests (npm, Cargo), and shared workspace versions. */
export const readManifestGraph: GraphReader = async (files, services, listing) => {
  const [{ requirementAdmits, serviceGraph }, { guarded }] = await Promise.all([
    import("../manifests/graph.js"),
    import("../manifests/current.js"),
  ]);
  const graph = guarded(listing, listing.manifests[0]!.path, "", () => serviceGraph(files, services));
  return {
    edges: graph.edges.map((e) => ({
      dependent: e.dependent,
      dependency: e.dependency,
      admits: (version: string) => requirementAdmits(e, version),
      peer: e.peer,
    })),
    sharedVersions: graph.sharedVersions,
  };
};

/** A next release as `relnotes next` prints it. */
export type PlannedVersion = Pick<ServiceRelease, "service" | "version" | "tag">;

/**
 * The versions `planRelease` would give, without rendering notes, planning file edits or
 * reading pull request numbers: no template engine, no diff, one `git log` per service.
 */
export async function planVersions(session: RepoSession, request: PlanRequest): Promise<PlannedVersion[]> {
  const results = await decideReleases(session, request, selectRequested(session, request), {
    graph: readManifestGraph,
    // Only when a released service lists manifests (the graph reads them); the class brings the diff library.
    files: async () => new (await import("../files/working-files.js")).WorkingFiles(session.git.cwd),
    pullRequests: false,
  });
  return results.flatMap((r) =>
    "release" in r ? [{ service: r.release.service, version: r.release.version, tag: r.release.tag }] : [],
  );
}
