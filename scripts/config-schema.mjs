// Generates the JSON schema of cliff.config.json from `RelnotesConfig` in
// src/config/types.ts (the written config, the same type defineConfig takes),
// so editors complete and check cliff.config.json. Run by `npm run build`.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src/config/types.ts");
const out = resolve(root, process.argv[2] ?? "dist/config.schema.json");

const program = ts.createProgram([source], {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
});
const checker = program.getTypeChecker();
const file = program.getSourceFile(source);
const declaration = file.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === "RelnotesConfig");
if (!declaration) throw new Error("RelnotesConfig not found in src/config/types.ts");

const describe = (symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() || undefined;

function schemaOf(type, location) {
  if (type.flags & ts.TypeFlags.String) return { type: "string" };
  if (type.flags & ts.TypeFlags.Number) return { type: "number" };
  if (type.flags & ts.TypeFlags.Boolean) return { type: "boolean" };
  if (type.flags & ts.TypeFlags.Null) return { type: "null" };
  if (type.isStringLiteral()) return { const: type.value };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { const: checker.typeToString(type) === "true" };
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    // `true | false` is boolean.
    const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const rest =
      booleans.length === 2 ? [...members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral)), null] : members;
    const schemas = rest.map((t) => (t === null ? { type: "boolean" } : schemaOf(t, location)));
    if (schemas.length === 1) return schemas[0];
    if (schemas.every((s) => "const" in s)) return { enum: schemas.map((s) => s.const) };
    return { anyOf: schemas };
  }
  if (checker.isArrayType(type)) return { type: "array", items: schemaOf(checker.getTypeArguments(type)[0], location) };
  const index = type.getStringIndexType();
  if (index) return { type: "object", additionalProperties: schemaOf(index, location) };
  if (type.flags & ts.TypeFlags.Object) {
    const properties = {};
    const required = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      const propType = checker.getTypeOfSymbolAtLocation(prop, location);
      properties[prop.name] = {
        ...(describe(prop) ? { description: describe(prop) } : {}),
        ...schemaOf(propType, location),
      };
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.name);
    }
    return { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
  }
  throw new Error(`no JSON schema for the type ${checker.typeToString(type)}`);
}

const config = schemaOf(checker.getTypeAtLocation(declaration), declaration);
config.properties = {
  $schema: { type: "string", description: "The JSON schema of this file (for editors)." },
  ...config.properties,
};
const schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "relnotes configuration (cliff.config.json)",
  description: describe(checker.getSymbolAtLocation(declaration.name)),
  ...config,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
