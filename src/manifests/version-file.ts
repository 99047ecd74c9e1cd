import { singleSpanUpdater } from "./text.js";
import { ManifestError, type DeclaredVersion, type ManifestUpdater } from "./types.js";

// The whole file is the version, maybe with a `v` and surrounding whitespace, which are kept.
const VERSION_FILE = /^(\s*v?)(\S+)(\s*)$/;

function span(body: string): DeclaredVersion & { end: number } {
  const m = VERSION_FILE.exec(body);
  if (!m) throw new ManifestError("expected the file to hold only a version like 1.2.3", 0);
  return { version: m[2]!, offset: m[1]!.length, end: m[1]!.length + m[2]!.length };
}

/** A plain `VERSION` file. */
export const versionFile: ManifestUpdater = singleSpanUpdater("version-file", span);
