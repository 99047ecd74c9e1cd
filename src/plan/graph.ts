import type { ResolvedService } from "../config/types.js";
import { headReleases } from "../history/current-version.js";
import type { ReleaseContext } from "../render/context.js";
import { resolveGraph, type GraphEdge, type GraphRelease } from "../versioning/graph-versions.js";
import type { ReleaseTag } from "../versioning/service-tags.js";
import type { RepoSession } from "../session/session.js";
import { serviceLabel } from "../config/label.js";
import { describeReason } from "./reason.js";
import type { ServiceRelease, SkippedService } from "./types.js";
import type { WorkingFiles } from "../files/working-files.js";

/** A release while it is being decided: everything but its notes and file edits, made once every version is known. */
export type DraftRelease = Omit<ServiceRelease, "files" | "notes">;

export interface Decided {
  service: ResolvedService;
  release: DraftRelease;
  context: ReleaseContext;
  /** The pre-release iterated without new commits (`--rc` after rc.1), or null. */
  iterated: ReleaseTag | null;
}

/** The graph between services, as their manifests declare it. */
export interface ServiceGraphView {
  /** `dependent` requires `dependency`; `admits` says whether its requirement admits a version. */
  edges: GraphEdge[];
  /** Services whose versions come from one shared manifest version (`[workspace.package]`): a fixed group each. */
  sharedVersions: { root: string; services: string[] }[];
}

/**
 * Reads the graph from the work tree (through `files`). `listing` is a released
 * service that lists manifests, named in errors. Handed to the plan by its
 * caller with the file planners (src/release/planners.ts).
 */
export type GraphReader = (
  files: WorkingFiles,
  services: ResolvedService[],
  listing: ResolvedService,
) => Promise<ServiceGraphView>;

/** Decide a service again at a version the graph chose. */
export type Redecide = (service: ResolvedService, version: string) => Promise<Decided | SkippedService>;

function isDecided(r: Decided | SkippedService): r is Decided {
  return "release" in r;
}

const nameOf = (r: Decided | SkippedService): string | null => (isDecided(r) ? r.service.name : r.service);

/** Dependencies first, then the configured order (a cycle keeps the configured order). */
function topological(names: string[], edges: { dependent: string; dependency: string }[]): string[] {
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (n: string): void => {
    if (out.includes(n) || visiting.has(n)) return;
    visiting.add(n);
    for (const e of edges) if (e.dependent === n && names.includes(e.dependency)) visit(e.dependency);
    out.push(n);
  };
  for (const n of names) visit(n);
  return out;
}

function applyGraph(d: Decided, g: GraphRelease, ctx: RepoSession, forced: boolean): void {
  const r = d.release;
  if (forced) {
    if (g.level !== null && r.bump === "explicit") r.bump = g.level;
    r.reason = describeReason(r.bump, r.commits, null, Object.keys(ctx.config.commits.types));
  }
  if (g.reasons.length > 0) r.reason = `${r.reason}; ${g.reasons.join("; ")}`;
  r.releasedFor = g.reasons;
  r.dependencies = g.dependencies;
  d.context.dependencies = g.dependencies;
}

/**
 * The graph between services. Only a release of a service that lists manifests
 * moves requirements (and so reaches dependents): when no such service is
 * released, the graph is not read (and the manifest parsers are not even loaded).
 */
async function readGraph(
  read: GraphReader,
  files: () => Promise<WorkingFiles>,
  services: ResolvedService[],
  released: Set<string | null>,
): Promise<ServiceGraphView> {
  const listing = services.find((s) => s.manifests.length > 0 && released.has(s.name));
  if (listing === undefined) return { edges: [], sharedVersions: [] };
  return read(await files(), services, listing);
}

/**
 * Releases of dependents and of fixed/linked groups, on top of the services'
 * own decisions: reads workspace manifests and tags, writes nothing. Services
 * come back in topological order (dependencies first).
 */
export async function planGraph(
  ctx: RepoSession,
  selected: ResolvedService[],
  results: (Decided | SkippedService)[],
  graphOf: { read: GraphReader; files: () => Promise<WorkingFiles> },
  redecide: Redecide,
): Promise<(Decided | SkippedService)[]> {
  const config = ctx.config;
  const named = config.services.filter((s): s is ResolvedService & { name: string } => s.name !== null);
  if (!config.monorepo || named.length < 2) return results;
  const graph = await readGraph(
    graphOf.read,
    graphOf.files,
    named,
    new Set(results.filter(isDecided).map((r) => r.service.name)),
  );
  const fixed = [
    ...config.groups.fixed.map((members) => ({ members, why: `fixed group ${members.join(", ")}` })),
    ...graph.sharedVersions.map((g) => ({
      members: g.services,
      why: `shares [workspace.package] version in ${g.root} with ${g.services.join(", ")}`,
    })),
  ];
  const linked = config.groups.linked.map((members) => ({ members, why: `linked group ${members.join(", ")}` }));
  if (graph.edges.length === 0 && fixed.length === 0 && linked.length === 0) return results;
  for (const g of graph.sharedVersions) {
    ctx.emit({
      type: "info",
      message:
        `${g.services.map(serviceLabel).join(", ")} share the [workspace.package] version of ${g.root}: released ` +
        "together at one version (a fixed group)",
    });
  }

  const byName = new Map(results.map((r) => [nameOf(r), r]));
  const services = await Promise.all(
    named.map(async (s) => {
      const r = byName.get(s.name);
      if (r && isDecided(r)) {
        const bump = r.release.bump;
        return {
          name: s.name,
          latest: r.release.previousVersion ?? "0.0.0",
          decided: {
            version: r.release.version,
            level: bump === "major" || bump === "minor" || bump === "patch" ? bump : null,
          },
        };
      }
      const { latest } = await headReleases(ctx, s);
      return { name: s.name, latest: latest?.version ?? null, decided: null };
    }),
  );
  const outcome = resolveGraph({
    services,
    edges: graph.edges,
    fixed,
    linked,
    dependents: config.dependents,
  });
  for (const name of outcome.blocked) {
    ctx.emit({
      type: "warning",
      message:
        `${serviceLabel(name)} depends on a released service or shares its group but has no release yet, so it ` +
        "is not released with it; release it first with an explicit version",
    });
  }

  const out = new Map<string | null, Decided | SkippedService>(results.map((r) => [nameOf(r), r]));
  for (const [name, g] of outcome.releases) {
    const current = out.get(name);
    const service = named.find((s) => s.name === name)!;
    if (current && isDecided(current) && current.release.version === g.version) {
      if (g.reasons.length > 0 || g.dependencies.length > 0) applyGraph(current, g, ctx, false);
      continue;
    }
    const again = await redecide(service, g.version);
    if (isDecided(again)) applyGraph(again, g, ctx, true);
    out.set(name, again);
  }
  const order = topological(
    [...out.keys()].filter((n): n is string => n !== null),
    graph.edges,
  );
  const selectedNames = new Set(selected.map((s) => s.name));
  return order.map((n) => out.get(n)!).filter((r) => selectedNames.has(nameOf(r)) || isDecided(r));
}
