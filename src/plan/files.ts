import { planChangelog } from "../changelog/planner.js";
import type { ResolvedService } from "../config/types.js";
import type { ReleaseContext } from "../render/context.js";
import type { RenderSession } from "../render/render.js";
import type { FileChange, ServiceRelease } from "./types.js";
import type { WorkingFiles } from "./working-files.js";

/**
 * A planner proposes the file edits of one release: it reads through `files`
 * (which already holds the edits planned for earlier releases), records its
 * edits with `files.write`, and returns them. It never touches the disk.
 */
export type FilePlanner = (
  ctx: RenderSession,
  service: ResolvedService,
  release: ServiceRelease,
  context: ReleaseContext,
  files: WorkingFiles,
) => Promise<FileChange[]>;

/** Manifest updaters bring TOML, JSON and YAML parsers: load them only for a service that lists manifests. */
const planManifestsWhenListed: FilePlanner = async (ctx, service, release, context, files) => {
  if (service.manifests.length === 0) return [];
  const { planManifests } = await import("../manifests/planner.js");
  return planManifests(ctx, service, release, context, files);
};

const planners: FilePlanner[] = [planChangelog, planManifestsWhenListed];

/** Every file edit of one release, in a stable order. */
export async function planFiles(
  ctx: RenderSession,
  service: ResolvedService,
  release: ServiceRelease,
  context: ReleaseContext,
  files: WorkingFiles,
): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const planner of planners) changes.push(...(await planner(ctx, service, release, context, files)));
  return changes;
}
