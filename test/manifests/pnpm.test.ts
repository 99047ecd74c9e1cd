import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { pnpmLock } from "../../src/manifests/pnpm-lock.js";
import { cleanupTemp, tempDir, writeFiles } from "../helpers/repo.js";
import { PNPM, PNPM_FROZEN, PNPM_RELOCK, pm, pnpmLockFor } from "../monorepo/package-managers.js";
import { releasedManifests, shapesWorkspace, SHAPES_RELEASED } from "./lock-workspace.js";
import { manifestError } from "./manifest-error.js";

afterAll(cleanupTemp);

/** Lines that differ between two texts of the same line count, as [before, after]. */
function changedLines(before: string, after: string): [string, string][] {
  const [a, b] = [before.split("\n"), after.split("\n")];
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line.trim(), b[i]!.trim()] as [string, string]]));
}

// linkWorkspacePackages: plain ranges resolve to the workspace (pnpm 8's default, pnpm 9+ needs it said).
const WORKSPACE = 'packages:\n  - "packages/*"\nlinkWorkspacePackages: true\n';

describe.each(["v9", "v6"] as const)("pnpm-lock.yaml %s as pnpm writes it", (lockfile) => {
  const files = { ...shapesWorkspace({}), "pnpm-workspace.yaml": WORKSPACE };

  test("the specifiers on released packages move like package.json ranges; pnpm installs it frozen and regenerates the same bytes", () => {
    const lock = pnpmLockFor(lockfile, files);
    expect(lock).toMatch(lockfile === "v9" ? /^lockfileVersion: '9\.0'/ : /^lockfileVersion: '6\.0'/);
    const after = pnpmLock.update(lock, { version: null, released: SHAPES_RELEASED });
    expect(changedLines(lock, after).sort()).toEqual(
      [
        ["specifier: workspace:^1.4.0", "specifier: workspace:^2.0.0"],
        ["specifier: ^1.4.0", "specifier: ^2.0.0"],
        ["specifier: ~0.2.0", "specifier: ~0.3.0"],
        ["specifier: 0.2.1", "specifier: 0.3.0"],
        ["specifier: '>=1.4.0 <2.0.0'", "specifier: '>=2.0.0 <3.0.0'"],
        ["specifier: ^1.3.0", "specifier: ^2.0.0"],
        ["specifier: 0.2.x", "specifier: 0.3.x"],
      ].sort(),
    );
    const dir = tempDir("relnotes-pnpm-released-");
    writeFiles(dir, { ...files, ...releasedManifests(files, SHAPES_RELEASED), "pnpm-lock.yaml": after });
    const frozen = pm(PNPM[lockfile], dir, PNPM_FROZEN);
    expect(frozen.status, frozen.output).toBe(0);
    const relock = pm(PNPM[lockfile], dir, PNPM_RELOCK);
    expect(relock.status, relock.output).toBe(0);
    expect(readFileSync(join(dir, "pnpm-lock.yaml"), "utf8")).toBe(after);
  });

  // The judge bites: without the lockfile edit, pnpm refuses the moved manifests.
  test("the manifests moved without the lockfile are refused by the frozen install", () => {
    const dir = tempDir("relnotes-pnpm-stale-");
    writeFiles(dir, {
      ...files,
      ...releasedManifests(files, SHAPES_RELEASED),
      "pnpm-lock.yaml": pnpmLockFor(lockfile, files),
    });
    const frozen = pm(PNPM[lockfile], dir, PNPM_FROZEN);
    expect(frozen.status, frozen.output).not.toBe(0);
    expect(frozen.output).toContain("ERR_PNPM_OUTDATED_LOCKFILE");
  });
});

describe("pnpm-lock.yaml shapes", () => {
  const lib = (version: string): ReadonlyMap<string, string> => new Map([["@acme/lib", version]]);

  test("lockfile v5 (pnpm 7) keeps the specifiers in a map of their own", () => {
    const lock = `lockfileVersion: 5.4

importers:

  .:
    specifiers: {}

  packages/app:
    specifiers:
      '@acme/lib': workspace:^1.0.0
      left-pad: ^1.0.0
    dependencies:
      '@acme/lib': link:../lib
      left-pad: 1.3.0
`;
    expect(pnpmLock.update(lock, { version: null, released: lib("1.1.0") })).toBe(
      lock.replace("'@acme/lib': workspace:^1.0.0", "'@acme/lib': workspace:^1.1.0"),
    );
  });

  test("a single project's v6 lockfile has its importer's fields at the top; resolved packages and snapshots stay", () => {
    const lock = `lockfileVersion: '6.0'

dependencies:
  '@acme/lib':
    specifier: "~1.0.0"
    version: 1.0.0

packages:

  /@acme/lib@1.0.0:
    resolution: {integrity: sha512-x}
    dependencies:
      '@acme/lib': 1.0.0
`;
    // The quoting style of a scalar is kept.
    expect(pnpmLock.update(lock, { version: null, released: lib("1.1.0") })).toBe(
      lock.replace('specifier: "~1.0.0"', 'specifier: "~1.1.0"'),
    );
  });

  test("every document of the file is read: an environment document before the lockfile keeps its config dependencies", () => {
    const env =
      "---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    configDependencies:\n      '@acme/lib':\n        specifier: 1.0.0\n        version: 1.0.0\n\n";
    const lock = `${env}---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      '@acme/lib':\n        specifier: 1.0.0\n        version: link:packages/lib\n`;
    expect(pnpmLock.update(lock, { version: null, released: lib("2.0.0") })).toBe(
      `${env}${lock.slice(env.length).replace("specifier: 1.0.0", "specifier: 2.0.0")}`,
    );
  });

  test("an unknown lockfile version, a specifier that cannot be moved in its shape, and one in a block scalar are errors", () => {
    const future = manifestError(() =>
      pnpmLock.update("lockfileVersion: '10.0'\n", { version: null, released: lib("2.0.0") }),
    );
    expect(future.message).toContain('lockfileVersion "10.0" is not one relnotes can edit (5.x, 6.x or 9.x)');
    expect(future.offset).toBe("lockfileVersion: ".length);
    const importer = (specifier: string) =>
      `lockfileVersion: '9.0'\n\nimporters:\n\n  packages/app:\n    dependencies:\n      '@acme/lib':\n        specifier: ${specifier}\n        version: link:../lib\n`;
    const upper = manifestError(() => pnpmLock.update(importer("'<2.0.0'"), { version: null, released: lib("2.0.0") }));
    expect(upper.message).toMatch(
      /^importers\["packages\/app"\]\.dependencies\.@acme\/lib: the requirement "<2\.0\.0" does not admit the released version 2\.0\.0/,
    );
    const folded = manifestError(() =>
      pnpmLock.update(importer(">-\n          ^1.0.0"), { version: null, released: lib("2.0.0") }),
    );
    expect(folded.message).toBe(
      'cannot rewrite the specifier of @acme/lib in place as "^2.0.0": expected a plain or quoted one-line string',
    );
  });
});
