import type { ResolvedService } from "../config/types.js";
import type { ReleaseContext } from "../render/context.js";
import type { RenderSession } from "../render/render.js";
import type { FileChange } from "./diff.js";
import type { WorkingFiles } from "./working-files.js";

/** What a file planner knows of the release it plans for. */
export interface PlannedVersion {
  service: string | null;
  version: string;
  tag: string;
  prerelease: boolean;
}

/**
 * A planner proposes the file edits of one release: it reads through `files`
 * (which already holds the edits planned for earlier releases), records its
 * edits with `files.write`, and returns them. It never touches the disk.
 * The plan's caller hands the planners to it (src/release/planners.ts).
 */
export type FilePlanner = (
  session: RenderSession,
  service: ResolvedService,
  release: PlannedVersion,
  context: ReleaseContext,
  files: WorkingFiles,
) => Promise<FileChange[]>;

/** Every file edit of one release, planner by planner, in the order they are given. */
export async function planFiles(
  planners: readonly FilePlanner[],
  session: RenderSession,
  service: ResolvedService,
  release: PlannedVersion,
  context: ReleaseContext,
  files: WorkingFiles,
): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const planner of planners) changes.push(...(await planner(session, service, release, context, files)));
  return changes;
}
