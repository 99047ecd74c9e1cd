import fc from "fast-check";
import { expect, test } from "vitest";
import { cargoToml } from "../../src/manifests/cargo-toml.js";
import { chartYaml } from "../../src/manifests/chart-yaml.js";
import { packageJson } from "../../src/manifests/package-json.js";

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
    .tuple(fc.dictionary(word, fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxKeys: 5 }), fc.nat(5), fc.constantFrom("\t", "  ", "    ", 0), newline, bom, fc.boolean())
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
    .tuple(fc.array(line, { maxLength: 4 }), fc.array(line, { maxLength: 4 }), fc.constantFrom('"', "'"), fc.constantFrom(" = ", "=", "\t=  "), comment, newline, bom, fc.boolean())
    .map(([before, after, quote, eq, c, nl, b, finalNewline]) => {
      // Number the generated keys: TOML forbids a key twice, and `name`/`version` are taken.
      let n = 0;
      const unique = (l: string) => l.replace(/^([a-z][a-z0-9_-]*)(\s*=)/, (_m, k: string, rest: string) => `${k}_k${n++}${rest}`);
      const lines = ["[package]", 'name = "crate"', ...before.map(unique), `version${eq}${quote}${SLOT}${quote}  # ${c}`, ...after.map(unique), "", "[dependencies]", 'serde = "1.0.0"'];
      return `${b}${lines.join(nl)}${finalNewline ? nl : ""}`;
    });
  property(template, (text, to) => cargoToml.update(text, { version: to, released: new Map() }));
});

test("Chart.yaml: quoting, comments and other keys survive; only version and appVersion change", () => {
  const template = fc
    .tuple(fc.constantFrom("", '"', "'"), fc.constantFrom("", '"', "'"), comment, newline, bom, fc.boolean())
    .map(([q1, q2, c, nl, b, finalNewline]) => {
      const lines = ["apiVersion: v2", "name: chart", `# ${c}`, `version: ${q1}${SLOT}${q1}  # ${c}`, `appVersion: ${q2}${SLOT}${q2}`, "dependencies:", "  - name: redis", "    version: 18.1.0"];
      return `${b}${lines.join(nl)}${finalNewline ? nl : ""}`;
    });
  property(template, (text, to) => chartYaml(null).update(text, { version: to, released: new Map() }));
});
