import { posix } from "node:path";
import { satisfies } from "semver";
import type { ResolvedService } from "../config/types.js";
import type { WorkingFiles } from "../files/working-files.js";
import { crateDependencies, crateFacts } from "./cargo-toml.js";
import { cargoWorkspace, inheritedVersionRoot } from "./cargo-workspace.js";
import { guarded, listedManifests } from "./current.js";
import { DEPENDENCY_FIELDS, jsonAt, jsonProperties, parseJson } from "./json.js";
import { npmWorkspace } from "./npm-workspace.js";
import { manifestKind } from "./registry.js";
import { cargoAsNpm, pep440Admits } from "./requirements.js";
import { stripBom } from "./text.js";
import { pythonFactsOf, uvWorkspace } from "./uv-workspace.js";
import { readFacts } from "./workspace.js";

/** One internal dependency between services, as written in the dependent's manifest. */
export interface ServiceEdge {
  dependent: string;
  dependency: string;
  /** The dependent's manifest and the requirement written there (null: a path dependency without one). */
  file: string;
  requirement: string | null;
  ecosystem: Ecosystem;
  /** A peer dependency (npm): it releases the dependent only when the release leaves its range. */
  peer: boolean;
}

type Ecosystem = "npm" | "cargo" | "python";

export interface ServiceGraph {
  edges: ServiceEdge[];
  /** Services whose versions come from one Cargo `[workspace.package] version`: a fixed group each. */
  sharedVersions: { root: string; services: string[] }[];
}

interface Package {
  name: string;
  manifest: string;
  ecosystem: Ecosystem;
  /** `peer`: a peerDependencies entry (npm), which releases the dependent only when out of range. */
  deps: { name: string; requirement: string | null; peer?: boolean }[];
}

function npmPackage(text: string, manifest: string): Package | null {
  const root = parseJson(stripBom(text).body);
  const name = jsonAt(root, ["name"]);
  if (name?.type !== "string") return null;
  const deps = jsonProperties(root)
    .filter(([field]) => (DEPENDENCY_FIELDS as readonly string[]).includes(field))
    .flatMap(([field, node]) =>
      jsonProperties(node).flatMap(([dep, range]) =>
        range.type === "string"
          ? [{ name: dep, requirement: String(range.value), peer: field === "peerDependencies" }]
          : [],
      ),
    );
  return { name: String(name.value), manifest, ecosystem: "npm", deps };
}

function cargoPackage(files: WorkingFiles, text: string, manifest: string): Package | null {
  const name = crateFacts(text).name;
  if (name === null) return null;
  const rootPath = cargoWorkspace(files, manifest).manifests[0]!;
  const shared =
    rootPath === manifest
      ? []
      : (readFacts(files, rootPath, crateDependencies) ?? []).filter((d) => d.table === "workspace");
  const deps = crateDependencies(text)
    .filter((d) => d.table === "member")
    .map(({ dependency: d }) =>
      d.inherited ? (shared.find((w) => w.dependency.crate === d.crate)?.dependency ?? d) : d,
    )
    .map((d) => ({ name: d.crate, requirement: d.requirement }));
  return { name, manifest, ecosystem: "cargo", deps };
}

/** A uv workspace member, its dependencies on members (`[tool.uv.sources]` X = { workspace = true }, own or root's). */
function pythonPackage(files: WorkingFiles, manifest: string): Package | null {
  const facts = pythonFactsOf(files, manifest);
  if (!facts?.name) return null;
  const rootPath = uvWorkspace(files, manifest).manifests[0]!;
  const fromRoot = rootPath === manifest ? [] : (pythonFactsOf(files, rootPath)?.workspaceSources ?? []);
  const sources = new Set([...facts.workspaceSources, ...fromRoot]);
  const deps = facts.dependencies
    .filter((d) => sources.has(d.name))
    .map((d) => ({ name: d.name, requirement: d.requirement === "" ? null : d.requirement }));
  return { name: facts.name, manifest, ecosystem: "python", deps };
}

/** Does a requirement as written admit `version`? A requirement relnotes cannot read admits everything (it is left alone). */
export function requirementAdmits(edge: Pick<ServiceEdge, "requirement" | "ecosystem">, version: string): boolean {
  if (edge.requirement === null) return true;
  let range: string | null = edge.requirement;
  if (edge.ecosystem === "python") return pep440Admits(edge.requirement, version) ?? true;
  if (edge.ecosystem === "cargo") range = cargoAsNpm(edge.requirement);
  else if (range.startsWith("workspace:"))
    range = ["*", "^", "~", ""].includes(range.slice(10)) ? "*" : range.slice(10);
  return (
    range === null || satisfies(version, range, { includePrerelease: true }) || !/^[\s\d^~<>=.xX*|v-]+$/.test(range)
  );
}

function under(path: string, prefix: string): boolean {
  const p = prefix.replace(/\/+$/, "");
  return p === "" || p === "." || path === p || path.startsWith(`${p}/`);
}

/**
 * The internal dependencies between services, read from the workspaces their
 * manifests belong to (npm, Cargo and uv). A service owns the packages it lists
 * in `manifests` and the workspace packages under its `paths`.
 */
export function serviceGraph(files: WorkingFiles, services: ResolvedService[]): ServiceGraph {
  const manifests = new Map<string, Ecosystem>();
  const owner = new Map<string, string>();
  const shared = new Map<string, string[]>();
  for (const service of services) {
    for (const m of listedManifests(service)) {
      const k = manifestKind(m);
      const text = files.read(m.path);
      if (!("kind" in k) || text === null || service.name === null) continue;
      if (k.kind === "package-json") {
        for (const p of guarded(service, m.path, text, () => npmWorkspace(files, m.path)).manifests)
          manifests.set(p, "npm");
        owner.set(m.path, service.name);
      } else if (k.kind === "cargo-toml") {
        for (const p of guarded(service, m.path, text, () => cargoWorkspace(files, m.path)).manifests)
          manifests.set(p, "cargo");
        owner.set(m.path, service.name);
        const root =
          guarded(service, m.path, text, () => inheritedVersionRoot(files, m.path)) ??
          (guarded(service, m.path, text, () => crateFacts(text)).workspace?.packageVersion ? m.path : null);
        if (root !== null) shared.set(root, [...new Set([...(shared.get(root) ?? []), service.name])]);
      } else if (k.kind === "pyproject-toml") {
        for (const p of guarded(service, m.path, text, () => uvWorkspace(files, m.path)).manifests)
          manifests.set(p, "python");
        owner.set(m.path, service.name);
      }
    }
  }
  const packages = new Map<string, { pkg: Package; service: string | null }>();
  for (const [path, ecosystem] of manifests) {
    const text = files.read(path);
    if (text === null) continue;
    const read = (t: string) => (ecosystem === "npm" ? npmPackage(t, path) : cargoPackage(files, t, path));
    const pkg = ecosystem === "python" ? pythonPackage(files, path) : readFacts(files, path, read);
    if (pkg === null) continue;
    const dir = posix.dirname(path);
    const service =
      owner.get(path) ?? services.find((s) => s.name !== null && s.paths.some((p) => under(dir, p)))?.name ?? null;
    packages.set(`${ecosystem}:${pkg.name}`, { pkg, service });
  }
  const edges: ServiceEdge[] = [];
  for (const { pkg, service } of packages.values()) {
    if (service === null) continue;
    for (const dep of pkg.deps) {
      const target = packages.get(`${pkg.ecosystem}:${dep.name}`)?.service;
      if (target === undefined || target === null || target === service) continue;
      const peer = dep.peer ?? false;
      if (
        edges.some(
          (e) =>
            e.dependent === service && e.dependency === target && e.requirement === dep.requirement && e.peer === peer,
        )
      )
        continue;
      edges.push({
        dependent: service,
        dependency: target,
        file: pkg.manifest,
        requirement: dep.requirement,
        ecosystem: pkg.ecosystem,
        peer,
      });
    }
  }
  const sharedVersions = [...shared].filter(([, s]) => s.length > 1).map(([root, s]) => ({ root, services: s }));
  return { edges, sharedVersions };
}
