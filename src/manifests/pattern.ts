import { editBody, stripBom } from "./text.js";
import { ManifestError, type DeclaredVersion, type ManifestChange, type ManifestUpdater } from "./types.js";

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
  return {
    kind: "pattern",
    read(text: string): DeclaredVersion {
      const { version, offset } = find(stripBom(text).body);
      return { version, offset };
    },
    update(text: string, change: ManifestChange): string {
      if (change.version === null) return text;
      const version = change.version;
      return editBody(text, (body) => {
        const s = find(body);
        return [{ start: s.offset, end: s.end, text: version }];
      });
    },
  };
}
