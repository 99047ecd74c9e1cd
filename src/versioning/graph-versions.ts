import { gt, inc } from "semver";
import type { BumpLevel } from "../config/types.js";
import { maxLevel } from "./next-version.js";

export type DependentsMode = "patch" | "out-of-range" | "none";

/** One service as decided from its own commits. */
export interface GraphService {
  name: string;
  /** Latest release (null: never released: it cannot be released for others). */
  latest: string | null;
  /** The release its own commits (or the command line) ask for, or null. */
  decided: { version: string; level: BumpLevel | null } | null;
}

/** `dependent` requires `dependency`'s package; `admits` tells whether the requirement as written admits a version. */
export interface GraphEdge {
  dependent: string;
  dependency: string;
  admits(version: string): boolean;
  /** A peer dependency: the dependent is released for it only when the release leaves its range. */
  peer?: boolean;
}

export interface GraphInput {
  services: GraphService[];
  edges: GraphEdge[];
  /** Members always share one version and are released together; `why` names the group in the reasons. */
  fixed: { members: string[]; why: string }[];
  /** Members released together share the highest version of the group. */
  linked: { members: string[]; why: string }[];
  dependents: DependentsMode;
}

export interface GraphRelease {
  version: string;
  level: BumpLevel | null;
  /** Why the version differs from what the service's own commits ask for ("depends on lib 2.0.0"). */
  reasons: string[];
  /** Released services this one depends on, with their new versions (the "Dependencies" changelog entry). */
  dependencies: { service: string; version: string }[];
}

export interface GraphOutcome {
  releases: Map<string, GraphRelease>;
  /** Services that should be released for others but cannot (never released): a warning each. */
  blocked: string[];
}

function higher(a: string, b: string): string {
  return gt(b, a) ? b : a;
}

/**
 * The releases of a monorepo once dependents, fixed and linked groups are
 * taken into account. Pure; versions only rise, so it settles.
 */
export function resolveGraph(input: GraphInput): GraphOutcome {
  const byName = new Map(input.services.map((s) => [s.name, s]));
  const state = new Map<string, GraphRelease>();
  for (const s of input.services)
    if (s.decided)
      state.set(s.name, { version: s.decided.version, level: s.decided.level, reasons: [], dependencies: [] });
  const blocked = new Set<string>();
  const raise = (name: string, version: string, level: BumpLevel | null, reason: string): boolean => {
    const current = state.get(name);
    if (current && !gt(version, current.version)) return false;
    if (!current && byName.get(name)?.latest === null) {
      blocked.add(name);
      return false;
    }
    state.set(name, {
      version,
      level: maxLevel(current?.level ?? null, level),
      reasons: [...(current?.reasons ?? []), reason],
      dependencies: current?.dependencies ?? [],
    });
    return true;
  };
  for (let changed = true, rounds = 0; changed && rounds < 1000; rounds++) {
    changed = false;
    for (const edge of input.edges) {
      const dependency = state.get(edge.dependency);
      if (!dependency || input.dependents === "none") continue;
      if ((input.dependents === "out-of-range" || edge.peer) && edge.admits(dependency.version)) continue;
      const reason = `depends on ${edge.dependency} ${dependency.version}`;
      if (!state.has(edge.dependent)) {
        const latest = byName.get(edge.dependent)?.latest ?? null;
        if (latest === null) blocked.add(edge.dependent);
        else changed = raise(edge.dependent, inc(latest, "patch")!, "patch", reason) || changed;
      }
      const dependent = state.get(edge.dependent);
      if (!dependent) continue;
      const listed = dependent.dependencies.find((d) => d.service === edge.dependency);
      if (listed === undefined) {
        dependent.dependencies.push({ service: edge.dependency, version: dependency.version });
        if (!dependent.reasons.includes(reason)) dependent.reasons.push(reason);
      } else if (listed.version !== dependency.version) {
        listed.version = dependency.version;
        dependent.reasons = dependent.reasons
          .filter((r) => !r.startsWith(`depends on ${edge.dependency} `))
          .concat(reason);
      }
    }
    for (const group of [
      ...input.fixed.map((g) => ({ ...g, fixed: true })),
      ...input.linked.map((g) => ({ ...g, fixed: false })),
    ]) {
      const releasing = group.members.filter((m) => state.has(m));
      if (releasing.length === 0) continue;
      let level: BumpLevel | null = null;
      let target = state.get(releasing[0]!)!.version;
      for (const m of releasing) {
        level = maxLevel(level, state.get(m)!.level);
        target = higher(target, state.get(m)!.version);
      }
      // The group's highest released version, moved by the highest level asked for, is a floor.
      const latests = group.members.map((m) => byName.get(m)?.latest ?? null).filter((v): v is string => v !== null);
      const base = latests.reduce<string | null>((a, b) => (a === null ? b : higher(a, b)), null);
      if (base !== null && level !== null) target = higher(target, inc(base, level)!);
      for (const m of group.fixed ? group.members : releasing) {
        const current = state.get(m);
        if (current?.version === target) continue;
        changed = raise(m, target, current?.level ?? level, group.why) || changed;
      }
    }
  }
  for (const name of state.keys()) blocked.delete(name);
  return { releases: state, blocked: [...blocked] };
}
