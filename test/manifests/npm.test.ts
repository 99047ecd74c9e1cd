import { describe, expect, test } from "vitest";
import { packageJson } from "../../src/manifests/package-json.js";
import { packageLock } from "../../src/manifests/package-lock.js";
import { manifestError } from "./manifest-error.js";

const released = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

describe("package-json", () => {
  test("workspace:^/*, file: and link: specifiers are left alone; prefixed ranges (also after workspace:) move", () => {
    const text = `{
  "name": "@acme/app",
  "version": "3.0.0",
  "dependencies": {
    "@acme/a": "workspace:^1.0.0",
    "@acme/e": "workspace:^",
    "@acme/b": "file:../lib",
    "@acme/c": "link:../lib",
    "@acme/d": "^1.0.0"
  },
  "optionalDependencies": { "@acme/a": "~1.0.0" },
  "scripts": { "@acme/a": "1.0.0" }
}`;
    const out = packageJson.update(text, {
      version: null,
      released: released({
        "@acme/a": "1.1.0",
        "@acme/b": "1.1.0",
        "@acme/c": "1.1.0",
        "@acme/d": "1.1.0",
        "@acme/e": "1.1.0",
      }),
    });
    expect(out).toBe(
      text
        .replace('"workspace:^1.0.0"', '"workspace:^1.1.0"')
        .replace('"^1.0.0"', '"^1.1.0"')
        .replace('"~1.0.0"', '"~1.1.0"'),
    );
  });

  test("a package.json without a version, one with a number, and broken JSON are errors", () => {
    expect(manifestError(() => packageJson.read('{ "name": "x" }')).message).toBe(
      'no version key: expected "version": "…" at the top level',
    );
    expect(manifestError(() => packageJson.read('{ "version": 1 }')).message).toContain('to be a string like "1.2.3"');
    const broken = manifestError(() => packageJson.read('{\n  "version": "1.0.0"\n  "name": "x"\n}'));
    expect(broken.message).toBe("not valid JSON (CommaExpected)");
    expect(broken.offset).toBe('{\n  "version": "1.0.0"\n  '.length);
  });
});

describe("package-lock v2", () => {
  // The shape npm 7/8 wrote: packages plus the legacy dependencies tree with `requires`.
  const lock = `{
  "name": "acme",
  "version": "1.0.0",
  "lockfileVersion": 2,
  "requires": true,
  "packages": {
    "": {
      "name": "acme",
      "version": "1.0.0",
      "workspaces": ["packages/*"]
    },
    "node_modules/@acme/lib": { "resolved": "packages/lib", "link": true },
    "node_modules/@acme/app": { "resolved": "packages/app", "link": true },
    "node_modules/left-pad": { "version": "1.0.0", "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.0.0.tgz" },
    "packages/app": { "version": "2.0.0", "dependencies": { "@acme/lib": "^1.0.0", "left-pad": "^1.0.0" } },
    "packages/lib": { "version": "1.0.0" }
  },
  "dependencies": {
    "@acme/app": { "version": "file:packages/app", "requires": { "@acme/lib": "^1.0.0" } },
    "@acme/lib": { "version": "file:packages/lib" },
    "left-pad": { "version": "1.0.0" }
  }
}
`;

  test("a released workspace (named by its link entry) moves with the ranges on it; the root and registry copies stay", () => {
    const out = packageLock.update(lock, {
      version: "7.7.7",
      released: released({ "@acme/lib": "1.1.0", "left-pad": "9.0.0" }),
    });
    const expected = lock
      .replace(
        '"packages/app": { "version": "2.0.0", "dependencies": { "@acme/lib": "^1.0.0", "left-pad": "^1.0.0" } }',
        '"packages/app": { "version": "2.0.0", "dependencies": { "@acme/lib": "^1.1.0", "left-pad": "^9.0.0" } }',
      )
      .replace('"packages/lib": { "version": "1.0.0" }', '"packages/lib": { "version": "1.1.0" }')
      .replace('"requires": { "@acme/lib": "^1.0.0" }', '"requires": { "@acme/lib": "^1.1.0" }');
    expect(out).toBe(expected);
  });

  test('a released root package moves the top-level version and packages[""]', () => {
    const out = packageLock.update(lock, { version: null, released: released({ acme: "1.2.0" }) });
    expect(out).toBe(
      lock
        .replace('"version": "1.0.0",\n  "lockfileVersion"', '"version": "1.2.0",\n  "lockfileVersion"')
        .replace('"name": "acme",\n      "version": "1.0.0"', '"name": "acme",\n      "version": "1.2.0"'),
    );
    expect(packageLock.read(out)!.version).toBe("1.2.0");
  });
});
