import { planChangelog } from "../changelog/planner.js";
import type { FilePlanner } from "../files/planner.js";
import { buildPlan, type Planners, type PlanRequest } from "../plan/build.js";
import type { ReleasePlan } from "../plan/types.js";
import type { RenderSession } from "../render/render.js";
import { readManifestGraph } from "./versions.js";

/** Manifest updaters bring TOML, JSON and YAML parsers: load them only for a service that lists manifests. */
const planManifestsWhenListed: FilePlanner = async (session, service, release, context, files) => {
  if (service.manifests.length === 0) return [];
  const { planManifests } = await import("../manifests/planner.js");
  return planManifests(session, service, release, context, files);
};

/**
 * The planners every release runs, in order: the changelog, then the
 * manifests (and the files they reach). A new kind of file edit is one more
 * entry here; the plan itself imports none of them.
 */
export const PLANNERS: Planners = { files: [planChangelog, planManifestsWhenListed], graph: readManifestGraph };

/** The release plan with the registered planners: what preview, init and bump plan with (next: ./versions.ts). */
export function planRelease(session: RenderSession, request: PlanRequest): Promise<ReleasePlan> {
  return buildPlan(session, request, PLANNERS);
}
