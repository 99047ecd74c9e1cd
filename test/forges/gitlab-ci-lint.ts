import { isMap, isScalar, parseDocument, type Node as YamlNode } from "yaml";
import { dotenvName } from "../../src/distribution/gitlab-dotenv.js";
import { VERIFY_TAG_OUTPUTS } from "../../src/verify/outputs.js";

/**
 * Structural rules GitLab CI applies to a .gitlab-ci.yml (and `glab ci lint`
 * would report), enough to catch what a hand-written example gets wrong:
 * known keys, jobs with a script, stages that exist, needs that name earlier
 * jobs, dotenv variables that the needed job's report really carries, other
 * variables that are defined somewhere, full clones where relnotes reads
 * history, and relnotes arguments quoted.
 */
export interface CiIssue {
  path: string;
  message: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const GLOBAL_KEYS = [
  "default",
  "include",
  "stages",
  "variables",
  "workflow",
  "image",
  "services",
  "cache",
  "before_script",
  "after_script",
];
const JOB_KEYS = [
  "stage",
  "image",
  "services",
  "script",
  "before_script",
  "after_script",
  "variables",
  "needs",
  "dependencies",
  "artifacts",
  "rules",
  "only",
  "except",
  "tags",
  "when",
  "allow_failure",
  "environment",
  "cache",
  "timeout",
  "retry",
  "interruptible",
  "release",
  "extends",
  "id_tokens",
  "secrets",
  "parallel",
  "coverage",
  "resource_group",
  "trigger",
  "inherit",
];
const DEFAULT_STAGES = [".pre", "build", "test", "deploy", ".post"];
/** Variables every job has: GitLab's predefined CI_* and GITLAB_* ones, and the shell's own. */
const PREDEFINED = /^(CI_|GITLAB_)|^(HOME|PATH|PWD|SHELL|USER)$/;
const RELEASE_VARIABLES = new Set(VERIFY_TAG_OUTPUTS.map(dotenvName));

const scriptLines = (v: Json | undefined): string[] =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((l): l is string => typeof l === "string") : [];

/** `$NAME` and `${NAME}` references in a line. */
function variablesIn(line: string): string[] {
  return [...line.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)].map((m) => m[1]!);
}

/** Names a script sets itself: `for NAME in`, `NAME=`, `export NAME=`, `read NAME`. */
function assignedIn(lines: string[]): Set<string> {
  const names = new Set<string>();
  for (const line of lines) {
    for (const m of line.matchAll(
      /\bfor\s+([A-Za-z_]\w*)\s+in\b|(?:^|[;&|]\s*|\bexport\s+)([A-Za-z_]\w*)=|\bread\s+(?:-r\s+)?([A-Za-z_]\w*)/g,
    )) {
      names.add((m[1] ?? m[2] ?? m[3])!);
    }
  }
  return names;
}

export function lintGitlabCi(text: string): CiIssue[] {
  const issues: CiIssue[] = [];
  const issue = (path: string, message: string): void => void issues.push({ path, message });
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) issue("(yaml)", e.message);
  if (doc.errors.length > 0) return issues;
  if (!isMap(doc.contents)) return [{ path: "", message: "a pipeline is a mapping" }];
  for (const pair of (doc.contents as { items: { key: YamlNode }[] }).items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== "string") issue("", "a top-level key is not a string");
  }
  const root = doc.toJS() as Obj;

  const stages = root.stages === undefined ? DEFAULT_STAGES : Array.isArray(root.stages) ? root.stages.map(String) : [];
  if (root.stages !== undefined && !Array.isArray(root.stages)) issue("stages", "expected a list of stage names");
  const globalVariables = new Set(isObj(root.variables) ? Object.keys(root.variables) : []);
  if (root.variables !== undefined && !isObj(root.variables)) issue("variables", "expected a mapping");

  const workflowRules = isObj(root.workflow) && Array.isArray(root.workflow.rules) ? root.workflow.rules : [];
  workflowRules.forEach((rule, i) => {
    const condition = isObj(rule) ? rule.if : undefined;
    if (typeof condition !== "string") return;
    for (const m of condition.matchAll(/=~\s*(\/(?:\\.|[^/])*\/?)/g)) {
      if (!/^\/.*\/$/.test(m[1]!)) issue(`workflow.rules[${i}].if`, `unterminated regular expression ${m[1]}`);
    }
  });

  const jobs = Object.entries(root).filter(([k]) => !GLOBAL_KEYS.includes(k) && !k.startsWith("."));
  if (jobs.length === 0) issue("", "no jobs");
  const names = new Set(jobs.map(([k]) => k));

  /** The dotenv report of each job, and what it carries (a verify-tag report: the RELEASE_* variables). */
  const reports = new Map<string, Set<string>>();
  for (const [name, job] of jobs) {
    if (!isObj(job)) continue;
    const reportFiles = isObj(job.artifacts) && isObj(job.artifacts.reports) ? job.artifacts.reports.dotenv : undefined;
    const files =
      typeof reportFiles === "string" ? [reportFiles] : Array.isArray(reportFiles) ? reportFiles.map(String) : [];
    const carried = new Set<string>();
    for (const line of scriptLines(job.script)) {
      const written = /\brelnotes\s+verify-tag\b.*--gitlab-dotenv[=\s]+"?([^\s"]+)"?/.exec(line)?.[1];
      if (written && files.includes(written)) for (const v of RELEASE_VARIABLES) carried.add(v);
      if (written && !files.includes(written))
        issue(`${name}.script`, `writes the dotenv report ${written}, which artifacts:reports:dotenv does not name`);
      for (const m of line.matchAll(/echo\s+"?([A-Za-z_]\w*)=[^>]*>>\s*"?([^\s"]+)/g))
        if (files.includes(m[2]!)) carried.add(m[1]!);
    }
    reports.set(name, carried);
  }

  for (const [name, job] of jobs) {
    const at = (key: string) => `${name}.${key}`;
    if (!isObj(job)) {
      issue(name, "a job is a mapping");
      continue;
    }
    for (const k of Object.keys(job)) if (!JOB_KEYS.includes(k)) issue(at(k), "unknown job key");
    if (job.script === undefined && job.trigger === undefined && job.extends === undefined)
      issue(name, "a job needs a script (or trigger)");
    const stage = typeof job.stage === "string" ? job.stage : "test";
    if (!stages.includes(stage)) issue(at("stage"), `stage "${stage}" is not in stages (${stages.join(", ")})`);

    const needs = (Array.isArray(job.needs) ? job.needs : []).map((n) => (isObj(n) ? String(n.job) : String(n)));
    if (job.needs !== undefined && !Array.isArray(job.needs)) issue(at("needs"), "expected a list of jobs");
    for (const need of needs) {
      if (!names.has(need)) {
        issue(at("needs"), `no job "${need}"`);
        continue;
      }
      const theirs = jobs.find(([k]) => k === need)![1] as Obj;
      const theirStage = typeof theirs.stage === "string" ? theirs.stage : "test";
      if (stages.indexOf(theirStage) > stages.indexOf(stage))
        issue(at("needs"), `"${need}" runs in a later stage (${theirStage})`);
    }

    const jobVariables = new Set(isObj(job.variables) ? Object.keys(job.variables) : []);
    const lines = [...scriptLines(job.before_script), ...scriptLines(job.script), ...scriptLines(job.after_script)];
    const assigned = assignedIn(lines);
    const fromDotenv = new Set(needs.flatMap((n) => [...(reports.get(n) ?? [])]));
    const runsRelnotes = lines.some((l) => /\brelnotes\s+(verify-tag|release|promote|bump|tags)\b/.test(l));
    if (runsRelnotes) {
      const depth = isObj(job.variables)
        ? job.variables.GIT_DEPTH
        : isObj(root.variables)
          ? root.variables.GIT_DEPTH
          : undefined;
      if (String(depth) !== "0") issue(at("variables"), 'relnotes reads the history and tags: set GIT_DEPTH: "0"');
    }
    lines.forEach((line, i) => {
      for (const v of variablesIn(line)) {
        if (PREDEFINED.test(v) || globalVariables.has(v) || jobVariables.has(v) || assigned.has(v) || fromDotenv.has(v))
          continue;
        if (RELEASE_VARIABLES.has(v) || v.startsWith("RELEASE_")) {
          const producers = [...reports].filter(([, carried]) => carried.has(v)).map(([k]) => k);
          issue(
            at(`script[${i}]`),
            RELEASE_VARIABLES.has(v)
              ? `$${v} comes from the dotenv report of ${producers.join(", ") || "no job"}, which this job does not need`
              : `$${v} is not a variable verify-tag's dotenv report sets`,
          );
        } else
          issue(at(`script[${i}]`), `$${v} is not defined (variables, a needed job's dotenv report, or predefined)`);
      }
      if (/(^|[;&|]\s*)relnotes\s/.test(line)) {
        for (const m of line.matchAll(/(^|[^"\w])\$\{?([A-Za-z_]\w*)/g))
          issue(at(`script[${i}]`), `quote "$${m[2]}" in the relnotes command`);
      }
    });
  }
  return issues;
}
