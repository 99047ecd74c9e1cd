import type { Node } from "jsonc-parser";
import { jsonAt, jsonProperties, jsonSetString, jsonVersionSpan, parseJson, rangeSplices } from "./json.js";
import { editBody, stripBom, type Splice } from "./text.js";
import type { DeclaredVersion, ManifestChange, ManifestUpdater } from "./types.js";

function stringAt(node: Node | undefined, key: string): string | undefined {
  const v = node ? jsonAt(node, [key]) : undefined;
  return v?.type === "string" ? String(v.value) : undefined;
}

/** Workspace folder → package name, from the `node_modules/<name>` link entries npm writes for workspaces. */
function linkedNames(packages: [string, Node][]): Map<string, string> {
  const names = new Map<string, string>();
  for (const [key, entry] of packages) {
    const resolved = stringAt(entry, "resolved");
    const link = entry.type === "object" ? jsonAt(entry, ["link"]) : undefined;
    if (link?.value === true && resolved !== undefined)
      names.set(resolved, key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length));
  }
  return names;
}

/**
 * package-lock.json / npm-shrinkwrap.json (v1–v3): the root `version` and
 * `packages[""].version`, each released workspace's `packages["<path>"].version`,
 * and the recorded dependency ranges on released packages, mirroring package.json.
 */
export const packageLock: ManifestUpdater = {
  kind: "package-lock",
  read(text: string): DeclaredVersion | null {
    const body = stripBom(text).body;
    const root = parseJson(body);
    const node = jsonAt(root, ["version"]) ?? jsonAt(root, ["packages", "", "version"]);
    if (!node) return null;
    const { version, offset } = jsonVersionSpan(body, node, '"version"');
    return { version, offset };
  },
  update(text: string, change: ManifestChange): string {
    return editBody(text, (body) => {
      const root = parseJson(body);
      const splices: Splice[] = [];
      const set = (node: Node | undefined, what: string, version: string): void => {
        if (node && node.value !== version) splices.push(jsonSetString(body, node, what, version));
      };
      const packages = jsonProperties(jsonAt(root, ["packages"]));
      const rootEntry = packages.find(([key]) => key === "")?.[1];
      const rootName = stringAt(root, "name") ?? stringAt(rootEntry, "name");
      // A lockfile follows the packages it locks, so `change.version` (the listing service's) is not used.
      const rootVersion = rootName === undefined ? undefined : change.released.get(rootName);
      if (rootVersion !== undefined) {
        set(jsonAt(root, ["version"]), '"version"', rootVersion);
        if (rootEntry) set(jsonAt(rootEntry, ["version"]), 'packages[""].version', rootVersion);
      }
      const links = linkedNames(packages);
      for (const [key, entry] of packages) {
        // Installed copies under node_modules/ come from registries or links, never from this repository's versions.
        if (key.startsWith("node_modules/") || key.includes("/node_modules/")) continue;
        splices.push(...rangeSplices(body, entry, change.released, change));
        if (key === "") continue;
        const name = stringAt(entry, "name") ?? links.get(key);
        const version = name === undefined ? undefined : change.released.get(name);
        if (version !== undefined) set(jsonAt(entry, ["version"]), `packages["${key}"].version`, version);
      }
      // Lockfile v2 keeps a legacy tree; workspace links there record their ranges in `requires`.
      for (const [, entry] of jsonProperties(jsonAt(root, ["dependencies"]))) {
        if (stringAt(entry, "version")?.startsWith("file:"))
          splices.push(...rangeSplices(body, entry, change.released, change, ["requires"]));
      }
      return splices;
    });
  },
};
