import { runInNewContext } from "node:vm";
import { singleSpanUpdater } from "./text.js";
import { ManifestError, type DeclaredVersion, type ManifestUpdater } from "./types.js";

/** A user's pattern gets this long on one file; a backtracking one stops with an error instead of hanging the release. */
export const PATTERN_TIME_LIMIT_MS = 1000;

type Found = { version: string; start: number; end: number } | null;

/** Run the user's regular expression with a time limit (V8 interrupts a regex at a vm timeout). */
function execLimited(pattern: string, body: string, limitMs: number): Found {
  const re = new RegExp(pattern, "dm");
  try {
    return runInNewContext(
      "const m = re.exec(body); const at = m && m.indices && m.indices.groups && m.indices.groups.version; at " +
        "? { version: m.groups.version, start: at[0], end: at[1] } : null",
      { re, body },
      { timeout: limitMs },
    ) as Found;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      throw new ManifestError(
        `the pattern /${pattern}/ took longer than ${limitMs} ms on this file and was stopped (catastrophic ` +
          "backtracking?): simplify it, e.g. avoid nested repetition like (a+)+ and anchor it to the version line",
        0,
      );
    }
    throw e;
  }
}

/**
 * A user's regular expression with a named `version` group; the first match
 * is the version (`m` flag: `^` and `$` match at line breaks).
 */
export function patternFile(pattern: string, limitMs = PATTERN_TIME_LIMIT_MS): ManifestUpdater {
  const find = (body: string): DeclaredVersion & { end: number } => {
    const m = execLimited(pattern, body, limitMs);
    if (!m)
      throw new ManifestError(
        `no match for the pattern /${pattern}/: expected text it matches, with a (?<version>…) group`,
        0,
      );
    return { version: m.version, offset: m.start, end: m.end };
  };
  return singleSpanUpdater("pattern", find);
}
