import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { ResolvedService } from "../config/types.js";
import { streamFileHistory } from "../git/file-history.js";
import { streamCommits } from "../git/log.js";
import type { Git } from "../git/run.js";

type CargoToml = typeof import("./cargo-shared.js");

function read(root: string, path: string): string | null {
  try {
    return readFileSync(join(root, path), "utf8");
  } catch {
    return null;
  }
}

/** The workspace root of a member: `package.workspace` when set, else the nearest Cargo.toml above with `[workspace]`. */
function workspaceRoot(t: CargoToml, root: string, manifest: string, text: string): string | null {
  const flat = t.entries(text);
  const explicit = flat?.get(JSON.stringify(["package", "workspace"]));
  if (explicit !== undefined)
    return posix.normalize(posix.join(posix.dirname(manifest), JSON.parse(explicit) as string, "Cargo.toml"));
  for (let dir = posix.dirname(posix.dirname(manifest)); ; dir = posix.dirname(dir)) {
    const path = posix.join(dir, "Cargo.toml");
    const candidate = read(root, path);
    if (candidate !== null && t.paths(t.entries(candidate) ?? new Map()).some((p) => p[0] === "workspace")) return path;
    if (dir === "." || dir === "/" || dir === "") return null;
  }
}

const isGlob = (p: string): boolean => /[*?[\]{}!]/.test(p) || p.startsWith(":");
const covers = (pathspec: string, path: string): boolean => {
  const p = posix.normalize(pathspec).replace(/\/+$/, "");
  return p === "." || p === "" || path === p || path.startsWith(`${p}/`);
};

/** Per shared root Cargo.toml, the `[workspace.dependencies]` keys the service's crates inherit from it. */
export async function sharedRoots(root: string, service: ResolvedService): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (service.paths.length === 0) return out;
  const candidates = new Set([
    ...service.manifests.map((m) => posix.normalize(m.path)).filter((p) => posix.basename(p) === "Cargo.toml"),
    ...service.paths.filter((p) => !isGlob(p)).map((p) => posix.join(posix.normalize(p), "Cargo.toml")),
  ]);
  const found = [...candidates].flatMap((path) => {
    const text = read(root, path);
    return text === null ? [] : [{ manifest: path, text }];
  });
  if (found.length === 0) return out;
  const t = await import("./cargo-shared.js");
  for (const { manifest, text } of found) {
    const keys = t.inheritedDependencies(text);
    if (keys.length === 0) continue;
    const shared = workspaceRoot(t, root, manifest, text);
    // A root under the service's own paths is counted whole already.
    if (shared === null || service.paths.some((p) => covers(p, shared))) continue;
    out.set(shared, new Set([...(out.get(shared) ?? []), ...keys]));
  }
  return out;
}

/** Which commits of a range count for a service through a shared root, and why. */
export interface SharedChanges {
  /** Pathspecs to add to the service's own for the range's `git log`. */
  paths: string[];
  /** Keep a commit the widened log lists: it touches the service's own paths, or a shared entry it uses. */
  keeps(sha: string): boolean;
  /** Why a commit counts that touches none of the service's own paths. */
  why: Map<string, string>;
}

/**
 * The commits of `revisions` that change a `[workspace.dependencies]` entry
 * the service's crates inherit: one `git log -p` per shared root (usually
 * one), and, only when the root also changed in ways the service does not
 * use, one `git log` of the service's own paths to tell those commits apart.
 */
export async function sharedChanges(
  git: Git,
  service: ResolvedService,
  revisions: string[],
  noMerges: boolean,
): Promise<SharedChanges | null> {
  const roots = await sharedRoots(git.cwd, service);
  if (roots.size === 0) return null;
  const { changedWorkspaceDependencies } = await import("./cargo-shared.js");
  const why = new Map<string, string>();
  const other = new Set<string>();
  await Promise.all(
    [...roots].map(([path, used]) =>
      streamFileHistory(git, { revisions, path, noMerges }, ({ commit, before, after, binary }) => {
        const changed = binary ? null : changedWorkspaceDependencies(before, after);
        const table = `counted: ${path} [workspace.dependencies]`;
        if (changed === null) why.set(commit.sha, `${table} could not be read, so every entry counts as changed`);
        const hits = (changed ?? []).filter((k) => used.has(k));
        if (hits.length > 0) why.set(commit.sha, `${table} ${hits.join(", ")} changed`);
        else if (!why.has(commit.sha)) other.add(commit.sha);
      }),
    ),
  );
  let own: Set<string> | null = null;
  if (other.size > 0) {
    own = new Set();
    const collected = own;
    await streamCommits(git, { revisions, paths: service.paths, noMerges }, (c) => collected.add(c.sha));
  }
  for (const sha of own ?? []) why.delete(sha);
  return {
    paths: [...roots.keys()],
    keeps: (sha) => !other.has(sha) || (own?.has(sha) ?? false) || why.has(sha),
    why,
  };
}
