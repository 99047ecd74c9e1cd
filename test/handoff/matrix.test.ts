import fc from "fast-check";
import { compare, major, minor, prerelease } from "semver";
import { describe, expect, it } from "vitest";
import { PRESETS } from "../../src/config/release-policy.js";
import type { DistributionPolicy } from "../../src/config/types.js";
import { imageReferences, imageTagOf, mainMatrix, releaseMatrix as matrixOf } from "../../src/distribution/matrix.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const POLICY: DistributionPolicy = { preset: "semver-aliases", ...PRESETS["semver-aliases"], promote: [] };
const DAY = new Date("2026-03-01T00:00:00Z");

/** The default (semver-aliases) matrix of `version` on SHA, given the service's other versions. */
function releaseMatrix(version: string, commit: string, existing: readonly string[]) {
  const { tags, held } = matrixOf(
    POLICY,
    null,
    { version, commit, date: DAY },
    existing.map((v) => ({ version: v, commit: "f".repeat(40), date: DAY })),
  );
  return { tags, held };
}

describe("releaseMatrix: the seed 004 cases", () => {
  it("a stable 1.x release with nothing newer moves every alias", () => {
    expect(releaseMatrix("1.3.0", SHA, ["1.2.0", "1.2.5"])).toEqual({
      tags: ["1.3.0", "1.3", "1", "latest", "sha-0123456"],
      held: [],
    });
  });
  it("below 1.0.0 there is no major alias", () => {
    expect(releaseMatrix("0.4.0", SHA, ["0.3.1"]).tags).toEqual(["0.4.0", "0.4", "latest", "sha-0123456"]);
  });
  it("a pre-release gets its exact version and the sha, nothing rolling", () => {
    expect(releaseMatrix("1.3.0-rc.2", SHA, ["1.2.0"])).toEqual({ tags: ["1.3.0-rc.2", "sha-0123456"], held: [] });
  });
  it("releasing 1.2.5 when 1.3.0 exists moves 1.2 but neither 1 nor latest", () => {
    expect(releaseMatrix("1.2.5", SHA, ["1.2.4", "1.3.0"])).toEqual({
      tags: ["1.2.5", "1.2", "sha-0123456"],
      held: [
        { alias: "1", heldBy: "1.3.0" },
        { alias: "latest", heldBy: "1.3.0" },
      ],
    });
  });
  it("releasing 2.0.1 when 3.0.0 exists moves 2.0 and 2 but not latest", () => {
    expect(releaseMatrix("2.0.1", SHA, ["2.0.0", "3.0.0"])).toEqual({
      tags: ["2.0.1", "2.0", "2", "sha-0123456"],
      held: [{ alias: "latest", heldBy: "3.0.0" }],
    });
  });
  it("a newer pre-release holds nothing", () => {
    expect(releaseMatrix("1.2.0", SHA, ["1.3.0-rc.1", "2.0.0-beta.1"]).tags).toEqual([
      "1.2.0",
      "1.2",
      "1",
      "latest",
      "sha-0123456",
    ]);
  });
  it("an older patch within the same minor is held by the newest patch", () => {
    expect(releaseMatrix("1.2.3", SHA, ["1.2.4"]).held.map((h) => h.alias)).toEqual(["1.2", "1", "latest"]);
  });
  it("build metadata becomes _ in the image tag", () => {
    expect(imageTagOf("1.2.3+build.5")).toBe("1.2.3_build.5");
    expect(releaseMatrix("1.2.3+build.5", SHA, []).tags[0]).toBe("1.2.3_build.5");
  });
  it("main builds: edge, nightly-YYYY-MM-DD in UTC, sha", () => {
    expect(mainMatrix(POLICY, null, SHA, new Date("2026-03-04T23:59:59-05:00")).tags).toEqual([
      "edge",
      "nightly-2026-03-05",
      "sha-0123456",
    ]);
  });
  it("image references", () => {
    expect(imageReferences("ghcr.io/org/api", ["1.3.0", "latest"])).toEqual([
      "ghcr.io/org/api:1.3.0",
      "ghcr.io/org/api:latest",
    ]);
    expect(releaseMatrix("1.0.0", SHA.toUpperCase(), []).tags.at(-1)).toBe("sha-0123456");
  });
});

const stableVersion = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)).map(([a, b, c]) => `${a}.${b}.${c}`);
const anyVersion = fc.oneof(
  stableVersion,
  fc.tuple(stableVersion, fc.integer({ min: 1, max: 3 })).map(([v, n]) => `${v}-rc.${n}`),
);

function newest(versions: readonly string[]): string | null {
  return versions.length === 0 ? null : [...versions].sort(compare).at(-1)!;
}

describe("releaseMatrix: properties over random sets of existing tags", () => {
  it("an alias moves exactly when no newer stable release owns it", () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyVersion, { maxLength: 12 }), stableVersion, (existing, version) => {
        const others = existing.filter((v) => v !== version);
        const { tags, held } = releaseMatrix(version, SHA, others);
        const newer = others.filter((v) => prerelease(v) === null && compare(v, version) > 0);
        const [x, y] = [major(version), minor(version)];
        expect(tags[0]).toBe(version);
        expect(tags.at(-1)).toBe("sha-0123456");
        expect(tags.includes("latest")).toBe(newer.length === 0);
        expect(tags.includes(`${x}.${y}`)).toBe(!newer.some((v) => major(v) === x && minor(v) === y));
        expect(tags.includes(`${x}`)).toBe(x >= 1 && !newer.some((v) => major(v) === x));
        // Every alias is either moved or held, never both; a holder is always newer.
        const aliases = [`${x}.${y}`, ...(x >= 1 ? [`${x}`] : []), "latest"];
        expect([...tags.filter((t) => aliases.includes(t)), ...held.map((h) => h.alias)].sort()).toEqual(
          [...aliases].sort(),
        );
        for (const h of held) expect(compare(h.heldBy, version)).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it("publishing releases in any order leaves each alias on the newest release of its line", () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyVersion, { minLength: 1, maxLength: 15 }), (order) => {
        const registry = new Map<string, string>();
        const released: string[] = [];
        for (const version of order) {
          for (const tag of releaseMatrix(version, SHA, released).tags) registry.set(tag, version);
          released.push(version);
        }
        const stable = order.filter((v) => prerelease(v) === null);
        expect(registry.get("latest") ?? null).toBe(newest(stable));
        for (const v of stable) {
          expect(registry.get(`${major(v)}.${minor(v)}`)).toBe(
            newest(stable.filter((s) => major(s) === major(v) && minor(s) === minor(v))),
          );
          if (major(v) >= 1)
            expect(registry.get(`${major(v)}`)).toBe(newest(stable.filter((s) => major(s) === major(v))));
        }
        expect(registry.has("0")).toBe(false);
        for (const v of order) expect(registry.get(v)).toBe(v);
      }),
      { numRuns: 500 },
    );
  });

  it("a pre-release never gets a rolling tag", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(anyVersion, { maxLength: 10 }),
        stableVersion,
        fc.integer({ min: 1, max: 9 }),
        (existing, base, n) => {
          expect(releaseMatrix(`${base}-rc.${n}`, SHA, existing)).toEqual({
            tags: [`${base}-rc.${n}`, "sha-0123456"],
            held: [],
          });
        },
      ),
    );
  });
});
