import { parseTemplate, templateProblem, type BuildKind } from "../tags/distribution-template.js";
import type { TagSigning } from "../git/tag.js";
import type { DistributionPolicy, DistributionPreset } from "./types.js";
import type { SchemaContext } from "./validate.js";

type Lists = Pick<DistributionPolicy, "stable" | "prerelease" | "main">;

export const PRESETS: Record<DistributionPreset, Lists> = {
  /** Seed 004's matrix: X.Y.Z, X.Y, X (from 1.0.0), latest, sha-<short>; pre-releases X.Y.Z-rc.N; main edge, nightly. */
  "semver-aliases": {
    stable: ["{version}", "{major}.{minor}", "{major}", "latest", "sha-{shortSha}"],
    prerelease: ["{version}", "sha-{shortSha}"],
    main: ["edge", "nightly-{date}", "sha-{shortSha}"],
  },
  /** Seed 001: one tag per release, never moved (`ghcr.io/org/api:v1.2.3`); main builds by commit only. */
  immutable: {
    stable: ["v{version}"],
    prerelease: ["v{version}"],
    main: ["sha-{shortSha}"],
  },
};

const PRESET_NAMES = Object.keys(PRESETS) as DistributionPreset[];
const KINDS: BuildKind[] = ["stable", "prerelease", "main"];

/**
 * Validate `distribution` as written and fill the defaults: `tags` is a
 * preset name or `{ preset?, stable?, prerelease?, main? }` (lists not given
 * come from the preset, default "semver-aliases"). Every template is checked
 * here, so a bad one fails at config load with its key named.
 */
export function resolveDistribution(s: SchemaContext, raw: unknown, monorepo: boolean): DistributionPolicy {
  const d = raw === undefined ? {} : s.object(raw, "distribution", ["tags", "promote"]);
  let preset: DistributionPreset | null = "semver-aliases";
  let lists: Lists = PRESETS["semver-aliases"];
  if (typeof d.tags === "string") {
    preset = s.oneOf(PRESET_NAMES)(d.tags, "distribution.tags");
    lists = PRESETS[preset];
  } else if (d.tags !== undefined) {
    const t = s.object(d.tags, "distribution.tags", ["preset", ...KINDS]);
    const base = s.optional(t, "preset", "distribution.tags", s.oneOf(PRESET_NAMES)) ?? "semver-aliases";
    const given = KINDS.filter((k) => t[k] !== undefined);
    preset = given.length === 0 ? base : t.preset !== undefined ? base : null;
    lists = { ...PRESETS[base] };
    for (const kind of given)
      lists[kind] = s.array((v, k) => s.nonEmptyString(v, k))(t[kind], `distribution.tags.${kind}`);
  }
  for (const kind of KINDS) {
    const seen = new Set<string>();
    lists[kind].forEach((source, i) => {
      const key = `distribution.tags.${kind}[${i}]`;
      if (seen.has(source)) s.fail(key, `"${source}" is listed twice`);
      seen.add(source);
      let problem: string | null;
      try {
        problem = templateProblem(parseTemplate(source), kind, monorepo);
      } catch (e) {
        problem = (e as Error).message;
      }
      if (problem !== null) s.fail(key, problem);
    });
  }
  const promote =
    s.optional(
      d,
      "promote",
      "distribution",
      s.array((v, k) => s.nonEmptyString(v, k)),
    ) ?? [];
  promote.forEach((source, i) => {
    const key = `distribution.promote[${i}]`;
    if (!lists.stable.includes(source))
      s.fail(
        key,
        `"${source}" is not in distribution.tags.stable (${lists.stable.join(", ")})`,
        "promote moves aliases of stable releases: list the template there too",
      );
    if (parseTemplate(source).pinned)
      s.fail(
        key,
        `"${source}" names one build and never moves; only moving aliases like "latest" or "{major}.{minor}" ` +
          "can wait for promote",
      );
  });
  return { preset, ...lists, promote };
}

const SIGNING = [false, "gpg", "ssh"] as const;

/** `tag.sign`: one value for every release tag, or `{ stable, prerelease }` (a kind left out is not signed). */
export function resolveSigning(s: SchemaContext, raw: unknown): { stable: TagSigning; prerelease: TagSigning } {
  if (raw === undefined) return { stable: false, prerelease: false };
  if (typeof raw !== "object" || raw === null) {
    const one = s.oneOf(SIGNING)(raw, "tag.sign");
    return { stable: one, prerelease: one };
  }
  const o = s.object(raw, "tag.sign", ["stable", "prerelease"]);
  return {
    stable: s.optional(o, "stable", "tag.sign", s.oneOf(SIGNING)) ?? false,
    prerelease: s.optional(o, "prerelease", "tag.sign", s.oneOf(SIGNING)) ?? false,
  };
}
