import type { RelnotesEvent } from "../events.js";
import type { RenderSession } from "../render/render.js";
import { planFiles, type FilePlanner } from "../files/planner.js";
import { WorkingFiles } from "../files/working-files.js";
import type { GraphReader } from "./graph.js";
import { iterationReason } from "./reason.js";
import type { ReleasePlan, ServiceRelease, SkippedService } from "./types.js";
import { selectServices } from "./select.js";
import { decideReleases, selectRequested, type PlanRequest } from "./versions.js";

// Commands that only read versions import it from ./select.js, without the planner.
export { selectServices };
export type { PlanRequest };

/** What plans the file edits and reads the graph between services: handed in by the caller (src/release/planners.ts). */
export interface Planners {
  /** Run in this order for each release. */
  files: readonly FilePlanner[];
  graph: GraphReader;
}

/**
 * Build the release plan: reads git and files, writes nothing, and returns
 * plain data (file edits as final text and diffs). The same plan is printed by
 * `preview`, shown with diffs by `bump --dry-run`, and applied by `bump`.
 */
export async function buildPlan(ctx: RenderSession, request: PlanRequest, planners: Planners): Promise<ReleasePlan> {
  const services = selectRequested(ctx, request);
  const warnings: string[] = [];
  const emit = ctx.emit;
  const collect = (e: RelnotesEvent) => {
    if (e.type === "warning") warnings.push(e.message);
    emit(e);
  };
  const collecting: RenderSession = { ...ctx, emit: collect };
  if (ctx.linksNote) collecting.emit({ type: "warning", message: ctx.linksNote });
  const files = new WorkingFiles(ctx.git.cwd);
  const results = await decideReleases(collecting, request, services, {
    graph: planners.graph,
    files: async () => files,
    pullRequests: true,
  });
  // Notes first (a broken notes template stops the plan before any file is planned), with the graph's final context.
  const notes = results.map((r) => ("release" in r ? ctx.renderer.notes(r.context) : ""));
  const releases: ServiceRelease[] = [];
  const skipped: SkippedService[] = [];
  // File edits may overlap between services (a shared lockfile): plan them in order over one overlay.
  for (const [i, r] of results.entries()) {
    if (!("release" in r)) {
      skipped.push(r);
      continue;
    }
    const changes = await planFiles(planners.files, collecting, r.service, r.release, r.context, files);
    const paths = changes.map((f) => f.path);
    const reason =
      r.iterated && paths.length > 0
        ? iterationReason(r.service, r.iterated, ctx.head.sha, r.release.version, paths)
        : r.release.reason;
    warnings.push(...r.release.warnings);
    releases.push({ ...r.release, reason, notes: notes[i]!, files: changes });
  }
  return { releases, skipped, warnings, files: files.finalFiles() };
}
