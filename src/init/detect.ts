import { existsSync, readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { detectRootManifests } from "../config/root-manifests.js";
import { readTags } from "../git/refs.js";
import { parseRemoteUrl, type RemoteRepository } from "../git/remote-url.js";
import { readHead, remoteUrl } from "../git/repo.js";
import type { Git } from "../git/run.js";
import { gt, prerelease } from "semver";
import { cargoWorkspace } from "../manifests/cargo-workspace.js";
import { updaterForKind } from "../manifests/registry.js";
import { npmWorkspace } from "../manifests/npm-workspace.js";
import { WorkingFiles } from "../files/working-files.js";
import { TagFormat } from "../tags/tag-format.js";

/** Tag shapes relnotes recognises when reading an existing repository, most specific first. */
const SERVICE_FORMATS = [
  "{service}/v{version}",
  "{service}/{version}",
  "{service}@v{version}",
  "{service}@{version}",
  "{service}-v{version}",
];
const PACKAGE_FORMATS = ["v{version}", "{version}"];

export interface DetectedPackage {
  /** Service name (the member directory's last segment). */
  name: string;
  dir: string;
  manifest: string;
  changelog: string | null;
  /** The version its manifest declares; null when it declares none of its own (Cargo `version.workspace = true`). */
  version: string | null;
}

export interface Layout {
  /** The tag format most tags follow, and the services named in them. */
  tags: { format: string | null; services: string[]; count: number; latest: string | null };
  /** Workspace members (npm or Cargo), when the root manifest declares a workspace. */
  workspace: { kind: "npm" | "cargo"; packages: DetectedPackage[] } | null;
  rootManifests: string[];
  lockfiles: string[];
  changelog: { path: string; links: "inline" | "references" } | null;
  remote: RemoteRepository | null;
  /** The origin remote's URL as configured, also when it is no forge's (a path, an unknown host). */
  remoteUrl: string | null;
  branch: string | null;
}

/** Which format explains the most tags, the service names they carry, and (tags without a service) the highest version. */
function tagShape(names: readonly string[]): Layout["tags"] {
  let best: Layout["tags"] = { format: null, services: [], count: 0, latest: null };
  for (const pattern of [...SERVICE_FORMATS, ...PACKAGE_FORMATS]) {
    const shape = new TagFormat(pattern).shape();
    const services = new Set<string>();
    let count = 0;
    let latest: string | null = null;
    for (const name of names) {
      const m = shape.exec(name);
      const version = m?.groups?.version;
      if (!m || !version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) continue;
      const service = m.groups!.service;
      if (service !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(service)) continue;
      count++;
      if (service !== undefined) services.add(service);
      else if (prerelease(version) === null && (latest === null || gt(version, latest))) latest = version;
    }
    if (count > best.count) best = { format: pattern, services: [...services].sort(), count, latest };
  }
  return best;
}

function read(root: string, path: string): string | null {
  try {
    return readFileSync(posix.join(root, path), "utf8");
  } catch {
    return null;
  }
}

/** How an existing changelog links its headings: `## [1.2.0](url)` inline, or `[1.2.0]: url` definitions. */
function changelogStyle(root: string, path: string): Layout["changelog"] {
  const text = read(root, path);
  if (text === null) return null;
  return { path, links: /^## \[[^\]]+\]\(/m.test(text) || !/^\[[^\]]+\]: \S+/m.test(text) ? "inline" : "references" };
}

/** The version a member's manifest declares, or null (none of its own, or unreadable: init then lists it). */
function declaredVersion(root: string, manifest: string): string | null {
  const text = read(root, manifest);
  if (text === null) return null;
  try {
    return updaterForKind("", manifest).read(text)?.version ?? null;
  } catch {
    return null;
  }
}

function workspaceOf(root: string): Layout["workspace"] {
  const files = new WorkingFiles(root);
  for (const [kind, manifest, discover] of [
    ["npm", "package.json", npmWorkspace],
    ["cargo", "Cargo.toml", cargoWorkspace],
  ] as const) {
    if (!existsSync(posix.join(root, manifest))) continue;
    let members: string[];
    try {
      members = discover(files, manifest).manifests.filter((m) => m !== manifest);
    } catch {
      continue;
    }
    if (members.length === 0) continue;
    const packages = members.map((m) => {
      const dir = posix.dirname(m);
      const changelog = posix.join(dir, "CHANGELOG.md");
      return {
        name: posix.basename(dir),
        dir,
        manifest: m,
        changelog: existsSync(posix.join(root, changelog)) ? changelog : null,
        version: declaredVersion(root, m),
      };
    });
    return { kind, packages };
  }
  return null;
}

/** Directories (up to two levels deep) whose last segment is `name`: where a tag namespace's code likely lives. */
export function directoriesNamed(root: string, name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: { name: string; isDirectory(): boolean }[];
    try {
      entries = readdirSync(posix.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith(".") || e.name === "node_modules" || e.name === "target") continue;
      const path = dir ? `${dir}/${e.name}` : e.name;
      if (e.name === name) found.push(path);
      if (depth < 2) walk(path, depth + 1);
    }
  };
  walk("", 0);
  return found.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
}

/** Read what a config would describe: tags, workspaces, manifests, changelog, remote. Writes nothing. */
export async function detectLayout(git: Git): Promise<Layout> {
  const root = git.cwd;
  const [tags, head, url] = await Promise.all([
    readTags(git),
    readHead(git).catch(() => null),
    remoteUrl(git, "origin"),
  ]);
  const rootManifests = detectRootManifests(root);
  const lockfiles = ["package-lock.json", "npm-shrinkwrap.json", "Cargo.lock"].filter((l) =>
    existsSync(posix.join(root, l)),
  );
  return {
    tags: tagShape(tags.map((t) => t.name)),
    workspace: workspaceOf(root),
    rootManifests,
    lockfiles,
    changelog: changelogStyle(root, "CHANGELOG.md"),
    remote: url ? parseRemoteUrl(url) : null,
    remoteUrl: url ?? null,
    branch: head?.branch ?? null,
  };
}
