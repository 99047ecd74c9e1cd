import { RelnotesError } from "../errors.js";
import type { ResolvedConfig } from "../config/types.js";
import { asUnconventional, isAutosquash, mergeRequestNumber, parseConventional } from "./parse.js";
import type { ConventionalCommit, RawCommit } from "./types.js";

export type Classified =
  | { kind: "conventional"; commit: ConventionalCommit }
  | { kind: "unconventional"; raw: RawCommit }
  | { kind: "autosquash"; raw: RawCommit }
  | { kind: "merge"; raw: RawCommit };

export function subjectOf(raw: RawCommit): string {
  const nl = raw.message.indexOf("\n");
  return (nl === -1 ? raw.message : raw.message.slice(0, nl)).trim();
}

/**
 * How a commit counts for a release. The bump engine and `relnotes check`
 * both use this, so the rules can never drift apart.
 */
export function classifyCommit(raw: RawCommit, merges: "skip" | "keep"): Classified {
  const subject = subjectOf(raw);
  if (isAutosquash(subject)) return { kind: "autosquash", raw };
  if (raw.parents.length > 1) {
    if (merges === "skip") return { kind: "merge", raw };
    // A pull-request merge carries the PR title as the first body line.
    const pr = mergeRequestNumber(raw.message);
    if (pr !== null) {
      const lines = raw.message.split("\n");
      const titleLine = lines.findIndex((l, i) => i > 0 && l.trim() !== "");
      const commit = titleLine === -1 ? null : parseConventional(raw, { headerLine: titleLine, pr });
      return commit ? { kind: "conventional", commit } : { kind: "unconventional", raw };
    }
  }
  const commit = parseConventional(raw);
  return commit ? { kind: "conventional", commit } : { kind: "unconventional", raw };
}

/** Counts of commits left out of a release, for the warning line. */
export interface SkipCounts {
  unconventional: number;
  autosquash: number;
  merge: number;
}

/**
 * Accumulates the commits of one range: what is released, what is skipped,
 * and what they ask for. Feed it commits newest first.
 */
export class CommitSelection {
  readonly commits: ConventionalCommit[] = [];
  readonly skipped: SkipCounts = { unconventional: 0, autosquash: 0, merge: 0 };
  /** Unconventional commits skipped, newest first (for messages). */
  readonly unconventionalSamples: RawCommit[] = [];

  /** `keep` drops commits nobody will read (full-history changelogs keep only what they render). */
  constructor(
    private readonly config: ResolvedConfig["commits"],
    private readonly service: string | null,
    private readonly keep: (commit: ConventionalCommit) => boolean = () => true,
  ) {}

  add(raw: RawCommit): void {
    const c = classifyCommit(raw, this.config.merges);
    switch (c.kind) {
      case "conventional":
        if (this.keep(c.commit)) this.commits.push(c.commit);
        return;
      case "autosquash":
        this.skipped.autosquash++;
        return;
      case "merge":
        this.skipped.merge++;
        return;
      case "unconventional":
        if (this.config.unconventional === "fail") {
          throw new RelnotesError(
            `commit ${raw.sha.slice(0, 12)}${this.service ? ` (${this.service})` : ""} is not a Conventional ` +
              `Commit: "${subjectOf(raw)}"`,
            'reword it (type(scope): subject), or set commits.unconventional to "skip" or "keep"',
          );
        }
        if (this.config.unconventional === "keep") this.commits.push(asUnconventional(raw));
        else {
          this.skipped.unconventional++;
          if (this.unconventionalSamples.length < 3) this.unconventionalSamples.push(raw);
        }
        return;
    }
  }
}
