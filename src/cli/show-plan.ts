import type { ReleasePlan, ServiceRelease } from "../plan/types.js";

export interface ShowOptions {
  /** List commits (bump --no-log hides them). */
  log: boolean;
  notes: boolean;
  diffs: boolean;
}

function indent(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => (l ? prefix + l : prefix.trimEnd()))
    .join("\n");
}

export function releaseHeadline(r: ServiceRelease, width: number): string {
  const name = (r.service ?? "package").padEnd(width);
  return (
    `${name}  ${r.previousVersion ?? "(none)"} → ${r.version}${r.graduates ? ` (graduates ${r.graduates})` : ""} ` +
    ` (${r.reason})`
  );
}

/** `draft, not Latest (a draft is not Latest; …)`. */
const releaseShape = (o: { release: "publish" | "draft"; latest: boolean; why: string }) =>
  `${o.release === "draft" ? "draft" : "published"}, ${o.latest ? "marked Latest" : "not Latest"} (${o.why})`;

/** `GitHub release: published, not Latest (a pre-release is never Latest)`; a plan read from older JSON has no host. */
function githubLine(r: ServiceRelease): string {
  const { github } = r;
  const host = github.host ?? "GitHub";
  if (github.later)
    return `${host} release: none by this run (--no-github); relnotes release ${r.tag} makes it ${releaseShape(github.later)}`;
  if (github.release === null) return `${host} release: none (${github.why.replace(`: no ${host} release`, "")})`;
  return `${host} release: ${releaseShape({ ...github, release: github.release })}`;
}

/** The plan as people read it: one headline per service, then commits, notes and diffs. */
export function formatPlan(plan: ReleasePlan, options: ShowOptions): string {
  const lines: string[] = [];
  const width = Math.max(0, ...plan.releases.map((r) => (r.service ?? "package").length));
  for (const r of plan.releases) {
    lines.push(releaseHeadline(r, width));
    const previous = r.previousTag ? `, previous ${r.previousTag}` : ", first release";
    lines.push(`  tag ${r.tag}${r.prerelease ? " (pre-release)" : ""}${previous}`);
    for (const w of r.warnings) lines.push(`  warning: ${w}`);
    lines.push(`  ${githubLine(r)}`);
    if (options.log) {
      lines.push(`  commits since ${r.previousTag ?? "the beginning"}:`);
      for (const c of r.commits) {
        const header = `${c.type ?? ""}${c.scope ? `(${c.scope})` : ""}${c.breaking ? "!" : ""}`;
        lines.push(
          `    ${c.sha.slice(0, 7)} ${c.pr !== null ? `#${c.pr}`.padEnd(7) : "".padEnd(7)} ` +
            `${header ? `${header}: ` : ""}${c.subject}${c.counted ? ` (${c.counted})` : ""}`,
        );
      }
    }
    if (options.notes) {
      lines.push("  notes:");
      lines.push(indent(r.notes, "    | "));
    }
    if (options.diffs) {
      for (const f of r.files) {
        lines.push(`  ${f.before === null ? "create" : "update"} ${f.path}:`);
        lines.push(indent(f.diff, "    "));
      }
    } else if (r.files.length > 0) {
      lines.push(`  files: ${r.files.map((f) => f.path).join(", ")}`);
    }
    lines.push("");
  }
  for (const s of plan.skipped) {
    lines.push(s.hint ? `${s.message}\n  → ${s.hint}` : s.message);
  }
  if (plan.releases.length === 0 && plan.skipped.length === 0) lines.push("Nothing to release.");
  else if (plan.releases.length === 0) lines.push("", "Nothing to release.");
  return lines.join("\n").replace(/\n+$/, "\n");
}
