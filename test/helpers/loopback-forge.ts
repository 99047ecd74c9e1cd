import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

/**
 * What the loopback GitLab and Gitea share: real HTTP on 127.0.0.1, every
 * request checked against a subset of the forge's API description
 * (test/fixtures/openapi/*.json), recorded, and failed on purpose when a test
 * asks. The forge-specific parts (routes, store, error shapes, rate-limit
 * headers) live in loopback-gitlab.ts and loopback-gitea.ts.
 */

export type Fault =
  /** Answer with this status (5xx). */
  | { kind: "status"; status: number }
  /** 429 with the forge's rate-limit headers, retry after this many seconds. */
  | { kind: "rate-limit"; retryAfter: number }
  /** 403: the token lacks the permission. */
  | { kind: "forbidden" }
  /** Drop the connection without handling the request. */
  | { kind: "reset" }
  /** Handle the request (the change happens), then drop the connection before answering. */
  | { kind: "reset-after" }
  /** Never answer (the connection stays open until the server closes). */
  | { kind: "hang" };

export interface FaultRule {
  fault: Fault;
  /** Only requests of this method (GET, POST, PUT, PATCH); default any. */
  method?: string;
  /** Only requests whose path (as sent, percent-encoded) matches. */
  path?: RegExp;
  /** How many matching requests fail; default 1 (Infinity: until clearFaults). */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  /** The path as sent, percent-encoding kept (GitLab needs `acme%2Fwidgets`). */
  path: string;
  query: string;
  operationId: string | null;
  body: Record<string, unknown> | null;
  /** The answer's status; -1 when the connection was dropped after handling. */
  status: number;
  /** The credential header the request carried (`PRIVATE-TOKEN: …`, `Authorization: …`), for leak checks. */
  credential: string | null;
}

export interface MatchedOperation {
  operationId: string;
  pathParams: Record<string, string | number>;
  query: Record<string, string | number | boolean>;
}

export type Checked =
  | { ok: true; operation: MatchedOperation }
  | { ok: false; operationId: string | null; problems: string[] };

export type Reply = [status: number, body: unknown, headers?: Record<string, string>];

/** Access a request's credentials give: write, read only, a CI job's token (GitLab), or none (401). */
export type Access = "write" | "read" | "job" | null;

export interface LoopbackSpec {
  /** The API description subset (a file under test/fixtures/openapi/). */
  description: URL;
  /** Where the API lives under the server (`/api/v4`, `/api/v1`). */
  prefix: string;
  /** Which forge, for messages ("GitLab's description"). */
  forge: string;
  access(req: IncomingMessage): { access: Access; credential: string | null };
  unauthorized(): Reply;
  /** The refusal of a write with a read-only credential. */
  forbidden(): Reply;
  invalid(problems: string[]): Reply;
  notFound(): Reply;
  rateLimited(retryAfter: number): Reply;
  serverError(status: number): Reply;
  route(op: MatchedOperation, body: Record<string, unknown> | null, access: Access): Reply;
}

export interface Loopback {
  /** http://127.0.0.1:PORT (the API is under the spec's prefix). */
  url: string;
  requests: RecordedRequest[];
  /** Requests that broke the description, and responses of the fake that did. */
  violations: string[];
  fail(rule: FaultRule): void;
  /** Stop failing (the outage is over). */
  clearFaults(): void;
  /** Requests that change something (POST, PUT, PATCH, DELETE). */
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

export async function startLoopback(spec: LoopbackSpec): Promise<Loopback> {
  const checker = validatorFor(spec.description, spec.forge);
  let base = "";
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const faults: FaultRule[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (method: string, path: string): Fault | null => {
    const rule = faults.find((r) => (!r.method || r.method === method) && (!r.path || r.path.test(path)));
    if (!rule) return null;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) faults.splice(faults.indexOf(rule), 1);
    return rule.fault;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", base);
    const { access, credential } = spec.access(req);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.search,
      operationId: null,
      body: parseBody(raw),
      status: 0,
      credential,
    };
    requests.push(record);
    const send = ([status, body, headers = {}]: Reply) => {
      record.status = status;
      if (record.operationId && status < 300)
        violations.push(...checker.checkResponse(record.operationId, status, body));
      const text = typeof body === "string" ? body : JSON.stringify(body);
      const type = typeof body === "string" ? "text/plain; charset=utf-8" : "application/json";
      res.writeHead(status, { "content-type": type, ...headers });
      res.end(text);
    };
    const outcome = decide(req, record, raw, access);
    if (outcome === "hang") return;
    if (outcome === "drop") req.socket.destroy();
    else send(outcome);
  }

  /** The answer to one request: a reply, a dropped connection, or none at all. */
  function decide(req: IncomingMessage, record: RecordedRequest, raw: string, access: Access): Reply | "drop" | "hang" {
    const { method } = record;
    const url = new URL(req.url ?? "/", base);
    if (access === null) return spec.unauthorized();
    if (!url.pathname.startsWith(`${spec.prefix}/`)) {
      violations.push(`${method} ${url.pathname}: outside the API prefix ${spec.prefix}`);
      return spec.notFound();
    }
    const apiPath = url.pathname.slice(spec.prefix.length);
    const checked = checker.checkRequest(method, apiPath, url.searchParams, raw);
    record.operationId = checked.ok ? checked.operation.operationId : checked.operationId;
    if (!checked.ok) {
      violations.push(...checked.problems.map((p) => `${method} ${apiPath}${url.search}: ${p}`));
      return checked.operationId === null ? spec.notFound() : spec.invalid(checked.problems);
    }
    const fault = takeFault(method, url.pathname);
    if (fault?.kind === "hang") return "hang";
    if (fault?.kind === "reset") return "drop";
    if (access === "read" && method !== "GET") return spec.forbidden();
    if (fault?.kind === "status") return spec.serverError(fault.status);
    if (fault?.kind === "rate-limit") return spec.rateLimited(fault.retryAfter);
    if (fault?.kind === "forbidden") return spec.forbidden();
    const reply = spec.route(checked.operation, record.body, access);
    if (fault?.kind === "reset-after") {
      record.status = -1;
      return "drop";
    }
    return reply;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    violations,
    fail: (rule) => void faults.push({ ...rule }),
    clearFaults: () => void faults.splice(0),
    writes: () => requests.filter((r) => r.method !== "GET" && r.method !== "HEAD"),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string): Record<string, unknown> | null {
  if (raw === "") return null;
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Link header pages the way GitLab and Gitea write them (`<url>; rel="next"`). */
export function linkHeader(pageUrl: (page: number) => string, page: number, last: number): string | null {
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`);
  if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`);
  links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(last)}>; rel="last"`);
  return links.join(", ");
}

// ---------------------------------------------------------------------------
// The request validator: a small OpenAPI reader for the committed subsets.

interface Parameter {
  name: string;
  in: "path" | "query";
  required?: boolean;
  schema: { type?: string };
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  operation: Operation;
  params: Parameter[];
  pathValidators: Map<string, ValidateFunction>;
  queryValidators: Map<string, ValidateFunction>;
  body: ValidateFunction | null;
  bodyRequired: boolean;
}

// ajv-formats is CommonJS with a default export; under NodeNext its type is the module namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

const validators = new Map<string, ApiValidator>();

function validatorFor(description: URL, forge: string): ApiValidator {
  const key = description.href;
  let v = validators.get(key);
  if (!v) {
    v = new ApiValidator(description, forge);
    validators.set(key, v);
  }
  return v;
}

export class ApiValidator {
  private readonly routes: Route[] = [];
  private readonly ajv: Ajv;
  private readonly responseValidators = new Map<string, ValidateFunction | null>();
  private readonly description: Description;

  constructor(
    file: URL,
    private readonly forge: string,
  ) {
    this.description = JSON.parse(readFileSync(file, "utf8")) as Description;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(this.description, "api");
    for (const [template, item] of Object.entries(this.description.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const names: string[] = [];
        const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
          names.push(name);
          // One path segment: a GitLab project path or tag with a slash must arrive percent-encoded.
          return "([^/]+)";
        });
        const params = operation.parameters ?? [];
        const compile = (p: Parameter) => [p.name, this.ajv.compile(this.resolve(p.schema))] as const;
        const json = operation.requestBody?.content["application/json"];
        this.routes.push({
          method: method.toUpperCase(),
          regex: new RegExp(`^${pattern}$`),
          names,
          operation,
          params,
          pathValidators: new Map(params.filter((p) => p.in === "path").map(compile)),
          queryValidators: new Map(params.filter((p) => p.in === "query").map(compile)),
          body: json ? this.ajv.compile(this.closed(json.schema)) : null,
          bodyRequired: operation.requestBody?.required === true,
        });
      }
    }
  }

  /** A schema with `#/components/...` references pointing into the added description. */
  private resolve(schema: object): object {
    return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"api#/components/')) as object;
  }

  /** A request body's top-level object closed against unknown properties (they hide typos in relnotes). */
  private closed(schema: object): object {
    const ref = (schema as { $ref?: string }).$ref;
    const target = ref ? this.description.components.schemas[ref.split("/").pop()!] : schema;
    const s = target as { type?: string; properties?: object; additionalProperties?: unknown };
    if (s?.type === "object" && s.properties && s.additionalProperties === undefined) {
      return this.resolve({ ...s, additionalProperties: false });
    }
    return this.resolve(target ?? schema);
  }

  /** Check one request: the route exists, path and query parameters have the described types, the body matches. */
  checkRequest(method: string, path: string, search: URLSearchParams, rawBody: string): Checked {
    const candidates = this.routes.filter((r) => r.regex.test(path));
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      const allowed = candidates.length ? ` (allowed: ${candidates.map((c) => c.method).join(", ")})` : "";
      return { ok: false, operationId: null, problems: [`no such operation in ${this.forge}'s description${allowed}`] };
    }
    const problems: string[] = [];
    const values = route.regex.exec(path)!.slice(1);
    const pathParams: Record<string, string | number> = {};
    route.names.forEach((name, i) => {
      const value = decodeURIComponent(values[i]!);
      const param = route.params.find((p) => p.in === "path" && p.name === name);
      const coerced = coerce(value, param?.schema.type);
      const validate = route.pathValidators.get(name);
      if (coerced === null || (validate && !validate(coerced))) {
        problems.push(`path parameter ${name}="${value}" is not a valid ${param?.schema.type ?? "value"}`);
      } else pathParams[name] = coerced as string | number;
    });
    const query: Record<string, string | number | boolean> = {};
    for (const [name, value] of search) {
      const param = route.params.find((p) => p.in === "query" && p.name === name);
      if (!param) {
        problems.push(`query parameter ${name} is not described for ${route.operation.operationId}`);
        continue;
      }
      const coerced = coerce(value, param.schema.type);
      const validate = route.queryValidators.get(name)!;
      if (coerced === null || !validate(coerced)) problems.push(`query parameter ${name}="${value}" is not valid`);
      else query[name] = coerced;
    }
    for (const p of route.params) {
      if (p.required && p.in === "query" && !search.has(p.name)) problems.push(`query parameter ${p.name} is required`);
    }
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
          for (const e of route.body.errors ?? []) {
            const extra = "additionalProperty" in e.params ? `: ${String(e.params.additionalProperty)}` : "";
            problems.push(`body${e.instancePath || ""} ${e.message ?? "is invalid"}${extra}`);
          }
        }
      }
    } else if (rawBody !== "") {
      problems.push(`${route.operation.operationId} takes no request body`);
    }
    if (problems.length > 0) return { ok: false, operationId: route.operation.operationId, problems };
    return { ok: true, operation: { operationId: route.operation.operationId, pathParams, query } };
  }

  /** Check a response the fake sends, so its shapes stay the forge's. */
  checkResponse(operationId: string, status: number, body: unknown): string[] {
    const key = `${operationId} ${status}`;
    if (!this.responseValidators.has(key)) {
      const route = this.routes.find((r) => r.operation.operationId === operationId);
      const schema = route?.operation.responses[String(status)]?.content?.["application/json"]?.schema;
      this.responseValidators.set(key, schema ? this.ajv.compile(this.resolve(schema)) : null);
    }
    const validate = this.responseValidators.get(key);
    if (!validate || validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `response ${operationId} ${status}${e.instancePath} ${e.message ?? "is invalid"}`);
  }
}

function coerce(value: string, type: string | undefined): string | number | boolean | null {
  if (type === "integer") return /^-?\d+$/.test(value) ? Number(value) : null;
  if (type === "boolean") return value === "true" ? true : value === "false" ? false : null;
  return value;
}
