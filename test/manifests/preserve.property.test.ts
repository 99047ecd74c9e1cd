import fc from "fast-check";
import { expect, test } from "vitest";
import { cargoToml } from "../../src/manifests/cargo-toml.js";
import { chartYaml } from "../../src/manifests/chart-yaml.js";
import { packageJson } from "../../src/manifests/package-json.js";
import { pnpmLock } from "../../src/manifests/pnpm-lock.js";
import { yarnLock } from "../../src/manifests/yarn-lock.js";

// Texts are generated with a placeholder where the version goes: input and expected output differ only there.
const SLOT = "\u2603VERSION\u2603";
const version = fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30)).map(([a, b, c]) => `${a}.${b}.${c}`);
const newline = fc.constantFrom("\n", "\r\n");
const bom = fc.constantFrom("", "\uFEFF");
const word = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const comment = fc.stringMatching(/^[ a-zA-Z0-9.,:'"=#-]{0,30}$/);

function fill(template: string, value: string): string {
  return template.split(SLOT).join(value);
}

function property(template: fc.Arbitrary<string>, update: (text: string, to: string) => string): void {
  fc.assert(
    fc.property(template, version, version, (t, from, to) => {
      expect(update(fill(t, from), to)).toBe(fill(t, to));
    }),
    { numRuns: 300 },
  );
}

test("package.json: indentation, key order, CRLF, BOM and final newline survive; only the version changes", () => {
  const template = fc
    .tuple(
      fc.dictionary(word, fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxKeys: 5 }),
      fc.nat(5),
      fc.constantFrom("\t", "  ", "    ", 0),
      newline,
      bom,
      fc.boolean(),
    )
    .map(([fields, at, indent, nl, b, finalNewline]) => {
      const entries = Object.entries(fields).filter(([k]) => k !== "version");
      entries.splice(Math.min(at, entries.length), 0, ["version", SLOT]);
      const body = JSON.stringify(Object.fromEntries(entries), null, indent).replaceAll("\n", nl);
      return `${b}${body}${finalNewline ? nl : ""}`;
    });
  property(template, (text, to) => packageJson.update(text, { version: to, released: new Map() }));
});

test("Cargo.toml: comments, spacing, quote style and table order survive; only the version changes", () => {
  const line = fc.oneof(
    fc.tuple(word, comment).map(([k, c]) => `${k} = "x" # ${c}`),
    comment.map((c) => `# ${c}`),
    fc.constant(""),
    word.map((k) => `${k}\t=\t['a', "b"]`),
  );
  const template = fc
    .tuple(
      fc.array(line, { maxLength: 4 }),
      fc.array(line, { maxLength: 4 }),
      fc.constantFrom('"', "'"),
      fc.constantFrom(" = ", "=", "\t=  "),
      comment,
      newline,
      bom,
      fc.boolean(),
    )
    .map(([before, after, quote, eq, c, nl, b, finalNewline]) => {
      // Number the generated keys: TOML forbids a key twice, and `name`/`version` are taken.
      let n = 0;
      const unique = (l: string) =>
        l.replace(/^([a-z][a-z0-9_-]*)(\s*=)/, (_m, k: string, rest: string) => `${k}_k${n++}${rest}`);
      const lines = [
        "[package]",
        'name = "crate"',
        ...before.map(unique),
        `version${eq}${quote}${SLOT}${quote}  # ${c}`,
        ...after.map(unique),
        "",
        "[dependencies]",
        'serde = "1.0.0"',
      ];
      return `${b}${lines.join(nl)}${finalNewline ? nl : ""}`;
    });
  property(template, (text, to) => cargoToml.update(text, { version: to, released: new Map() }));
});

test("Chart.yaml: quoting, comments and other keys survive; only version and appVersion change", () => {
  const template = fc
    .tuple(fc.constantFrom("", '"', "'"), fc.constantFrom("", '"', "'"), comment, newline, bom, fc.boolean())
    .map(([q1, q2, c, nl, b, finalNewline]) => {
      const lines = [
        "apiVersion: v2",
        "name: chart",
        `# ${c}`,
        `version: ${q1}${SLOT}${q1}  # ${c}`,
        `appVersion: ${q2}${SLOT}${q2}`,
        "dependencies:",
        "  - name: redis",
        "    version: 18.1.0",
      ];
      return `${b}${lines.join(nl)}${finalNewline ? nl : ""}`;
    });
  property(template, (text, to) => chartYaml(null).update(text, { version: to, released: new Map() }));
});

// Operators a requirement keeps; `>` starts a block scalar in YAML, so `>=` appears only quoted.
const operator = fc.constantFrom("", "^", "~", "workspace:^", "workspace:~", "workspace:");

test("pnpm-lock.yaml: quoting, comments, other importers and resolved versions survive; only the released package's specifiers change", () => {
  const template = fc
    .tuple(
      fc.constantFrom("", "'", '"'),
      operator,
      fc.constantFrom("dependencies", "devDependencies", "optionalDependencies"),
      comment,
      newline,
      bom,
      fc.boolean(),
    )
    .map(([q, op, field, c, nl, b, finalNewline]) => {
      // Quoted, a bare version becomes `>=version` (a plain scalar cannot start with `>`).
      const specifier = `${q}${q !== "" && op === "" ? ">=" : op}${SLOT}${q}`;
      const lines = [
        "lockfileVersion: '9.0'",
        "",
        "importers:",
        "",
        "  .:",
        "    devDependencies:",
        "      left-pad:",
        "        specifier: ^1.3.0",
        "        version: 1.3.0",
        "",
        "  packages/app:",
        `    ${field}:`,
        "      '@acme/lib':",
        `        specifier: ${specifier}  # ${c}`,
        "        version: link:../lib",
        "",
        "packages:",
        "",
        "  left-pad@1.3.0:",
        "    resolution: {integrity: sha512-abc}",
      ];
      return `${b}${lines.join(nl)}${finalNewline ? nl : ""}`;
    });
  property(template, (text, to) => pnpmLock.update(text, { version: null, released: new Map([["@acme/lib", to]]) }));
});

test("yarn.lock: the workspace entry's key and the dependents' recorded ranges move; CRLF, BOM and registry entries survive", () => {
  const template = fc
    .tuple(fc.constantFrom("^", "~", ""), newline, bom, fc.boolean())
    .map(([op, nl, b, finalNewline]) => {
      const lines = [
        '# This file is generated by running "yarn install" inside your project.',
        "",
        "__metadata:",
        "  version: 8",
        "",
        '"@acme/app@workspace:packages/app":',
        "  version: 0.0.0-use.local",
        '  resolution: "@acme/app@workspace:packages/app"',
        "  dependencies:",
        `    "@acme/lib": "npm:${op}${SLOT}"`,
        '    left-pad: "npm:^1.3.0"',
        "  peerDependencies:",
        // A peer range moves only when a release leaves it (test/monorepo/peer-ranges.test.ts); this one never is.
        '    "@acme/lib": ">=0.0.0"',
        "",
        `"@acme/lib@npm:${op}${SLOT}, @acme/lib@workspace:packages/lib":`,
        "  version: 0.0.0-use.local",
        '  resolution: "@acme/lib@workspace:packages/lib"',
        "",
        '"left-pad@npm:^1.3.0":',
        "  version: 1.3.0",
        '  resolution: "left-pad@npm:1.3.0"',
      ];
      return `${b}${lines.join(nl)}${finalNewline ? nl : ""}`;
    });
  property(template, (text, to) => yarnLock.update(text, { version: null, released: new Map([["@acme/lib", to]]) }));
});
