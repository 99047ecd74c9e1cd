import { editBody, type Splice } from "./text.js";
import { TomlEntries, tomlSetString } from "./toml.js";
import type { ManifestChange, ManifestUpdater } from "./types.js";

/**
 * Cargo.lock: the `version` of each `[[package]]` without a `source` (a
 * workspace member) that the release bumps, and the "name version"
 * references to it in `dependencies` arrays. Registry and git entries stay.
 */
export const cargoLock: ManifestUpdater = {
  kind: "cargo-lock",
  read: () => null,
  update(text: string, change: ManifestChange): string {
    return editBody(text, (body) => {
      const entries = new TomlEntries(body);
      const splices: Splice[] = [];
      const moved = new Map<string, { from: string; to: string }>();
      const packages = entries.tables
        .filter((t) => t.node.kind === "array" && t.path.length === 2 && t.path[0] === "package")
        .map((t) => t.path);
      for (const p of packages) {
        const name = entries.string([...p, "name"]);
        const to = name === undefined ? undefined : change.released.get(name);
        const node = entries.get([...p, "version"]);
        if (to === undefined || node === undefined || entries.has([...p, "source"])) continue;
        const from = entries.string([...p, "version"]);
        if (from !== undefined) moved.set(name!, { from, to });
        if (from !== to) splices.push(tomlSetString(body, node, `the version of ${name}`, to));
      }
      for (const p of packages) {
        const deps = entries.get([...p, "dependencies"]);
        if (deps?.type !== "TOMLArray") continue;
        for (const d of deps.elements) {
          if (d.type !== "TOMLValue" || d.kind !== "string") continue;
          // "name version" (no source) appears when two versions of a crate are locked.
          const [name, version, ...rest] = d.value.split(" ");
          const m = name === undefined ? undefined : moved.get(name);
          if (m && rest.length === 0 && version === m.from && m.from !== m.to)
            splices.push(tomlSetString(body, d, "a dependency reference", `${name} ${m.to}`));
        }
      }
      return splices;
    });
  },
};
