import { isScalar, type Scalar } from "yaml";
import { movedOrError, npmRange, peerMoveOptions, type MoveOptions } from "./requirements.js";
import { editBody, stripBom, type Splice } from "./text.js";
import { ManifestError, type ManifestChange, type ManifestUpdater } from "./types.js";
import { parseYaml, yamlEntries, yamlGet, yamlSetString, yamlString } from "./yaml.js";

/** `name@range` split at the `@` that ends the package name (`@scope/name@npm:^1.0.0`). */
function splitDescriptor(descriptor: string): [string, string] | null {
  const at = descriptor.indexOf("@", 1);
  return at <= 0 ? null : [descriptor.slice(0, at), descriptor.slice(at + 1)];
}

/**
 * A range as yarn records it, moved like the package.json range it came from:
 * yarn writes a plain semver range with its default `npm:` protocol, keeps
 * `workspace:` ranges and peer ranges as written. Null: leave it.
 */
function movedRange(range: string, version: string, change: MoveOptions, what: string, offset: number): string | null {
  const npm = range.startsWith("npm:");
  const moved = movedOrError(() => npmRange(npm ? range.slice(4) : range, version, change), what, offset);
  return moved === null ? null : `${npm ? "npm:" : ""}${moved}`;
}

function offsetOf(node: unknown): number {
  return isScalar(node) && node.range ? node.range[0] : 0;
}

/** Splices for a workspace entry's recorded dependency and peer ranges on released packages. */
function rangeSplices(body: string, entry: unknown, entryKey: string, change: ManifestChange): Splice[] {
  const splices: Splice[] = [];
  for (const field of ["dependencies", "peerDependencies"]) {
    for (const [name, node] of yamlEntries(yamlGet(entry, field))) {
      const version = change.released.get(name);
      const range = yamlString(node);
      if (version === undefined || range === undefined) continue;
      const options = field === "peerDependencies" ? peerMoveOptions(change) : change;
      const moved = movedRange(range, version, options, `"${entryKey}".${field}.${name}`, offsetOf(node));
      if (moved !== null && moved !== range) splices.push(yamlSetString(body, node, `the range of ${name}`, moved));
    }
  }
  return splices;
}

/** A workspace entry's key (its descriptors, sorted and joined as yarn writes them) with released packages' ranges moved. */
function movedKey(key: string, keyNode: Scalar, change: ManifestChange): string {
  let changed = false;
  const descriptors = key.split(", ").map((descriptor) => {
    const parts = splitDescriptor(descriptor);
    const version = parts === null ? undefined : change.released.get(parts[0]);
    if (parts === null || version === undefined) return descriptor;
    const moved = movedRange(parts[1], version, change, `the entry "${key}"`, offsetOf(keyNode));
    if (moved === null || moved === parts[1]) return descriptor;
    changed = true;
    return `${parts[0]}@${moved}`;
  });
  return changed ? [...new Set(descriptors)].sort().join(", ") : key;
}

/**
 * yarn.lock written by yarn berry (2+): in every workspace entry (resolution
 * `name@workspace:path`), the ranges it records for its dependencies and peer
 * dependencies on released packages, and the descriptors in the entry keys
 * that name them (`"lib@npm:^1.2.0, lib@workspace:packages/lib"`), moved as
 * the package.json ranges are. Workspace entries record no version of their
 * own (`0.0.0-use.local`), and registry entries stay as they are.
 * A classic (v1) yarn.lock lists no workspace packages and is left unchanged.
 */
export const yarnLock: ManifestUpdater = {
  kind: "yarn-lock",
  read: () => null,
  update(text: string, change: ManifestChange): string {
    if (/^# yarn lockfile v1$/m.test(stripBom(text).body.slice(0, 500))) return text;
    return editBody(text, (body) => {
      const doc = parseYaml(body);
      if (doc.contents === null) return []; // yarn starts a project with an empty yarn.lock
      if (yamlGet(doc.contents, "__metadata") === undefined)
        throw new ManifestError(
          "expected a yarn.lock written by yarn 2 or later (with __metadata) or a classic one (# yarn lockfile v1)",
          0,
        );
      const splices: Splice[] = [];
      const keys: { before: string; after: string; node: Scalar }[] = [];
      for (const [key, entry, keyNode] of yamlEntries(doc.contents)) {
        if (key === "__metadata") continue;
        const resolution = yamlString(yamlGet(entry, "resolution"));
        const workspace =
          resolution !== undefined && splitDescriptor(resolution)?.[1].startsWith("workspace:") === true;
        const after = workspace ? movedKey(key, keyNode, change) : key;
        keys.push({ before: key, after, node: keyNode });
        if (!workspace) continue;
        splices.push(...rangeSplices(body, entry, key, change));
        if (after !== key) splices.push(yamlSetString(body, keyNode, `the entry "${key}"`, after));
      }
      // yarn sorts entries by key: an edit that would move an entry is more than a splice.
      keys.forEach((k, i) => {
        const [prev, next] = [keys[i - 1], keys[i + 1]];
        if (k.after !== k.before && ((prev && prev.after > k.after) || (next && k.after > next.after))) {
          throw new ManifestError(
            `the entry "${k.before}" becomes "${k.after}", which yarn sorts elsewhere: relnotes edits ` +
              "lockfiles in place and stops rather than write an order yarn would not; run yarn install and " +
              "commit yarn.lock yourself",
            offsetOf(k.node),
          );
        }
      });
      return splices;
    });
  },
};
