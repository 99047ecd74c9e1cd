import { ProblemsError, RelnotesError } from "../errors.js";

/** One release-policy rule a tag breaks, with what to do about it. */
export interface Violation {
  message: string;
  hint: string;
}

/** One violation fails with its own message and hint; several are listed together. */
export function violationsError(tag: string, violations: readonly Violation[]): RelnotesError {
  if (violations.length === 1) return new RelnotesError(violations[0]!.message, violations[0]!.hint);
  return new ProblemsError(
    `tag ${tag} breaks ${violations.length} release rules:`,
    violations.map((v) => v.message),
    violations.map((v) => v.hint).join("; "),
  );
}
