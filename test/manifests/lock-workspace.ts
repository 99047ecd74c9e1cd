import { packageJson, packageName } from "../../src/manifests/package-json.js";

const pkg = (name: string, version: string, fields: Record<string, Record<string, string>> = {}): string =>
  `${JSON.stringify({ name, version, private: true, ...fields }, null, 2)}\n`;

/**
 * A JavaScript workspace with every requirement shape a dependent can write
 * on a workspace package: workspace: with a range, ^ and *, caret, tilde,
 * exact, x-range, a compound range, in dependencies, devDependencies,
 * optionalDependencies and peerDependencies, in members and in the root.
 */
export function shapesWorkspace(root: Record<string, unknown>): Record<string, string> {
  return {
    "package.json": `${JSON.stringify({ name: "acme", version: "0.1.0", private: true, ...root, devDependencies: { "@acme/lib": "workspace:^1.4.0" } }, null, 2)}\n`,
    "packages/lib/package.json": pkg("@acme/lib", "1.4.0"),
    "packages/util/package.json": pkg("@acme/util", "0.2.1"),
    "packages/core/package.json": pkg("@acme/core", "1.0.0", {
      dependencies: { "@acme/lib": "^1.4.0" },
      optionalDependencies: { "@acme/util": "~0.2.0" },
    }),
    "packages/app/package.json": pkg("@acme/app", "0.3.0", {
      dependencies: { "@acme/core": "workspace:~1.0", "@acme/lib": "workspace:*", "@acme/util": "workspace:^" },
      peerDependencies: { "@acme/lib": ">=1.0.0 <2.0.0" },
    }),
    "packages/tool/package.json": pkg("@acme/tool", "2.0.0", {
      dependencies: { "@acme/util": "0.2.1" },
      devDependencies: { "@acme/lib": ">=1.4.0 <2.0.0" },
    }),
    "packages/docs/package.json": pkg("@acme/docs", "0.0.1", {
      devDependencies: { "@acme/lib": "^1.3.0", "@acme/util": "0.2.x" },
    }),
  };
}

/** lib breaks, util adds a feature. */
export const SHAPES_RELEASED: ReadonlyMap<string, string> = new Map([
  ["@acme/lib", "2.0.0"],
  ["@acme/util", "0.3.0"],
]);

/** The workspace's package.json files as relnotes updates them for `released` (their own version too, when released). */
export function releasedManifests(
  files: Record<string, string>,
  released: ReadonlyMap<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (!path.endsWith("package.json")) continue;
    const name = packageName(text);
    out[path] = packageJson.update(text, { version: (name !== null && released.get(name)) || null, released });
  }
  return out;
}
