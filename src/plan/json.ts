import type { ReleasePlan } from "./types.js";

/** The plan's public JSON shape (PRODUCT.md): scripts depend on these exact field names. */
export function planToJson(plan: ReleasePlan): object {
  return {
    releases: plan.releases.map((r) => ({
      service: r.service,
      previousTag: r.previousTag,
      previousVersion: r.previousVersion,
      bump: r.bump,
      version: r.version,
      tag: r.tag,
      prerelease: r.prerelease,
      commits: r.commits.map((c) => ({
        sha: c.sha,
        type: c.type,
        scope: c.scope,
        subject: c.subject,
        breaking: c.breaking,
        pr: c.pr,
        ...(c.counted ? { counted: c.counted } : {}),
      })),
      notes: r.notes,
      files: r.files.map((f) => ({ path: f.path, diff: f.diff })),
      reason: r.reason,
      warnings: r.warnings,
      github: r.github,
      releasedFor: r.releasedFor,
      dependencies: r.dependencies,
    })),
    // Why a service is not released, so a script never has to read stderr.
    skipped: plan.skipped.map((s) => ({
      service: s.service,
      reason: s.reason,
      message: s.message,
      hint: s.hint ?? null,
    })),
    warnings: plan.warnings,
  };
}
