import { singleSpanUpdater } from "./text.js";
import { ManifestError, type DeclaredVersion, type ManifestUpdater } from "./types.js";

/**
 * A user's regular expression with a named `version` group; the first match
 * is the version (`m` flag: `^` and `$` match at line breaks).
 */
export function patternFile(pattern: string): ManifestUpdater {
  const find = (body: string): DeclaredVersion & { end: number } => {
    const m = new RegExp(pattern, "dm").exec(body);
    const indices = m?.indices?.groups?.["version"];
    if (!m || !indices) throw new ManifestError(`no match for the pattern /${pattern}/: expected text it matches, with a (?<version>…) group`, 0);
    return { version: m.groups!["version"]!, offset: indices[0], end: indices[1] };
  };
  return singleSpanUpdater("pattern", find);
}
