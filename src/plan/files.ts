import type { ResolvedService } from "../config/types.js";
import type { ReleaseContext } from "../render/context.js";
import type { PlanContext } from "./context.js";
import type { FileChange, ServiceRelease } from "./types.js";

/** A planner proposes file edits for one release; it reads files and writes nothing. */
export type FilePlanner = (ctx: PlanContext, service: ResolvedService, release: ServiceRelease, context: ReleaseContext) => Promise<FileChange[]>;

const planners: FilePlanner[] = [];

/** Every file edit of one release, in a stable order. */
export async function planFiles(ctx: PlanContext, service: ResolvedService, release: ServiceRelease, context: ReleaseContext): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const planner of planners) changes.push(...(await planner(ctx, service, release, context)));
  return changes;
}
