#!/usr/bin/env node
// Extract the Gitea/Forgejo API operations relnotes calls into a small committed
// OpenAPI-style subset, so the loopback Gitea can validate requests against Gitea's
// published API description. The source is the gitea-js package, whose declarations
// swagger-typescript-api generates from Gitea's swagger document (templates/swagger/
// v1_json.tmpl): each operation carries `@name` and `@request METHOD:/path`, its
// parameters and body type, and the model interfaces keep `@format` of the swagger.
// Run by a developer, outside the repository:
//
//   npm install --prefix /tmp/gitea-js gitea-js
//   node scripts/extract-gitea-openapi.mjs /tmp/gitea-js/node_modules/gitea-js
//
// Writes test/fixtures/openapi/gitea-releases.json.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The operations relnotes calls (src/forge/gitea/). Add one here when the adapter calls a new endpoint. */
const OPERATIONS = [
  "RepoGet",
  "RepoListReleases",
  "RepoGetReleaseByTag",
  "RepoGetRelease",
  "RepoCreateRelease",
  "RepoEditRelease",
  "RepoListReleaseAttachments",
];

const packageDir = process.argv[2];
if (!packageDir) {
  console.error("usage: node scripts/extract-gitea-openapi.mjs <path to node_modules/gitea-js> [output.json]");
  process.exit(2);
}
const output =
  process.argv[3] ?? fileURLToPath(new URL("../test/fixtures/openapi/gitea-releases.json", import.meta.url));
const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const file = join(packageDir, "dist", "index.d.mts");
const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);

/** Top-level interfaces and type aliases by name. */
const declarations = new Map();
for (const statement of source.statements) {
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
    declarations.set(statement.name.text, statement);
  }
}

/** The JSDoc text right before a node (the generator writes one block per member). */
function docOf(node) {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  return ranges.map((r) => source.text.slice(r.pos, r.end)).join("\n");
}

const formatOf = (doc) => /@format (\S+)/.exec(doc)?.[1];
const schemas = {};
const pending = [];

/** A JSON schema for a TypeScript type node; `doc` carries the member's `@format`. */
function schemaOf(node, doc = "") {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return formatOf(doc) === "date-time" ? { type: "string", format: "date-time" } : { type: "string" };
    case ts.SyntaxKind.NumberKeyword:
      return /^int(32|64)$/.test(formatOf(doc) ?? "") ? { type: "integer" } : { type: "number" };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: "boolean" };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return {};
    case ts.SyntaxKind.ArrayType:
      return { type: "array", items: schemaOf(node.elementType) };
    case ts.SyntaxKind.LiteralType:
      return { enum: [node.literal.text] };
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.map((t) => schemaOf(t));
      if (parts.every((p) => p.enum)) return { type: "string", enum: parts.flatMap((p) => p.enum) };
      return { anyOf: parts };
    }
    case ts.SyntaxKind.TypeLiteral:
      return objectSchema(node.members);
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText(source);
      if (name === "Record") return { type: "object" };
      if (!declarations.has(name)) throw new Error(`unknown type ${name}`);
      pending.push(name);
      return { $ref: `#/components/schemas/${name}` };
    }
    default:
      throw new Error(`unsupported type ${node.getText(source)}`);
  }
}

function objectSchema(members) {
  const properties = {};
  const required = [];
  for (const m of members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(source);
    properties[name] = schemaOf(m.type, docOf(m));
    if (!m.questionToken) required.push(name);
  }
  return { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
}

function componentSchema(name) {
  const d = declarations.get(name);
  return ts.isInterfaceDeclaration(d) ? objectSchema(d.members) : schemaOf(d.type, docOf(d));
}

/** The operations: property signatures of the Api class whose JSDoc names them. */
const found = new Map();
function visit(node) {
  if (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) {
    const doc = docOf(node);
    const name = /@name (\w+)/.exec(doc)?.[1];
    const request = /@request (\w+):(\S+)/.exec(doc);
    if (name && request && OPERATIONS.includes(name) && node.type && ts.isFunctionTypeNode(node.type)) {
      found.set(name, { method: request[1].toLowerCase(), path: request[2], fn: node.type });
    }
  }
  ts.forEachChild(node, visit);
}
visit(source);
const missing = OPERATIONS.filter((o) => !found.has(o));
if (missing.length > 0) throw new Error(`operations not found in ${file}: ${missing.join(", ")}`);

const paths = {};
for (const name of OPERATIONS) {
  const { method, path, fn } = found.get(name);
  const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const parameters = [];
  let requestBody;
  const positional = fn.parameters.filter((p) => !["query", "params", "body", "data"].includes(p.name.getText(source)));
  pathNames.forEach((pathName, i) => {
    const p = positional[i];
    if (!p) throw new Error(`${name}: no parameter for {${pathName}}`);
    // ids are int64 in the swagger; the generator writes them as plain `number`.
    const schema = p.type.kind === ts.SyntaxKind.NumberKeyword ? { type: "integer" } : schemaOf(p.type);
    parameters.push({ name: pathName, in: "path", required: true, schema });
  });
  for (const p of fn.parameters) {
    const pname = p.name.getText(source);
    if (pname === "query" && p.type && ts.isTypeLiteralNode(p.type)) {
      for (const m of p.type.members) {
        const qname = ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(source);
        // page and limit are integers in the swagger; the generator writes them as plain `number`.
        const schema = m.type.kind === ts.SyntaxKind.NumberKeyword ? { type: "integer" } : schemaOf(m.type, docOf(m));
        parameters.push({ name: qname, in: "query", required: !m.questionToken, schema });
      }
    }
    if (pname === "body") {
      requestBody = { required: !p.questionToken, content: { "application/json": { schema: schemaOf(p.type) } } };
    }
  }
  // Promise<HttpResponse<T, any>>: T is the 2xx body.
  const returned = fn.type.typeArguments?.[0]?.typeArguments?.[0];
  const status = method === "post" ? "201" : "200";
  const responses = returned ? { [status]: { content: { "application/json": { schema: schemaOf(returned) } } } } : {};
  paths[path] ??= {};
  paths[path][method] = { operationId: name, parameters, ...(requestBody ? { requestBody } : {}), responses };
}

while (pending.length > 0) {
  const name = pending.pop();
  if (schemas[name]) continue;
  schemas[name] = {};
  schemas[name] = componentSchema(name);
}

const subset = {
  openapi: "3.0.3",
  info: {
    title: "Gitea API (subset)",
    version: pkg.version,
    "x-extracted-from": `${pkg.name}@${pkg.version} dist/index.d.mts, generated from Gitea's swagger document`,
    "x-operations": OPERATIONS,
  },
  paths,
  components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
};
const text = `${JSON.stringify(subset, null, 1)}\n`;
writeFileSync(`${output}.tmp`, text);
renameSync(`${output}.tmp`, output);
console.error(
  `wrote ${output}: ${Object.keys(paths).length} paths, ${Object.keys(schemas).length} schemas, ${text.length} bytes`,
);
