#!/usr/bin/env node
// Extract the GitHub REST operations relnotes calls (and every component they
// reference) from @octokit/openapi into a small committed subset, so tests can
// validate requests against GitHub's published description without installing
// the ~385 MB package. Run by a developer, outside the repository:
//
//   npm install --prefix /tmp/oa @octokit/openapi
//   node scripts/extract-openapi.mjs /tmp/oa/node_modules/@octokit/openapi
//
// Writes test/helpers/github/openapi-subset.json.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The operations relnotes calls (src/forge/github/). Add one here when the client calls a new endpoint. */
const OPERATIONS = [
  "repos/get-release-by-tag",
  "repos/list-releases",
  "repos/create-release",
  "repos/update-release",
  "repos/get-release",
  "repos/list-release-assets",
  "repos/get",
  "pulls/list",
  "pulls/get",
  "pulls/create",
  "pulls/update",
  "issues/list-for-repo",
  "issues/create-comment",
  "issues/add-labels",
  "issues/remove-label",
];

/** Prose and examples are not needed to validate, and make up most of the bytes. */
const DROP_KEYS = new Set(["description", "summary", "examples", "example", "externalDocs", "x-github", "x-octokit"]);

const packageDir = process.argv[2];
if (!packageDir) {
  console.error("usage: node scripts/extract-openapi.mjs <path to node_modules/@octokit/openapi> [output.json]");
  process.exit(2);
}
const output = process.argv[3] ?? fileURLToPath(new URL("../test/helpers/github/openapi-subset.json", import.meta.url));
const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const spec = JSON.parse(readFileSync(join(packageDir, "generated", "api.github.com.json"), "utf8"));

/**
 * Drop prose, examples and vendor extensions (`x-github-breaking-changes` holds schemas of future API versions),
 * except where those words are property names (children of `properties`). A `nullable` without a `type`, which
 * Ajv refuses, becomes an explicit null alternative.
 */
function strip(value, parentKey = "") {
  if (Array.isArray(value)) return value.map((v) => strip(v));
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    if ((DROP_KEYS.has(key) || key.startsWith("x-")) && parentKey !== "properties") continue;
    out[key] = strip(child, key);
  }
  if (parentKey !== "properties" && out.nullable !== undefined && out.type === undefined) {
    const nullable = out.nullable;
    delete out.nullable;
    const alternatives = out.anyOf ? "anyOf" : out.oneOf ? "oneOf" : null;
    if (nullable === true && alternatives) out[alternatives] = [...out[alternatives], { enum: [null] }];
  }
  return out;
}

function refsIn(value, found) {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") found.add(child);
      else refsIn(child, found);
    }
  }
  return found;
}

function resolvePointer(pointer) {
  const parts = pointer
    .replace(/^#\//, "")
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = spec;
  for (const p of parts) node = node?.[p];
  if (node === undefined) throw new Error(`unresolved $ref ${pointer}`);
  return { parts, node };
}

const subset = {
  openapi: spec.openapi,
  info: {
    title: spec.info.title,
    version: spec.info.version,
    "x-extracted-from": `${pkg.name}@${pkg.version} generated/api.github.com.json`,
    "x-operations": OPERATIONS,
  },
  paths: {},
  components: {},
};

const wanted = new Set(OPERATIONS);
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!wanted.has(operation?.operationId)) continue;
    subset.paths[path] ??= {};
    subset.paths[path][method] = strip(operation);
    wanted.delete(operation.operationId);
  }
}
if (wanted.size > 0) throw new Error(`operations not found in the description: ${[...wanted].join(", ")}`);

// Copy referenced components, transitively.
const pending = [...refsIn(subset.paths, new Set())];
const copied = new Set();
while (pending.length > 0) {
  const ref = pending.pop();
  if (copied.has(ref)) continue;
  copied.add(ref);
  const { parts, node } = resolvePointer(ref);
  const stripped = strip(node);
  let target = subset;
  for (const p of parts.slice(0, -1)) target = target[p] ??= {};
  target[parts.at(-1)] = stripped;
  for (const r of refsIn(stripped, new Set())) if (!copied.has(r)) pending.push(r);
}

const text = `${JSON.stringify(subset, null, 1)}\n`;
writeFileSync(`${output}.tmp`, text);
renameSync(`${output}.tmp`, output);
console.error(
  `wrote ${output}: ${Object.keys(subset.paths).length} paths, ${copied.size} components, ${text.length} bytes`,
);
