import { planChangelog } from "../changelog/planner.js";
import type { FilePlanner } from "../files/planner.js";
import { buildPlan, type Planners, type PlanRequest } from "../plan/build.js";
import type { GraphReader } from "../plan/graph.js";
import type { ReleasePlan } from "../plan/types.js";
import type { RenderSession } from "../render/render.js";

/** Manifest updaters bring TOML, JSON and YAML parsers: load them only for a service that lists manifests. */
const planManifestsWhenListed: FilePlanner = async (session, service, release, context, files) => {
  if (service.manifests.length === 0) return [];
  const { planManifests } = await import("../manifests/planner.js");
  return planManifests(session, service, release, context, files);
};

/** Dependencies between services from their workspace manifests (npm, Cargo), and shared workspace versions. */
const readManifestGraph: GraphReader = async (files, services, listing) => {
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

/**
 * The planners every release runs, in order: the changelog, then the
 * manifests (and the files they reach). A new kind of file edit is one more
 * entry here; the plan itself imports none of them.
 */
export const PLANNERS: Planners = { files: [planChangelog, planManifestsWhenListed], graph: readManifestGraph };

/** The release plan with the registered planners: what preview, next, init and bump plan with. */
export function planRelease(session: RenderSession, request: PlanRequest): Promise<ReleasePlan> {
  return buildPlan(session, request, PLANNERS);
}
