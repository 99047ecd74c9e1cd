import type { RepoSession } from "../session/session.js";

/** One thing `relnotes check` found wrong, with where it is. */
export interface Problem {
  /** Short machine-readable kind, e.g. `changelog-tbd`, `commit-type`, `manifest-version`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** A check reads the repository (writes nothing) and returns what it found. */
export type Checker = (ctx: RepoSession) => Promise<Problem[]>;
