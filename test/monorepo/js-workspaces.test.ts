import { afterAll, expect, test } from "vitest";
import { npmWorkspace } from "../../src/manifests/npm-workspace.js";
import { ManifestFileError } from "../../src/manifests/types.js";
import { WorkingFiles } from "../../src/files/working-files.js";
import { cleanupTemp, tempDir, writeFiles } from "../helpers/repo.js";

afterAll(cleanupTemp);

const pkg = (name: string) => `{ "name": "${name}", "version": "1.0.0" }\n`;

function tree(files: Record<string, string>): WorkingFiles {
  const dir = tempDir("relnotes-js-ws-");
  writeFiles(dir, files);
  return new WorkingFiles(dir);
}

test("pnpm: members from pnpm-workspace.yaml globs (exclusions kept out, package.json workspaces ignored), lockfiles at the root", () => {
  const files = tree({
    "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n  - tools/**\n  - '!packages/legacy'\n",
    "package.json": '{ "name": "acme", "workspaces": ["elsewhere/*"] }\n',
    "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
    "packages/lib/package.json": pkg("lib"),
    "packages/legacy/package.json": pkg("legacy"),
    "packages/notes/README.md": "not a package\n",
    "tools/gen/deep/package.json": pkg("gen"),
    "elsewhere/x/package.json": pkg("x"),
  });
  expect(npmWorkspace(files, "packages/lib/package.json")).toEqual({
    manifests: ["package.json", "packages/lib/package.json", "tools/gen/deep/package.json"],
    locks: ["pnpm-lock.yaml"],
  });
  // An excluded package is a workspace of its own.
  expect(npmWorkspace(files, "packages/legacy/package.json")).toEqual({
    manifests: ["packages/legacy/package.json"],
    locks: [],
  });
});

test("pnpm: a workspace file without packages is the root project alone; a root without package.json lists none; a bad one names the file", () => {
  expect(
    npmWorkspace(
      tree({ "pnpm-workspace.yaml": "linkWorkspacePackages: true\n", "package.json": pkg("acme") }),
      "package.json",
    ),
  ).toEqual({ manifests: ["package.json"], locks: [] });
  const bare = tree({ "pnpm-workspace.yaml": "packages: [a]\n", "a/package.json": pkg("a"), "yarn.lock": "" });
  expect(npmWorkspace(bare, "a/package.json")).toEqual({ manifests: ["a/package.json"], locks: ["yarn.lock"] });
  const bad = tree({ "pnpm-workspace.yaml": "packages: a/*\n", "a/b/package.json": pkg("b") });
  const e = (() => {
    try {
      npmWorkspace(bad, "a/b/package.json");
    } catch (error) {
      return error;
    }
    return null;
  })();
  expect(e).toBeInstanceOf(ManifestFileError);
  expect((e as ManifestFileError).message).toBe("pnpm-workspace.yaml: expected packages: to be a list of globs");
});

test("yarn and npm: package.json workspaces; every lockfile at the root is reached", () => {
  const files = tree({
    "package.json": '{ "name": "acme", "workspaces": { "packages": ["packages/*"] } }\n',
    "yarn.lock": "",
    "package-lock.json": "{}\n",
    "packages/lib/package.json": pkg("lib"),
  });
  expect(npmWorkspace(files, "packages/lib/package.json")).toEqual({
    manifests: ["package.json", "packages/lib/package.json"],
    locks: ["package-lock.json", "yarn.lock"],
  });
});
