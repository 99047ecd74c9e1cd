import fc from "fast-check";
import { gt, inc, valid } from "semver";
import { describe, expect, test } from "vitest";
import type { BumpLevel } from "../../src/config/types.js";
import { resolveGraph, type GraphInput, type GraphService } from "../../src/versioning/graph-versions.js";

const NAMES = ["api", "sdk", "web", "ui", "lib"];
const level = fc.constantFrom<BumpLevel>("patch", "minor", "major");

/** A sequence of release rounds: each round some services ask for a level from their own commits. */
const rounds = fc.array(fc.dictionary(fc.constantFrom(...NAMES), level, { maxKeys: NAMES.length }), {
  minLength: 1,
  maxLength: 12,
});

function run(
  groups: Pick<GraphInput, "fixed" | "linked">,
  sequence: Record<string, BumpLevel>[],
  check: (round: Map<string, string>, before: Map<string, string>, asked: Record<string, BumpLevel>) => void,
): void {
  const latest = new Map(NAMES.map((n) => [n, "1.0.0"]));
  for (const asked of sequence) {
    const services: GraphService[] = NAMES.map((name) => {
      const l = asked[name];
      return { name, latest: latest.get(name)!, decided: l ? { version: inc(latest.get(name)!, l)!, level: l } : null };
    });
    const { releases } = resolveGraph({ services, edges: [], ...groups, dependents: "patch" });
    const released = new Map([...releases].map(([n, r]) => [n, r.version]));
    check(released, new Map(latest), asked);
    for (const [n, v] of released) latest.set(n, v);
  }
}

describe("fixed and linked groups over random release sequences", () => {
  test("members of a fixed group are always equal, released together, and every version rises", () => {
    fc.assert(
      fc.property(rounds, (sequence) => {
        run(
          { fixed: [{ members: ["api", "sdk"], why: "fixed group api, sdk" }], linked: [] },
          sequence,
          (released, before, asked) => {
            if (asked.api || asked.sdk) {
              expect(released.get("api")).toBeDefined();
              expect(released.get("api")).toBe(released.get("sdk"));
            } else expect(released.has("api") || released.has("sdk")).toBe(false);
            for (const [n, v] of released) expect(gt(v, before.get(n)!), `${n} ${v} > ${before.get(n)}`).toBe(true);
            // Services outside the group are exactly what their commits asked for.
            for (const n of ["web", "ui", "lib"])
              expect(released.get(n)).toBe(asked[n] ? inc(before.get(n)!, asked[n])! : undefined);
          },
        );
      }),
    );
  });

  test("released members of a linked group share the max; unreleased members stay", () => {
    fc.assert(
      fc.property(rounds, (sequence) => {
        run(
          { fixed: [], linked: [{ members: ["web", "ui"], why: "linked group web, ui" }] },
          sequence,
          (released, before, asked) => {
            const members = ["web", "ui"].filter((m) => asked[m]);
            expect(["web", "ui"].filter((m) => released.has(m)).sort()).toEqual(members.sort());
            if (members.length === 0) return;
            const versions = members.map((m) => released.get(m)!);
            expect(new Set(versions).size).toBe(1);
            // The shared version is the highest that any released member (or the group's highest release, bumped) asks for.
            const own = members.map((m) => inc(before.get(m)!, asked[m]!)!);
            const highestBefore = ["web", "ui"].map((m) => before.get(m)!).reduce((a, b) => (gt(b, a) ? b : a));
            const top = [...own, ...members.map((m) => inc(highestBefore, asked[m]!)!)].reduce((a, b) =>
              gt(b, a) ? b : a,
            );
            expect(versions[0]).toBe(top);
          },
        );
      }),
    );
  });

  test("a fixed group and a dependency chain settle together: dependents follow the group's version", () => {
    fc.assert(
      fc.property(rounds, (sequence) => {
        const latest = new Map(NAMES.map((n) => [n, "1.0.0"]));
        for (const asked of sequence) {
          const services = NAMES.map((name) => ({
            name,
            latest: latest.get(name)!,
            decided: asked[name] ? { version: inc(latest.get(name)!, asked[name])!, level: asked[name] } : null,
          }));
          const { releases } = resolveGraph({
            services,
            edges: [
              { dependent: "web", dependency: "sdk", admits: () => true },
              { dependent: "lib", dependency: "web", admits: () => true },
            ],
            fixed: [{ members: ["api", "sdk"], why: "fixed" }],
            linked: [],
            dependents: "patch",
          });
          if (releases.has("sdk")) {
            expect(releases.get("web")!.dependencies).toEqual([
              { service: "sdk", version: releases.get("sdk")!.version },
            ]);
            expect(releases.has("lib")).toBe(true);
          }
          for (const [n, r] of releases) {
            expect(valid(r.version)).not.toBeNull();
            latest.set(n, r.version);
          }
          expect(latest.get("api")).toBe(latest.get("sdk"));
        }
      }),
    );
  });
});

describe("dependents", () => {
  const chain = (dependents: GraphInput["dependents"], admits = (v: string) => v.startsWith("1.")) =>
    resolveGraph({
      services: [
        { name: "lib", latest: "1.2.0", decided: { version: "2.0.0", level: "major" } },
        { name: "core", latest: "1.0.0", decided: null },
        { name: "app", latest: "0.4.0", decided: { version: "0.5.0", level: "minor" } },
        { name: "new", latest: null, decided: null },
      ],
      edges: [
        { dependent: "app", dependency: "core", admits },
        { dependent: "core", dependency: "lib", admits },
        { dependent: "new", dependency: "lib", admits },
      ],
      fixed: [],
      linked: [],
      dependents,
    });

  test("patch: the chain is released, each with the reason and the dependency's new version", () => {
    const { releases, blocked } = chain("patch");
    expect(releases.get("core")).toEqual({
      version: "1.0.1",
      level: "patch",
      reasons: ["depends on lib 2.0.0"],
      dependencies: [{ service: "lib", version: "2.0.0" }],
    });
    expect(releases.get("app")).toEqual({
      version: "0.5.0",
      level: "minor",
      reasons: ["depends on core 1.0.1"],
      dependencies: [{ service: "core", version: "1.0.1" }],
    });
    expect(blocked).toEqual(["new"]);
  });

  test("out-of-range: only dependents whose requirement no longer admits the version", () => {
    const { releases } = chain("out-of-range");
    expect(releases.get("core")?.version).toBe("1.0.1");
    expect(releases.get("app")?.dependencies).toEqual([]);
  });

  test("none: nobody is released for a dependency", () => {
    expect([...chain("none").releases.keys()].sort()).toEqual(["app", "lib"]);
  });
});
