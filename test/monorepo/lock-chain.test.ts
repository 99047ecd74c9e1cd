import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { releasedRepo, type Released } from "../bump/setup.js";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp } from "../helpers/repo.js";
import {
  PNPM,
  PNPM_FROZEN,
  PNPM_RELOCK,
  YARN,
  YARN_IMMUTABLE,
  YARN_RELOCK,
  YARNRC,
  pm,
  pnpmLockFor,
  yarnLockFor,
  type PmResult,
} from "./package-managers.js";

afterAll(cleanupTemp);

const pkg = (name: string, version: string, deps: Record<string, string> = {}) =>
  `${JSON.stringify({ name, version, private: true, ...(Object.keys(deps).length > 0 ? { dependencies: deps } : {}) }, null, 2)}\n`;

interface Manager {
  lockfile: string;
  /** The workspace's files for a chain app → core → lib whose requirements are written `core` and `app`. */
  files(core: string, app: string): Record<string, string>;
  lock(files: Record<string, string>): string;
  /** The package manager's own check that the lockfile matches the manifests, offline. */
  frozen(dir: string): PmResult;
  /** The package manager writing the lockfile again from the manifests, offline. */
  relock(dir: string): PmResult;
}

const pnpm = (version: keyof typeof PNPM): Manager => ({
  lockfile: "pnpm-lock.yaml",
  files: (core, app) => ({
    "package.json": pkg("acme", "0.0.0"),
    "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
    "packages/lib/package.json": pkg("@acme/lib", "1.4.0"),
    "packages/core/package.json": pkg("@acme/core", "1.0.0", { "@acme/lib": core }),
    "packages/app/package.json": pkg("@acme/app", "0.3.0", { "@acme/core": app }),
  }),
  lock: (files) => pnpmLockFor(version, files),
  frozen: (dir) => pm(PNPM[version], dir, PNPM_FROZEN),
  relock: (dir) => pm(PNPM[version], dir, PNPM_RELOCK),
});

const yarn: Manager = {
  lockfile: "yarn.lock",
  files: (core, app) => ({
    "package.json": `${JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }, null, 2)}\n`,
    ".yarnrc.yml": YARNRC,
    "packages/lib/package.json": pkg("@acme/lib", "1.4.0"),
    "packages/core/package.json": pkg("@acme/core", "1.0.0", { "@acme/lib": core }),
    "packages/app/package.json": pkg("@acme/app", "0.3.0", { "@acme/core": app }),
  }),
  lock: yarnLockFor,
  frozen: (dir) => pm(YARN, dir, YARN_IMMUTABLE),
  relock: (dir) => pm(YARN, dir, YARN_RELOCK.args, YARN_RELOCK.env),
};

/** A workspace app → core → lib, each its own service with a changelog, with the lockfile the package manager writes. */
function chain(manager: Manager, core: string, app: string, listLock: boolean): Released {
  const files = manager.files(core, app);
  files[manager.lockfile] = manager.lock(files);
  // A lockfile listed in manifests is edited as the one found at the workspace root is.
  const manifests = (name: string) => [
    `packages/${name}/package.json`,
    ...(listLock && name === "lib" ? [manager.lockfile] : []),
  ];
  const service = (name: string) => ({
    paths: [`packages/${name}/`],
    changelog: `packages/${name}/CHANGELOG.md`,
    manifests: manifests(name),
  });
  files["cliff.config.json"] = JSON.stringify({
    services: { app: service("app"), core: service("core"), lib: service("lib") },
    github: { release: false },
  });
  return releasedRepo({
    files,
    commits: [
      { message: "chore: initial import", files: {}, tags: ["lib/v1.4.0", "core/v1.0.0", "app/v0.3.0"] },
      { message: "feat(lib)!: drop the callback API", files: { "packages/lib/index.js": "export const lib = 2;\n" } },
    ],
  });
}

interface PlanJson {
  releases: { service: string; version: string; bump: string; releasedFor: string[]; files: { path: string }[] }[];
}

const cases: [string, Manager, string, string, string[][], boolean][] = [
  // pnpm's own idiom: the workspace: protocol with a range, which relnotes moves and pnpm records as the specifier.
  [
    "pnpm 10 (lockfile v9)",
    pnpm("v9"),
    "workspace:^1.4.0",
    "workspace:^1.0.0",
    [
      ["workspace:^1.4.0", "workspace:^2.0.0"],
      ["workspace:^1.0.0", "workspace:^1.0.1"],
    ],
    true,
  ],
  [
    "pnpm 8 (lockfile v6)",
    pnpm("v6"),
    "workspace:^1.4.0",
    "workspace:^1.0.0",
    [
      ["workspace:^1.4.0", "workspace:^2.0.0"],
      ["workspace:^1.0.0", "workspace:^1.0.1"],
    ],
    false,
  ],
  // yarn resolves plain ranges to workspaces and records them with its npm: protocol.
  [
    "yarn 4",
    yarn,
    "^1.4.0",
    "^1.0.0",
    [
      ["npm:^1.4.0", "npm:^2.0.0"],
      ["npm:^1.0.0", "npm:^1.0.1"],
    ],
    true,
  ],
];

describe.each(cases)("%s workspace with a three-level chain", (_name, manager, core, app, moved, listLock) => {
  test("a breaking change at the bottom releases the chain in order; the package manager accepts the lockfile and writes the same bytes", () => {
    const { work: r, run } = chain(manager, core, app, listLock);
    const before = readFileSync(join(r.dir, manager.lockfile), "utf8");
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "--json"]));
    expect(plan.releases.map((x) => [x.service, x.version, x.bump, x.releasedFor])).toEqual([
      ["lib", "2.0.0", "major", []],
      ["core", "1.0.1", "patch", ["depends on lib 2.0.0"]],
      ["app", "0.3.1", "patch", ["depends on core 1.0.1"]],
    ]);
    // Each release edits the one lockfile for the requirements it moves.
    expect(plan.releases.map((x) => x.files.some((f) => f.path === manager.lockfile))).toEqual([true, true, false]);
    const bump = run(["bump", "--yes"]);
    expect(bump.code, bump.stderr).toBe(0);
    expect(r.git("tag", "--points-at", "HEAD").split("\n").filter(Boolean).sort()).toEqual([
      "app/v0.3.1",
      "core/v1.0.1",
      "lib/v2.0.0",
    ]);
    expect(readFileSync(join(r.dir, "packages/core/CHANGELOG.md"), "utf8")).toMatch(
      /## \[1\.0\.1\][^\n]*\n[\s\S]*### Dependencies\n\n- lib 2\.0\.0\n/,
    );
    const after = readFileSync(join(r.dir, manager.lockfile), "utf8");
    expect(after).toBe(moved.reduce((text, [from, to]) => text.replaceAll(from!, to!), before));
    expect(after).not.toBe(before);
    const check = run(["check"]);
    expect(check.code, `${check.stdout}${check.stderr}`).toBe(0);
    const frozen = manager.frozen(r.dir);
    expect(frozen.status, frozen.output).toBe(0);
    const relock = manager.relock(r.dir);
    expect(relock.status, relock.output).toBe(0);
    expect(readFileSync(join(r.dir, manager.lockfile), "utf8")).toBe(after);
  });
});
