import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import { PROMOTE_OUTPUTS } from "../../src/distribution/github-output.js";
import { VERIFY_TAG_OUTPUTS } from "../../src/verify/outputs.js";

/**
 * Structural rules GitHub Actions (and actionlint) apply to a workflow file,
 * enough to catch what a hand-written example gets wrong: shape of on/jobs/
 * steps, runs-on, uses-or-run, balanced `${{ }}`, known contexts and
 * functions, step and job outputs that exist, needs that name real jobs,
 * and untrusted event data spliced into scripts.
 */
export interface WorkflowIssue {
  path: string;
  message: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const TOP_KEYS = ["name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs"];
const JOB_KEYS = [
  "name",
  "needs",
  "runs-on",
  "permissions",
  "environment",
  "concurrency",
  "outputs",
  "env",
  "defaults",
  "if",
  "steps",
  "timeout-minutes",
  "strategy",
  "continue-on-error",
  "container",
  "services",
  "uses",
  "with",
  "secrets",
];
const STEP_KEYS = [
  "id",
  "if",
  "name",
  "uses",
  "run",
  "shell",
  "with",
  "env",
  "continue-on-error",
  "timeout-minutes",
  "working-directory",
];
const EVENTS = [
  "push",
  "pull_request",
  "pull_request_target",
  "workflow_dispatch",
  "workflow_call",
  "workflow_run",
  "schedule",
  "release",
  "create",
  "delete",
  "merge_group",
  "issues",
  "issue_comment",
  "repository_dispatch",
];
const FILTER_KEYS: Record<string, string[]> = {
  push: ["branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore"],
  pull_request: ["types", "branches", "branches-ignore", "paths", "paths-ignore"],
  pull_request_target: ["types", "branches", "branches-ignore", "paths", "paths-ignore"],
  workflow_dispatch: ["inputs"],
  workflow_call: ["inputs", "outputs", "secrets"],
  release: ["types"],
};
const PERMISSION_SCOPES = [
  "actions",
  "attestations",
  "checks",
  "contents",
  "deployments",
  "discussions",
  "id-token",
  "issues",
  "models",
  "packages",
  "pages",
  "pull-requests",
  "repository-projects",
  "security-events",
  "statuses",
];
const CONTEXTS = [
  "github",
  "env",
  "vars",
  "job",
  "jobs",
  "steps",
  "runner",
  "secrets",
  "strategy",
  "matrix",
  "needs",
  "inputs",
];
const FUNCTIONS = [
  "contains",
  "startsWith",
  "endsWith",
  "format",
  "join",
  "toJSON",
  "fromJSON",
  "hashFiles",
  "success",
  "always",
  "cancelled",
  "failure",
];
const LITERALS = ["true", "false", "null", "NaN", "Infinity"];
const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const UNTRUSTED =
  /github\.(event\.(pull_request|issue|comment|review|review_comment|head_commit|commits|pages|discussion)\b|head_ref\b)/;

const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The `${{ … }}` expressions of a string; `null` marks an unterminated one. */
export function expressionsIn(text: string): (string | null)[] {
  const found: (string | null)[] = [];
  let at = text.indexOf("${{");
  while (at !== -1) {
    let i = at + 3;
    let end = -1;
    while (i < text.length) {
      if (text[i] === "'") {
        i++;
        while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) i += text[i] === "'" ? 2 : 1;
      } else if (text.startsWith("}}", i)) {
        end = i;
        break;
      }
      i++;
    }
    if (end === -1) {
      found.push(null);
      break;
    }
    found.push(text.slice(at + 3, end).trim());
    at = text.indexOf("${{", end + 2);
  }
  return found;
}

/** Outputs a `run` step writes to $GITHUB_OUTPUT (`name=`, `name<<DELIM`, or relnotes verify-tag --github-output). */
export function runStepOutputs(script: string): Set<string> {
  const names = new Set<string>();
  if (/\brelnotes\s+verify-tag\b[^\n]*--github-output/.test(script)) for (const n of VERIFY_TAG_OUTPUTS) names.add(n);
  if (/\brelnotes\s+promote\b[^\n]*--github-output/.test(script)) for (const n of PROMOTE_OUTPUTS) names.add(n);
  if (script.includes("GITHUB_OUTPUT"))
    for (const m of script.matchAll(/\becho\s+["']?([A-Za-z_][\w-]*)(?:=|<<)/g)) names.add(m[1]!);
  return names;
}

interface Scope {
  job: string | null;
  /** Step ids visible here, with their known outputs (null: unknown, e.g. an action). */
  steps: Map<string, Set<string> | null>;
  needs: string[];
  matrix: string[] | null;
}

export function lintWorkflow(text: string): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const issue = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) issue("(yaml)", e.message);
  if (doc.errors.length > 0) return issues;
  const nonStringKeys = (node: YamlNode | null | undefined, path: string): void => {
    if (isMap(node))
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : null;
        if (typeof key !== "string") issue(path, `key ${String(key)} is not a string (quote it)`);
        nonStringKeys(pair.value as YamlNode, `${path}.${String(key)}`);
      }
    else if (isSeq(node)) for (const [i, n] of node.items.entries()) nonStringKeys(n as YamlNode, `${path}[${i}]`);
  };
  nonStringKeys(doc.contents as YamlNode, "");
  const root = doc.toJS() as Json;
  if (!isObj(root)) return [{ path: "", message: "a workflow is a mapping" }];
  for (const k of Object.keys(root)) if (!TOP_KEYS.includes(k)) issue(k, "unknown top-level key");

  const inputs = new Set<string>();
  const on = root.on;
  if (on === undefined) issue("on", "is required");
  const events = typeof on === "string" ? [on] : Array.isArray(on) ? on.map(String) : isObj(on) ? Object.keys(on) : [];
  if (on !== undefined && events.length === 0) issue("on", "names no event");
  for (const ev of events) {
    if (!EVENTS.includes(ev)) issue(`on.${ev}`, "unknown event");
    const filters = isObj(on) ? on[ev] : null;
    if (filters === null || filters === undefined) continue;
    if (!isObj(filters)) {
      issue(`on.${ev}`, "expected a mapping of filters");
      continue;
    }
    for (const f of Object.keys(filters)) {
      if (FILTER_KEYS[ev] && !FILTER_KEYS[ev]!.includes(f)) issue(`on.${ev}.${f}`, "unknown filter for this event");
      if (
        f !== "inputs" &&
        f !== "outputs" &&
        f !== "secrets" &&
        !(Array.isArray(filters[f]) && (filters[f] as Json[]).every((x) => typeof x === "string"))
      )
        issue(`on.${ev}.${f}`, "expected a list of strings");
    }
    for (const [a, b] of [
      ["branches", "branches-ignore"],
      ["tags", "tags-ignore"],
      ["paths", "paths-ignore"],
    ] as const) {
      if (a in filters && b in filters) issue(`on.${ev}`, `${a} and ${b} cannot be used together`);
    }
    if ((ev === "workflow_dispatch" || ev === "workflow_call") && filters.inputs !== undefined) {
      if (!isObj(filters.inputs)) issue(`on.${ev}.inputs`, "expected a mapping");
      else
        for (const [name, spec] of Object.entries(filters.inputs)) {
          inputs.add(name);
          if (!isObj(spec)) issue(`on.${ev}.inputs.${name}`, "expected a mapping");
          else if (
            spec.type !== undefined &&
            !["string", "boolean", "choice", "number", "environment"].includes(String(spec.type))
          )
            issue(`on.${ev}.inputs.${name}.type`, `unknown input type ${String(spec.type)}`);
          else if (spec.type === "choice" && !Array.isArray(spec.options))
            issue(`on.${ev}.inputs.${name}`, "a choice input needs options");
        }
    }
  }

  const permissions = (value: Json | undefined, path: string) => {
    if (value === undefined || value === "read-all" || value === "write-all") return;
    if (!isObj(value)) return issue(path, "expected read-all, write-all or a mapping of scopes");
    for (const [scope, level] of Object.entries(value)) {
      if (!PERMISSION_SCOPES.includes(scope)) issue(`${path}.${scope}`, "unknown permission scope");
      if (!["read", "write", "none"].includes(String(level))) issue(`${path}.${scope}`, "expected read, write or none");
    }
  };
  permissions(root.permissions, "permissions");

  const checkExpressions = (value: Json | undefined, path: string, scope: Scope, bare = false): void => {
    if (typeof value === "string") {
      const exprs = expressionsIn(value);
      if (bare && exprs.length === 0 && value.trim() !== "") exprs.push(value.trim());
      for (const e of exprs) {
        if (e === null) issue(path, "unterminated ${{ expression");
        else if (e === "") issue(path, "empty ${{ }} expression");
        else checkExpression(e, path, scope);
      }
    } else if (Array.isArray(value)) for (const [i, v] of value.entries()) checkExpressions(v, `${path}[${i}]`, scope);
    else if (isObj(value)) for (const [k, v] of Object.entries(value)) checkExpressions(v, `${path}.${k}`, scope);
  };

  const checkExpression = (expr: string, path: string, scope: Scope): void => {
    const code = expr.replace(/'(?:[^']|'')*'/g, "''");
    if ((code.match(/\(/g) ?? []).length !== (code.match(/\)/g) ?? []).length)
      issue(path, `unbalanced parentheses in \${{ ${expr} }}`);
    for (const m of code.matchAll(/(?<![\w.\]-])([A-Za-z_][\w-]*)((?:\.[A-Za-z_*][\w-]*|\[[^\]]*\])*)(\s*\()?/g)) {
      const [, head = "", rest = "", call] = m;
      if (call) {
        if (!FUNCTIONS.includes(head)) issue(path, `unknown function ${head}()`);
        continue;
      }
      if (LITERALS.includes(head)) continue;
      if (!CONTEXTS.includes(head)) {
        issue(path, `unknown context "${head}" in \${{ ${expr} }}`);
        continue;
      }
      const segs = rest.split(".").slice(1);
      if (head === "steps") {
        if (scope.job === null) issue(path, "steps context is only available inside a job");
        else if (segs[0] && !scope.steps.has(segs[0]))
          issue(path, `no earlier step with id "${segs[0]}" in job ${scope.job}`);
        else if (segs[0] && segs[1] && !["outputs", "outcome", "conclusion"].includes(segs[1]))
          issue(path, `steps.${segs[0]}.${segs[1]} does not exist`);
        else if (segs[0] && segs[1] === "outputs" && segs[2]) {
          const known = scope.steps.get(segs[0]);
          if (known && !known.has(segs[2]))
            issue(
              path,
              `step "${segs[0]}" does not set output "${segs[2]}" (it sets: ${[...known].join(", ") || "none"})`,
            );
        }
      } else if (head === "needs") {
        if (segs[0] && !scope.needs.includes(segs[0])) issue(path, `job "${segs[0]}" is not in this job's needs`);
        else if (segs[0] && segs[1] === "outputs" && segs[2]) {
          const job = isObj(root.jobs) ? root.jobs[segs[0]] : undefined;
          const outputs = isObj(job) && isObj(job.outputs) ? Object.keys(job.outputs) : [];
          if (!outputs.includes(segs[2])) issue(path, `job "${segs[0]}" has no output "${segs[2]}"`);
        } else if (segs[1] && !["outputs", "result"].includes(segs[1]))
          issue(path, `needs.${segs[0]}.${segs[1]} does not exist`);
      } else if (head === "inputs" && segs[0] && !inputs.has(segs[0])) issue(path, `no workflow input "${segs[0]}"`);
      else if (head === "matrix" && segs[0] && scope.matrix !== null && !scope.matrix.includes(segs[0]))
        issue(path, `no matrix key "${segs[0]}"`);
    }
  };

  const workflowScope: Scope = { job: null, steps: new Map(), needs: [], matrix: null };
  for (const k of ["run-name", "env", "concurrency"]) checkExpressions(root[k], k, workflowScope);

  const jobs = root.jobs;
  if (!isObj(jobs) || Object.keys(jobs).length === 0) {
    issue("jobs", "needs at least one job");
    return issues;
  }
  const needsOf = new Map<string, string[]>();
  for (const [id, job] of Object.entries(jobs)) {
    const path = `jobs.${id}`;
    if (!ID.test(id)) issue(path, "job id must start with a letter or _ and contain only letters, digits, - and _");
    if (!isObj(job)) {
      issue(path, "expected a mapping");
      continue;
    }
    for (const k of Object.keys(job)) if (!JOB_KEYS.includes(k)) issue(`${path}.${k}`, "unknown job key");
    const needs = typeof job.needs === "string" ? [job.needs] : Array.isArray(job.needs) ? job.needs.map(String) : [];
    if (job.needs !== undefined && typeof job.needs !== "string" && !Array.isArray(job.needs))
      issue(`${path}.needs`, "expected a job id or a list of them");
    for (const n of needs) if (!(n in jobs)) issue(`${path}.needs`, `no job "${n}"`);
    needsOf.set(id, needs);
    permissions(job.permissions, `${path}.permissions`);
    const matrixSpec = isObj(job.strategy) ? job.strategy.matrix : undefined;
    const matrix = isObj(matrixSpec) ? Object.keys(matrixSpec).filter((k) => k !== "include" && k !== "exclude") : null;
    const jobScope: Scope = { job: id, steps: new Map(), needs, matrix };
    if (job.uses !== undefined) {
      if (typeof job.uses !== "string" || !/^(\.\/|[\w.-]+\/[\w.-]+\/).+\.ya?ml(@.+)?$/.test(job.uses))
        issue(`${path}.uses`, "a reusable workflow is owner/repo/path.yml@ref or ./path.yml");
      continue;
    }
    if (job["runs-on"] === undefined) issue(`${path}`, "runs-on is required");
    else if (!(typeof job["runs-on"] === "string" || Array.isArray(job["runs-on"]) || isObj(job["runs-on"])))
      issue(`${path}.runs-on`, "expected a label, a list of labels, or group/labels");
    for (const k of ["runs-on", "env", "environment", "concurrency", "strategy", "timeout-minutes", "container"])
      checkExpressions(job[k], `${path}.${k}`, jobScope);
    checkExpressions(job.if, `${path}.if`, { ...jobScope, steps: new Map() }, true);
    if (!Array.isArray(job.steps) || job.steps.length === 0) {
      issue(`${path}.steps`, "a job needs at least one step");
      continue;
    }
    job.steps.forEach((step, i) => {
      const sp = `${path}.steps[${i}]`;
      if (!isObj(step)) return issue(sp, "expected a mapping");
      for (const k of Object.keys(step)) if (!STEP_KEYS.includes(k)) issue(`${sp}.${k}`, "unknown step key");
      const hasUses = step.uses !== undefined;
      const hasRun = step.run !== undefined;
      if (hasUses === hasRun) issue(sp, "a step has exactly one of uses or run");
      if (
        hasUses &&
        (typeof step.uses !== "string" ||
          !/^(\.\/.+|docker:\/\/.+|[\w.-]+\/[\w.-]+(\/[^@\s]+)?@[\w./-]+)$/.test(step.uses))
      )
        issue(`${sp}.uses`, "expected owner/repo@ref, owner/repo/path@ref, ./path or docker://image");
      if (hasRun && typeof step.run !== "string") issue(`${sp}.run`, "expected a script string");
      if (step.with !== undefined && !hasUses) issue(`${sp}.with`, "with is for uses steps");
      if (step.shell !== undefined && !hasRun) issue(`${sp}.shell`, "shell is for run steps");
      if (typeof step.run === "string")
        for (const e of expressionsIn(step.run))
          if (e && UNTRUSTED.test(e)) issue(`${sp}.run`, `untrusted \${{ ${e} }} in a script; pass it through env`);
      for (const k of ["if", "name", "with", "env", "run", "working-directory", "timeout-minutes", "continue-on-error"])
        checkExpressions(step[k], `${sp}.${k}`, jobScope, k === "if");
      if (step.id !== undefined) {
        const sid = String(step.id);
        if (!ID.test(sid))
          issue(`${sp}.id`, "step id must start with a letter or _ and contain only letters, digits, - and _");
        if (jobScope.steps.has(sid)) issue(`${sp}.id`, `duplicate step id "${sid}"`);
        jobScope.steps.set(sid, typeof step.run === "string" ? runStepOutputs(step.run) : null);
      }
    });
    if (job.outputs !== undefined) {
      if (!isObj(job.outputs)) issue(`${path}.outputs`, "expected a mapping");
      else checkExpressions(job.outputs, `${path}.outputs`, jobScope);
    }
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (done.has(id)) return;
    if (visiting.has(id)) {
      issue(`jobs.${id}.needs`, `cycle: ${[...trail, id].join(" → ")}`);
      return;
    }
    visiting.add(id);
    for (const n of needsOf.get(id) ?? []) if (needsOf.has(n)) visit(n, [...trail, id]);
    visiting.delete(id);
    done.add(id);
  };
  for (const id of needsOf.keys()) visit(id, []);
  return issues;
}
