import type { Problem } from "../check/types.js";
import { classifyCommit, subjectOf } from "../commits/classify.js";
import { mergePullRequest } from "../commits/parse.js";
import type { ConventionalCommit, RawCommit } from "../commits/types.js";
import { normalizeUserVersion } from "../tags/semver-strict.js";
import type { LintRules } from "./rules.js";

const EXAMPLE = 'expected "type(scope): subject", e.g. "fix(api): reject empty bodies"';

/** The line the classifier read as the header: a pull-request merge's title line, else the first line. */
function headerLineOf(raw: RawCommit, merged: boolean): string {
  const lines = raw.message.replace(/\r\n/g, "\n").split("\n");
  if (!merged) return lines[0] ?? "";
  return lines.find((l, i) => i > 0 && l.trim() !== "") ?? "";
}

function headerProblems(c: ConventionalCommit, header: string, rules: LintRules, label: string): Problem[] {
  const problems: Problem[] = [];
  const type = c.type ?? "";
  if (!rules.types.includes(type)) {
    problems.push({
      code: "commit-type",
      message: `${label}: type "${type}" is not allowed (allowed: ${rules.types.join(", ")}; see commits.types)`,
    });
  }
  if (rules.scopes.length > 0 && c.scope !== null) {
    for (const scope of c.scope.split(",").map((s) => s.trim())) {
      if (!rules.scopes.includes(scope)) {
        const allowedScopes = rules.scopes.join(", ");
        problems.push({
          code: "commit-scope",
          message: `${label}: scope "${scope}" is not allowed (allowed: ${allowedScopes}; see commits.scopes)`,
        });
      }
    }
  }
  const length = [...header.trimEnd()].length;
  if (length > rules.headerMaxLength) {
    problems.push({
      code: "commit-header-length",
      message:
        `${label}: header is ${length} characters, more than commits.headerMaxLength (${rules.headerMaxLength}); ` +
        "shorten it and move details to the body",
    });
  }
  const releaseAs = c.footers.find((f) => f.token.toLowerCase() === "release-as");
  if (releaseAs && normalizeUserVersion(releaseAs.value.trim()) === null) {
    problems.push({
      code: "commit-release-as",
      message:
        `${label}: Release-As footer "${releaseAs.value}" is not a SemVer version like 1.2.3; the bump engine ` +
        "would ignore it",
    });
  }
  return problems;
}

/**
 * Lint one commit with the bump engine's own classification: merge and
 * autosquash commits the engine skips are not linted; a pull-request merge
 * kept by `commits.merges: "keep"` is linted by its title line.
 */
export function lintCommit(raw: RawCommit, rules: LintRules, label: string): Problem[] {
  const c = classifyCommit(raw, rules.merges);
  // Same test as classifyCommit: a kept pull-request merge is read from its title line.
  const prMerge = raw.parents.length > 1 && rules.merges === "keep" && mergePullRequest(subjectOf(raw)) !== null;
  switch (c.kind) {
    case "autosquash":
    case "merge":
      return [];
    case "unconventional": {
      const header = headerLineOf(raw, prMerge).trim();
      return [
        { code: "commit-header", message: `${label}: "${header}" is not a Conventional Commit header (${EXAMPLE})` },
      ];
    }
    case "conventional":
      return headerProblems(c.commit, headerLineOf(raw, prMerge), rules, label);
  }
}
