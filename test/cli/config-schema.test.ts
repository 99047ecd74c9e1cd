import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
}

const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../dist/config.schema.json", import.meta.url)), "utf8"),
) as Schema;
const validate = new Ajv({ strict: false }).compile(schema);

function runtimeError(config: unknown): string | null {
  try {
    resolveConfig(config, "cliff.config.json", "/repo");
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const example = {
  $schema: "./node_modules/relnotes/dist/config.schema.json",
  services: {
    api: {
      paths: ["svc/api/", "pkg/"],
      changelog: "svc/api/CHANGELOG.md",
      manifests: ["svc/api/Cargo.toml", { path: "svc/api/VERSION.txt", pattern: "v(?<version>\\S+)" }],
    },
    vault: { paths: ["svc/vault/"], image: "ghcr.io/acme/vault", changelog: false },
  },
  tag: { format: "{service}/v{version}", sign: "ssh" },
  branches: { stable: ["main", "hotfix/*"], remote: "origin" },
  bump: { default: "auto", zeroMajor: "minor-for-breaking", initialVersion: "0.1.0" },
  commits: {
    types: { feat: { section: "Features", bump: "minor" }, chore: { section: false } },
    unconventional: "skip",
    merges: "skip",
    scopes: [],
    headerMaxLength: 100,
  },
  changelog: { timeZone: "UTC" },
  github: { release: "publish", latest: "api", requiredAssets: ["api-{version}-*.tar.gz"] },
  release: { commitMessage: "chore(release): {releases}" },
  hooks: { beforeCommit: [["cargo", "check"], "make lint"] },
};

/** A value the schema allows at this place (the first choice of a union). */
function sample(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((v) => v !== false && v !== null) ?? s.enum[0];
  if (s.anyOf) return sample(s.anyOf.find((x) => x.type !== "null" && x.const !== false) ?? s.anyOf[0]!);
  if (s.type === "array") return [sample(s.items!)];
  if (s.type === "object") return {};
  return s.type === "number" ? 1 : s.type === "boolean" ? true : "x";
}

/** Every key path of the written config, as the JSON schema describes it. */
function keyPaths(s: Schema, path: string[] = []): string[][] {
  if (!s.properties) return [];
  return Object.entries(s.properties).flatMap(([k, child]) => [[...path, k], ...keyPaths(child, [...path, k])]);
}

function nest(path: string[], value: unknown): unknown {
  return path.reduceRight((inner, k) => ({ [k]: inner }), value);
}

describe("the JSON schema of cliff.config.json, generated from the config type", () => {
  test("accepts the documented example, as the runtime schema does", () => {
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(runtimeError(example)).toBeNull();
  });

  test("rejects what the runtime schema rejects: unknown keys, wrong values, wrong types", () => {
    for (const bad of [
      { tags: {} },
      { tag: { sing: "gpg" } },
      { tag: { sign: "x509" } },
      { services: { api: { path: ["a/"] } } },
      { bump: { default: "huge" } },
      { commits: { headerMaxLength: "72" } },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
      expect(runtimeError(bad), JSON.stringify(bad)).not.toBeNull();
    }
  });

  test("every key the JSON schema knows is a key the runtime schema knows", () => {
    const paths = keyPaths(schema).filter((p) => p[0] !== "$schema" && p[0] !== "services");
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) {
      let leaf: Schema = schema;
      for (const k of path) leaf = leaf.properties![k]!;
      const error = runtimeError(nest(path, sample(leaf)));
      expect(error ?? "", path.join(".")).not.toContain("unknown key");
    }
    const service = (schema.properties!.services!.additionalProperties as Schema).properties!;
    for (const [k, s] of Object.entries(service))
      expect(runtimeError({ services: { api: { [k]: sample(s) } } }) ?? "", k).not.toContain("unknown key");
  });
});
