import { jsonAt, jsonSetString, jsonVersionSpan, parseJson, rangeSplices } from "./json.js";
import { editBody, stripBom, type Splice } from "./text.js";
import { ManifestError, type DeclaredVersion, type ManifestChange, type ManifestUpdater } from "./types.js";

/** package.json: `version`, and dependents' ranges on released packages (prefix kept; workspace:/file:/link: left alone). */
export const packageJson: ManifestUpdater = {
  kind: "package-json",
  read(text: string): DeclaredVersion {
    const body = stripBom(text).body;
    const node = jsonAt(parseJson(body), ["version"]);
    if (!node) throw new ManifestError('no version key: expected "version": "…" at the top level', 0);
    const { version, offset } = jsonVersionSpan(body, node, '"version"');
    return { version, offset };
  },
  update(text: string, change: ManifestChange): string {
    return editBody(text, (body) => {
      const root = parseJson(body);
      const splices: Splice[] = rangeSplices(body, root, change.released, change);
      if (change.version !== null) {
        const node = jsonAt(root, ["version"]);
        if (!node) throw new ManifestError('no version key: expected "version": "…" at the top level', 0);
        splices.push(jsonSetString(body, node, '"version"', change.version));
      }
      return splices;
    });
  },
};

/** The package name a package.json declares, if any. */
export function packageName(text: string): string | null {
  const node = jsonAt(parseJson(stripBom(text).body), ["name"]);
  return node?.type === "string" ? String(node.value) : null;
}
