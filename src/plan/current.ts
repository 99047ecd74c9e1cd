import { RelnotesError } from "../errors.js";
import { WorkingFiles } from "../files/working-files.js";
import type { RepoSession } from "../session/session.js";
import type { ReleasePlan } from "./types.js";

/**
 * A plan made earlier (read back from JSON) is applied only to the repository
 * it describes: HEAD is the commit it was planned at, and every file it edits
 * still has the text it was planned from. Returns the plan; throws otherwise.
 */
export function currentPlan(session: RepoSession, plan: ReleasePlan): ReleasePlan {
  const moved = plan.releases.find((r) => r.head !== session.head.sha);
  if (moved) {
    throw new RelnotesError(
      `the plan of ${moved.tag} was made at commit ${moved.head.slice(0, 12)}, but HEAD is now ` +
        `${session.head.sha.slice(0, 12)}`,
      "plan again on the current HEAD (relnotes bump --dry-run shows the new plan)",
    );
  }
  const disk = new WorkingFiles(session.git.cwd);
  const changed = plan.files.filter((f) => disk.readDisk(f.path) !== f.before).map((f) => f.path);
  if (changed.length > 0) {
    throw new RelnotesError(
      `${changed.join(", ")} changed since the plan was made, so its edits no longer apply`,
      "plan again on the current files (relnotes bump --dry-run shows the new plan)",
    );
  }
  return plan;
}
