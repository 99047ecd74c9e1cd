import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

/**
 * Checks requests (and the fake's own responses) against the subset of
 * GitHub's published OpenAPI description that relnotes calls
 * (openapi-subset.json, extracted by scripts/extract-openapi.mjs).
 */

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: { type?: string };
}

interface Operation {
  operationId: string;
  parameters?: ({ $ref: string } | Parameter)[];
  requestBody?: { required?: boolean; content: Record<string, { schema: object }> };
  responses: Record<string, unknown>;
}

interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}

export interface MatchedOperation {
  operationId: string;
  /** The request's path (without the query). */
  path: string;
  pathParams: Record<string, string | number>;
  query: Record<string, string | number>;
}

export type Checked =
  | { ok: true; operation: MatchedOperation }
  | { ok: false; operationId: string | null; problems: string[] };

const SUBSET = new URL("./openapi-subset.json", import.meta.url);
const POINTER = (parts: string[]) =>
  `openapi#/${parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;

// ajv-formats is CommonJS with a default export; under NodeNext its type is the module namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  operation: Operation;
  params: Parameter[];
  body: ValidateFunction | null;
  bodyRequired: boolean;
}

export class OpenApiValidator {
  private readonly routes: Route[] = [];
  private readonly ajv: Ajv;
  private readonly responseValidators = new Map<string, ValidateFunction | null>();

  constructor() {
    const description = JSON.parse(readFileSync(SUBSET, "utf8")) as Description;
    // OpenAPI 3.0 schemas use `nullable` and vendor keywords: not strict JSON Schema.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    // GitHub's own format of `owner/repo` strings (pull request parameters); not checked here.
    this.ajv.addFormat("repo.nwo", true);
    this.ajv.addSchema(description, "openapi");
    for (const [template, item] of Object.entries(description.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const names: string[] = [];
        const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
          names.push(name);
          return "([^/]+)";
        });
        const params = (operation.parameters ?? []).map((p) =>
          "$ref" in p ? description.components.parameters[p.$ref.split("/").pop()!]! : p,
        );
        const json = operation.requestBody?.content["application/json"];
        let body: ValidateFunction | null = null;
        if (json) {
          // GitHub ignores unknown body properties; here they are a violation, since they hide typos in relnotes' requests.
          body = this.ajv.compile(
            closeObject(
              json.schema,
              POINTER(["paths", template, method, "requestBody", "content", "application/json", "schema"]),
            ),
          );
        }
        this.routes.push({
          method: method.toUpperCase(),
          template,
          regex: new RegExp(`^${pattern}$`),
          names,
          operation,
          params,
          body,
          bodyRequired: operation.requestBody?.required === true,
        });
      }
    }
  }

  /** Check one request: the route exists, path and query parameters have the described types, the body matches. */
  checkRequest(method: string, url: URL, rawBody: string): Checked {
    const path = url.pathname;
    const candidates = this.routes.filter((r) => r.regex.test(path));
    const route = candidates.find((r) => r.method === method);
    if (!route)
      return {
        ok: false,
        operationId: null,
        problems: [
          `no such operation in GitHub's description${candidates.length ? ` (allowed: ${candidates.map((c) => c.method).join(", ")})` : ""}`,
        ],
      };
    const problems: string[] = [];
    const values = route.regex.exec(path)!.slice(1);
    const pathParams: Record<string, string | number> = {};
    route.names.forEach((name, i) => {
      const param = route.params.find((p) => p.in === "path" && p.name === name);
      const value = decodeURIComponent(values[i]!);
      const coerced = coerce(value, param?.schema.type);
      if (coerced === null) problems.push(`path parameter ${name}="${value}" is not ${param?.schema.type}`);
      else pathParams[name] = coerced;
    });
    const query: Record<string, string | number> = {};
    for (const [name, value] of url.searchParams) {
      const param = route.params.find((p) => p.in === "query" && p.name === name);
      if (!param) {
        problems.push(`query parameter ${name} is not described for ${route.operation.operationId}`);
        continue;
      }
      const coerced = coerce(value, param.schema.type);
      if (coerced === null) problems.push(`query parameter ${name}="${value}" is not ${param.schema.type}`);
      else query[name] = coerced;
    }
    for (const p of route.params)
      if (p.required && p.in === "query" && !url.searchParams.has(p.name))
        problems.push(`query parameter ${p.name} is required`);
    if (route.body) {
      if (rawBody === "") {
        if (route.bodyRequired) problems.push("request body is required");
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(rawBody);
        } catch {
          problems.push("request body is not JSON");
        }
        if (parsed !== undefined && !route.body(parsed)) {
          for (const e of route.body.errors ?? [])
            problems.push(
              `body${e.instancePath || ""} ${e.message ?? "is invalid"}${"additionalProperty" in e.params ? `: ${String(e.params.additionalProperty)}` : ""}`,
            );
        }
      }
    } else if (rawBody !== "") {
      problems.push(`${route.operation.operationId} takes no request body`);
    }
    if (problems.length > 0) return { ok: false, operationId: route.operation.operationId, problems };
    return { ok: true, operation: { operationId: route.operation.operationId, path, pathParams, query } };
  }

  /** Check a response the fake sends, so its shapes stay GitHub's. */
  checkResponse(operationId: string, status: number, body: unknown): string[] {
    const key = `${operationId} ${status}`;
    if (!this.responseValidators.has(key)) {
      const route = this.routes.find((r) => r.operation.operationId === operationId);
      const described = route?.operation.responses[String(status)] as
        | { content?: Record<string, unknown>; $ref?: string }
        | undefined;
      let validator: ValidateFunction | null = null;
      if (route && described) {
        const base = ["paths", route.template, route.method.toLowerCase(), "responses", String(status)];
        const ref = described.$ref
          ? `openapi${described.$ref}/content/application~1json/schema`
          : described.content?.["application/json"]
            ? POINTER([...base, "content", "application/json", "schema"])
            : null;
        if (ref) validator = this.ajv.compile({ $ref: ref });
      }
      this.responseValidators.set(key, validator);
    }
    const validate = this.responseValidators.get(key);
    if (!validate || validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `response ${operationId} ${status}${e.instancePath} ${e.message ?? "is invalid"}`);
  }
}

function coerce(value: string, type: string | undefined): string | number | null {
  if (type === "integer") return /^-?\d+$/.test(value) ? Number(value) : null;
  return value;
}

/** An inline object schema with its properties closed; a schema with references is used as described. */
function closeObject(schema: object, pointer: string): object {
  const s = schema as { type?: string; properties?: object; additionalProperties?: unknown };
  if (
    s.type === "object" &&
    s.properties &&
    s.additionalProperties === undefined &&
    !JSON.stringify(s).includes('"$ref"')
  )
    return { ...s, additionalProperties: false };
  return { $ref: pointer };
}
