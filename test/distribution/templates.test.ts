import fc from "fast-check";
import { compare, prerelease } from "semver";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";
import type { DistributionPolicy } from "../../src/config/types.js";
import { mainMatrix, releaseMatrix, type BuildFacts } from "../../src/distribution/matrix.js";

const MONO = { services: { api: { paths: ["svc/api/"] } } };
const DAY = new Date("2026-03-01T12:00:00Z");
const SHA = "0123456789abcdef0123456789abcdef01234567";

function policy(distribution: unknown, base: object = MONO): DistributionPolicy {
  return resolveConfig({ ...base, distribution }, "cliff.config.json", "/repo").distribution;
}

function configError(distribution: unknown, base: object = MONO): string {
  try {
    policy(distribution, base);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a config error");
}

const build = (version: string, commit = SHA): BuildFacts => ({ version, commit, date: DAY });

describe("distribution config", () => {
  it("defaults to the semver-aliases matrix; presets are one line", () => {
    expect(policy(undefined)).toEqual({
      preset: "semver-aliases",
      stable: ["{version}", "{major}.{minor}", "{major}", "latest", "sha-{shortSha}"],
      prerelease: ["{version}", "sha-{shortSha}"],
      main: ["edge", "nightly-{date}", "sha-{shortSha}"],
      promote: [],
    });
    expect(policy({ tags: "immutable" })).toEqual({
      preset: "immutable",
      stable: ["v{version}"],
      prerelease: ["v{version}"],
      main: ["sha-{shortSha}"],
      promote: [],
    });
    expect(policy({ tags: "semver-aliases", promote: ["latest"] }).promote).toEqual(["latest"]);
  });

  it("lists not written come from the preset", () => {
    expect(policy({ tags: { preset: "immutable", main: ["edge", "{service}-{shortSha}"] } })).toMatchObject({
      preset: "immutable",
      stable: ["v{version}"],
      main: ["edge", "{service}-{shortSha}"],
    });
    expect(policy({ tags: { stable: ["{version}", "stable"] } })).toMatchObject({
      preset: null,
      stable: ["{version}", "stable"],
      prerelease: ["{version}", "sha-{shortSha}"],
    });
  });

  it.each([
    [{ tags: "floating" }, 'distribution.tags: expected one of "semver-aliases", "immutable", got "floating"'],
    [
      { tags: { stable: ["{version}", "{build}"] } },
      'distribution.tags.stable[1]: unknown variable {build} in "{build}"; known: {version}, {major}',
    ],
    [{ tags: { stable: ["{version"] } }, "distribution.tags.stable[0]: unbalanced brace"],
    [
      { tags: { stable: ["v{version}:x"] } },
      'distribution.tags.stable[0]: "v{version}:x" has characters an image tag cannot hold',
    ],
    [{ tags: { stable: ["-{version}"] } }, "distribution.tags.stable[0]: \"-{version}\" starts with '-'"],
    [
      { tags: { stable: ["{version}-{prerelease}"] } },
      'distribution.tags.stable[0]: "{version}-{prerelease}": a stable version has no pre-release part',
    ],
    [
      { tags: { prerelease: ["{version}", "latest"] } },
      'distribution.tags.prerelease[1]: "latest" only moves with stable releases, never with a pre-release',
    ],
    [
      { tags: { main: ["latest"] } },
      'distribution.tags.main[0]: "latest" only moves with stable releases, never with a main-branch build',
    ],
    [
      { tags: { main: ["edge-{major}"] } },
      'distribution.tags.main[0]: "edge-{major}": a main-branch build has no version, so {major} cannot be used',
    ],
    [{ tags: { stable: ["{version}", "{version}"] } }, 'distribution.tags.stable[1]: "{version}" is listed twice'],
    [{ tags: { stable: [""] } }, "distribution.tags.stable[0]: expected a non-empty string"],
    [{ promote: ["edge"] }, 'distribution.promote[0]: "edge" is not in distribution.tags.stable'],
    [{ promote: ["{version}"] }, 'distribution.promote[0]: "{version}" names one build and never moves'],
    [{ latest: "promote" }, "distribution.latest: unknown key; known keys here: tags, promote"],
  ])("refuses %j at load, naming the key", (distribution, message) => {
    expect(configError(distribution)).toContain(`cliff.config.json: ${message}`);
  });

  it("refuses {service} in a single-package repository", () => {
    expect(configError({ tags: { main: ["{service}-edge"] } }, {})).toContain(
      'distribution.tags.main[0]: "{service}-edge": {service} needs services',
    );
  });
});

describe("releaseMatrix with templates", () => {
  it("renders every variable", () => {
    const p = policy({
      tags: {
        prerelease: ["{version}", "{major}-{minor}-{patch}-{prerelease}", "{service}-{date}", "{sha}", "c{shortSha}"],
      },
    });
    expect(releaseMatrix(p, "api", build("1.2.3-rc.4"), []).tags).toEqual([
      "1.2.3-rc.4",
      "1-2-3-rc.4",
      "api-2026-03-01",
      SHA,
      "c0123456",
    ]);
    expect(mainMatrix(p, "api", SHA, DAY).tags).toEqual(["edge", "nightly-2026-03-01", "sha-0123456"]);
  });

  it("immutable: only v{version}, whatever else exists", () => {
    const p = policy({ tags: "immutable" });
    expect(releaseMatrix(p, "api", build("1.2.5"), [build("1.3.0"), build("2.0.0")])).toEqual({
      tags: ["v1.2.5"],
      held: [],
      deferred: [],
    });
    expect(releaseMatrix(p, "api", build("1.3.0-rc.1"), []).tags).toEqual(["v1.3.0-rc.1"]);
  });

  it("a {major}-only alias is not published below 1.0.0, in any spelling", () => {
    const p = policy({ tags: { stable: ["{version}", "v{major}", "{major}.{minor}"] } });
    expect(releaseMatrix(p, "api", build("0.4.0"), []).tags).toEqual(["0.4.0", "0.4"]);
    expect(releaseMatrix(p, "api", build("1.0.0"), [build("0.4.0")]).tags).toEqual(["1.0.0", "v1", "1.0"]);
  });

  it("promote: latest is deferred at release and moved by promote, forward only", () => {
    const p = policy({ tags: "semver-aliases", promote: ["latest"] });
    expect(releaseMatrix(p, "api", build("1.3.0"), [build("1.2.0")])).toEqual({
      tags: ["1.3.0", "1.3", "1", "sha-0123456"],
      held: [],
      deferred: ["latest"],
    });
    expect(releaseMatrix(p, "api", build("1.3.0"), [build("1.2.0")], "promote")).toEqual({
      tags: ["latest"],
      held: [],
      deferred: [],
    });
    expect(releaseMatrix(p, "api", build("1.2.1"), [build("1.3.0")], "promote")).toEqual({
      tags: [],
      held: [{ alias: "latest", heldBy: "1.3.0" }],
      deferred: [],
    });
    expect(releaseMatrix(p, "api", build("1.4.0-rc.1"), [build("1.3.0")], "promote")).toEqual({
      tags: [],
      held: [],
      deferred: [],
    });
  });

  it("a custom pre-release alias moves forward over pre-releases only", () => {
    const p = policy({ tags: { prerelease: ["{version}", "next"] } });
    expect(releaseMatrix(p, "api", build("1.3.0-rc.2"), [build("1.3.0-rc.1"), build("1.4.0")]).tags).toEqual([
      "1.3.0-rc.2",
      "next",
    ]);
    expect(releaseMatrix(p, "api", build("1.3.0-rc.1"), [build("1.3.0-rc.2")]).held).toEqual([
      { alias: "next", heldBy: "1.3.0-rc.2" },
    ]);
  });

  it("refuses a rendered tag longer than 128 characters", () => {
    const p = policy({ tags: { prerelease: ["{version}"] } });
    expect(() => releaseMatrix(p, "api", build(`1.0.0-${"a".repeat(130)}`), [])).toThrow(
      /gives a tag of 136 characters/,
    );
  });
});

// ---- properties -------------------------------------------------------------

const STABLE_POOL = [
  "{version}",
  "v{version}",
  "{major}.{minor}",
  "{major}",
  "v{major}",
  "latest",
  "stable",
  "{major}.{minor}.{patch}",
  "sha-{shortSha}",
  "{service}-latest",
];
const PRE_POOL = [
  "{version}",
  "v{version}",
  "next",
  "{major}.{minor}-next",
  "latest",
  "sha-{shortSha}",
  "{major}.{minor}.{patch}-{prerelease}",
];
const MAIN_POOL = ["edge", "nightly-{date}", "sha-{shortSha}", "latest", "{service}-edge"];

const stableVersion = fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2)).map(([a, b, c]) => `${a}.${b}.${c}`);
const anyVersion = fc.oneof(
  stableVersion,
  fc
    .tuple(stableVersion, fc.constantFrom("rc", "beta"), fc.integer({ min: 1, max: 3 }))
    .map(([v, l, n]) => `${v}-${l}.${n}`),
);
const commit = fc.constantFrom("a".repeat(40), "b".repeat(40), "c".repeat(40), "d".repeat(40));
const subset = (pool: string[]) => fc.subarray(pool, { minLength: 1 });

/** A random written config: accepted ones become the policy; refused ones must name a `latest` outside the stable list. */
const writtenPolicy = fc.record({
  stable: subset(STABLE_POOL),
  prerelease: subset(PRE_POOL),
  main: subset(MAIN_POOL),
  promote: fc.subarray(["latest", "{major}", "stable"]),
});

function accept(w: {
  stable: string[];
  prerelease: string[];
  main: string[];
  promote: string[];
}): DistributionPolicy | null {
  try {
    return policy({ tags: { stable: w.stable, prerelease: w.prerelease, main: w.main }, promote: w.promote });
  } catch (e) {
    const message = (e as Error).message;
    const latestElsewhere = w.prerelease.includes("latest") || w.main.includes("latest");
    const promoteMissing = w.promote.some((t) => !w.stable.includes(t));
    expect(latestElsewhere || promoteMissing, message).toBe(true);
    if (!promoteMissing)
      expect(message).toMatch(/distribution\.tags\.(prerelease|main)\[\d+\]: "latest" only moves with stable releases/);
    return null;
  }
}

/** A timeline: each release is tagged, and (stable ones) maybe promoted some steps later. */
const timeline = fc.uniqueArray(fc.record({ version: anyVersion, commit, promoteAfter: fc.option(fc.nat(4)) }), {
  selector: (r) => r.version,
  minLength: 1,
  maxLength: 12,
});

type Event = { stage: "release" | "promote"; build: BuildFacts };

function events(entries: { version: string; commit: string; promoteAfter: number | null }[]): Event[] {
  const timed: { at: number; event: Event }[] = [];
  entries.forEach((e, i) => {
    const b = { version: e.version, commit: e.commit, date: DAY };
    timed.push({ at: i, event: { stage: "release", build: b } });
    if (e.promoteAfter !== null) timed.push({ at: i + e.promoteAfter + 0.5, event: { stage: "promote", build: b } });
  });
  return timed.sort((a, b) => a.at - b.at).map((t) => t.event);
}

describe("tag templates: properties over any sequence of releases, hotfixes, pre-releases and promotes", () => {
  it("a moving alias only ever moves forward; latest is never on a pre-release or a main build", () => {
    fc.assert(
      fc.property(writtenPolicy, timeline, commit, (written, entries, head) => {
        const p = accept(written);
        if (p === null) return;
        const registry = new Map<string, BuildFacts>();
        const tagged: BuildFacts[] = [];
        for (const { stage, build: b } of events(entries)) {
          if (stage === "release") tagged.push(b);
          const others = tagged.filter((o) => o.version !== b.version);
          const m = releaseMatrix(p, "api", b, others, stage);
          if (prerelease(b.version) !== null) {
            expect(m.tags).not.toContain("latest");
            expect(m.deferred).not.toContain("latest");
          }
          for (const tag of m.tags) {
            const before = registry.get(tag);
            if (before && before.version !== b.version) {
              // Forward, or the same commit's build under its commit tag.
              const sameCommitTag = before.commit === b.commit && tag.includes(b.commit.slice(0, 7));
              expect(
                compare(before.version, b.version) < 0 || sameCommitTag,
                `${tag} moved from ${before.version} to ${b.version} (${stage})`,
              ).toBe(true);
            }
            registry.set(tag, b);
          }
          for (const h of m.held) expect(compare(h.heldBy, b.version)).toBe(1);
        }
        expect(mainMatrix(p, "api", head, DAY).tags).not.toContain("latest");
      }),
      { numRuns: 400 },
    );
  });

  it("without promote, each alias ends on the newest release that renders it, whatever the order", () => {
    fc.assert(
      fc.property(timeline, (entries) => {
        const p = policy(undefined);
        const registry = new Map<string, string>();
        const tagged: BuildFacts[] = [];
        for (const e of entries) {
          const b = { version: e.version, commit: e.commit, date: DAY };
          for (const tag of releaseMatrix(p, "api", b, tagged).tags) registry.set(tag, b.version);
          tagged.push(b);
        }
        const all = entries.map((e) => e.version);
        const stable = all.filter((v) => prerelease(v) === null);
        const newest = (vs: string[]) => (vs.length === 0 ? undefined : [...vs].sort(compare).at(-1));
        expect(registry.get("latest")).toBe(newest(stable));
        for (const v of stable) {
          const [x, y] = v.split(".");
          expect(registry.get(`${x}.${y}`)).toBe(newest(stable.filter((s) => s.startsWith(`${x}.${y}.`))));
          if (x !== "0") expect(registry.get(x!)).toBe(newest(stable.filter((s) => s.startsWith(`${x}.`))));
        }
        for (const v of all) expect(registry.get(v)).toBe(v);
        expect(registry.has("0")).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe("tag.sign", () => {
  const signing = (sign: unknown) =>
    resolveConfig({ ...MONO, tag: { sign } }, "cliff.config.json", "/repo").tag.signing;
  it("one value for every tag, or per kind (a kind left out is not signed)", () => {
    expect(signing(undefined)).toEqual({ stable: false, prerelease: false });
    expect(signing("gpg")).toEqual({ stable: "gpg", prerelease: "gpg" });
    expect(signing({ stable: "gpg", prerelease: false })).toEqual({ stable: "gpg", prerelease: false });
    expect(signing({ stable: "ssh" })).toEqual({ stable: "ssh", prerelease: false });
  });
  it("names the key of a bad value", () => {
    expect(() => signing({ stable: "pgp" })).toThrow(
      'cliff.config.json: tag.sign.stable: expected one of false, "gpg", "ssh", got "pgp"',
    );
    expect(() => signing({ rc: "gpg" })).toThrow(
      "cliff.config.json: tag.sign.rc: unknown key; known keys here: stable, prerelease",
    );
    expect(() => signing(true)).toThrow(
      'cliff.config.json: tag.sign: expected one of false, "gpg", "ssh", got boolean true',
    );
  });
});
