import fc from "fast-check";
import { compare, gt, inc } from "semver";
import { describe, expect, test } from "vitest";
import { TagFormat } from "../../src/tags/tag-format.js";
import { decideVersion, type VersionInput } from "../../src/versioning/next-version.js";

const base: Omit<VersionInput, "latest" | "latestStable" | "existing"> = {
  commitsLevel: null,
  releaseAs: null,
  request: {},
  defaultLevel: "auto",
  initialVersion: null,
};

describe("choosing the version", () => {
  test("rc twice, then a stable bump of the same level gives the rc's core", () => {
    const first = decideVersion({
      ...base,
      latest: "1.2.0",
      latestStable: "1.2.0",
      existing: ["1.2.0"],
      commitsLevel: "minor",
      request: { preLabel: "rc" },
    });
    expect(first).toEqual({ kind: "release", version: "1.3.0-rc.1", bump: "prerelease" });
    const second = decideVersion({
      ...base,
      latest: "1.3.0-rc.1",
      latestStable: "1.2.0",
      existing: ["1.2.0", "1.3.0-rc.1"],
      commitsLevel: "patch",
      request: { preLabel: "rc" },
    });
    expect(second).toEqual({ kind: "release", version: "1.3.0-rc.2", bump: "prerelease" });
    const stable = decideVersion({
      ...base,
      latest: "1.3.0-rc.2",
      latestStable: "1.2.0",
      existing: ["1.2.0", "1.3.0-rc.1", "1.3.0-rc.2"],
      commitsLevel: "minor",
      request: { level: "minor" },
    });
    expect(stable).toEqual({ kind: "release", version: "1.3.0", bump: "minor", graduates: "1.3.0-rc.2" });
  });

  test("an open pre-release of a higher line graduates: the bump is what really changes from the last stable", () => {
    const d = decideVersion({
      ...base,
      latest: "2.0.0-rc.3",
      latestStable: "1.5.0",
      existing: ["1.5.0", "2.0.0-rc.3"],
      commitsLevel: "patch",
    });
    expect(d).toEqual({ kind: "release", version: "2.0.0", bump: "major", graduates: "2.0.0-rc.3" });
    expect(
      decideVersion({
        ...base,
        latest: "1.0.0-rc.1",
        latestStable: null,
        existing: ["1.0.0-rc.1"],
        commitsLevel: "minor",
      }),
    ).toEqual({ kind: "needs-first-version" });
    expect(
      decideVersion({
        ...base,
        latest: "1.0.0-rc.1",
        latestStable: null,
        existing: ["1.0.0-rc.1"],
        commitsLevel: "minor",
        request: { preLabel: "rc" },
      }),
    ).toMatchObject({ version: "1.0.0-rc.2" });
  });

  test("rc numbering counts every rc of that core in the namespace, reachable or not", () => {
    const d = decideVersion({
      ...base,
      latest: "1.2.0",
      latestStable: "1.2.0",
      existing: ["1.2.0", "1.3.0-rc.4", "1.3.0-beta.9"],
      commitsLevel: "minor",
      request: { preLabel: "rc" },
    });
    expect(d).toMatchObject({ version: "1.3.0-rc.5" });
  });

  test("Release-As wins over the commit level; an explicit version wins over Release-As", () => {
    expect(
      decideVersion({
        ...base,
        latest: "1.2.0",
        latestStable: "1.2.0",
        existing: ["1.2.0"],
        commitsLevel: "patch",
        releaseAs: "2.0.0",
      }),
    ).toMatchObject({ version: "2.0.0", bump: "explicit" });
    expect(
      decideVersion({
        ...base,
        latest: "1.2.0",
        latestStable: "1.2.0",
        existing: ["1.2.0"],
        releaseAs: "2.0.0",
        request: { explicit: "1.5.0" },
      }),
    ).toMatchObject({ version: "1.5.0" });
  });

  test("a first release needs an explicit version or bump.initialVersion", () => {
    expect(decideVersion({ ...base, latest: null, latestStable: null, existing: [], commitsLevel: "minor" })).toEqual({
      kind: "needs-first-version",
    });
    expect(
      decideVersion({ ...base, latest: null, latestStable: null, existing: [], initialVersion: "0.1.0" }),
    ).toMatchObject({ version: "0.1.0" });
  });

  test("a hotfix branch may release 1.2.5 although 1.3.0 exists elsewhere; an existing or lower version is a conflict", () => {
    expect(
      decideVersion({
        ...base,
        latest: "1.2.4",
        latestStable: "1.2.4",
        existing: ["1.2.4", "1.3.0"],
        commitsLevel: "patch",
      }),
    ).toMatchObject({ version: "1.2.5" });
    expect(
      decideVersion({
        ...base,
        latest: "1.2.4",
        latestStable: "1.2.4",
        existing: ["1.2.4", "1.3.0"],
        commitsLevel: "minor",
      }),
    ).toMatchObject({ kind: "conflict", reason: "exists" });
    expect(
      decideVersion({
        ...base,
        latest: "1.2.4",
        latestStable: "1.2.4",
        existing: ["1.2.4"],
        request: { explicit: "1.2.4" },
      }),
    ).toMatchObject({ kind: "conflict" });
    expect(
      decideVersion({
        ...base,
        latest: "1.2.4",
        latestStable: "1.2.4",
        existing: ["1.2.4"],
        request: { explicit: "1.1.0" },
      }),
    ).toMatchObject({ kind: "conflict", reason: "not-greater" });
  });

  test("only non-releasing commits: nothing to release, unless a level is forced", () => {
    expect(decideVersion({ ...base, latest: "1.0.0", latestStable: "1.0.0", existing: ["1.0.0"] })).toMatchObject({
      kind: "nothing",
    });
    expect(
      decideVersion({
        ...base,
        latest: "1.0.0",
        latestStable: "1.0.0",
        existing: ["1.0.0"],
        request: { level: "patch" },
      }),
    ).toMatchObject({ version: "1.0.1" });
    expect(
      decideVersion({ ...base, latest: "1.0.0", latestStable: "1.0.0", existing: ["1.0.0"], defaultLevel: "patch" }),
    ).toMatchObject({ version: "1.0.1" });
  });
});

const version = fc
  .tuple(
    fc.nat(5),
    fc.nat(5),
    fc.nat(5),
    fc.option(fc.tuple(fc.constantFrom("rc", "beta"), fc.integer({ min: 1, max: 4 })), { nil: undefined }),
  )
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre[0]}.${pre[1]}` : ""}`);

describe("properties", () => {
  test("the next version is greater than the latest reachable tag and never equal to an existing one", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(version, { minLength: 1, maxLength: 12 }),
        fc.nat(11),
        fc.option(fc.constantFrom("major", "minor", "patch"), { nil: null }),
        fc.option(fc.constantFrom("major", "minor", "patch"), { nil: undefined }),
        fc.option(fc.constantFrom("rc", "beta", "alpha"), { nil: undefined }),
        (existing, pick, commitsLevel, level, preLabel) => {
          const reachable = existing.slice(0, (pick % existing.length) + 1).sort(compare);
          const latest = reachable.at(-1)!;
          const latestStable = reachable.filter((v) => !v.includes("-")).at(-1) ?? null;
          const d = decideVersion({
            ...base,
            latest,
            latestStable,
            existing,
            commitsLevel,
            request: { level, preLabel },
          });
          if (d.kind === "release") {
            expect(gt(d.version, latest)).toBe(true);
            expect(existing.some((v) => compare(v, d.version) === 0)).toBe(false);
          } else if (d.kind === "needs-first-version")
            expect(latestStable === null && preLabel === undefined).toBe(true);
          else expect(["nothing", "conflict"]).toContain(d.kind);
          // A conflict only ever arises when the computed version really exists or is not greater.
          if (d.kind === "conflict")
            expect(existing.some((v) => compare(v, d.version) === 0) || !gt(d.version, latest)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("tag format and parse round-trip for any service and SemVer version", () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/);
    fc.assert(
      fc.property(
        name,
        version,
        fc.constantFrom(
          "{service}/v{version}",
          "{service}-v{version}",
          "{service}@{version}",
          "release/{service}/{version}",
        ),
        (service, v, pattern) => {
          const format = new TagFormat(pattern);
          const tag = format.format(service, v);
          expect(format.parse(tag, [service])).toEqual({ service, version: v });
          expect(format.match(service, tag)).toEqual({ kind: "release", version: v });
        },
      ),
    );
    fc.assert(
      fc.property(version, (v) => {
        const format = new TagFormat("v{version}");
        expect(format.parse(format.format(null, v))).toEqual({ service: null, version: v });
        expect(inc(v, "patch")).not.toBeNull();
      }),
    );
  });

  test("a tag in the namespace whose version is not SemVer 2.0.0 is recognised as invalid", () => {
    const f = new TagFormat("{service}/v{version}");
    for (const bad of ["api/v1.2", "api/v01.2.3", "api/v1.2.3.4", "api/vlatest", "api/v1.2.3-"])
      expect(f.match("api", bad).kind).toBe("invalid-version");
    expect(f.match("api", "apix/v1.2.3").kind).toBe("other");
    expect(f.parse("control-api/v1.0.0", ["control", "control-api"])).toEqual({
      service: "control-api",
      version: "1.0.0",
    });
  });
});
