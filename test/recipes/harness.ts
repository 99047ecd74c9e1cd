import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { parse } from "yaml";
import { CLI, type CliResult } from "../helpers/cli.js";
import { BASE_EPOCH, gitIn, tempDir, TEST_ENV } from "../helpers/repo.js";
import { PINNED_DATES, type Remote } from "../bump/setup.js";
import { lintWorkflow } from "../handoff/workflow-lint.js";
import { parseGithubOutput } from "../helpers/github-output.js";
import { MISE, miseEnv } from "../helpers/mise.js";
import { spawnCollect } from "../helpers/spawn.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const RECIPES = join(ROOT, "docs", "recipes");

/** The files of a recipe folder, as a user copies them: `cliff.config.ts`, `mise.toml`, `.github/workflows/*.yml`. */
export function recipeFile(recipe: string, path: string): string {
  return readFileSync(join(RECIPES, recipe, path), "utf8");
}

export function recipeWorkflows(recipe: string): string[] {
  const dir = join(RECIPES, recipe, ".github", "workflows");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".yml"))
        .sort()
    : [];
}

/** The files a repository gets from a recipe: config, mise task, workflows (paths as in the recipe). */
export function recipeRepoFiles(recipe: string): Record<string, string> {
  const files: Record<string, string> = {
    "cliff.config.ts": recipeFile(recipe, "cliff.config.ts"),
    ".gitignore": "node_modules/\n",
  };
  if (existsSync(join(RECIPES, recipe, "mise.toml"))) files["mise.toml"] = recipeFile(recipe, "mise.toml");
  for (const f of recipeWorkflows(recipe))
    files[`.github/workflows/${f}`] = recipeFile(recipe, `.github/workflows/${f}`);
  return files;
}

interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string | number>;
}
export interface Workflow {
  on: Record<string, Record<string, unknown> | null>;
  jobs: Record<string, { needs?: string | string[]; steps: Step[]; outputs?: Record<string, string> }>;
}

/** A recipe workflow, parsed, after checking it passes the workflow rules (test/handoff/workflow-lint.ts). */
export function workflow(recipe: string, file: string): Workflow {
  const text = recipeFile(recipe, `.github/workflows/${file}`);
  expect(lintWorkflow(text), `${recipe}/${file}`).toEqual([]);
  return parse(text) as Workflow;
}

/** The `run` script of the step with this id (or name) in a job. */
export function stepScript(wf: Workflow, job: string, step: string): string {
  const s = wf.jobs[job]?.steps.find((x) => x.id === step || x.name === step);
  if (!s?.run) throw new Error(`no run step "${step}" in job "${job}"`);
  return s.run;
}

/** A bin directory with `relnotes` running this build, as `npm install -g relnotes` would give. */
export function relnotesBin(): string {
  const bin = tempDir("rn-bin-");
  writeFileSync(join(bin, "relnotes"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, "relnotes"), 0o755);
  return bin;
}

/** Install this build as the repository's devDependency binary (node_modules/.bin/relnotes, ignored by git). */
export function installRelnotes(dir: string): void {
  const bin = join(dir, "node_modules", ".bin");
  mkdirSync(bin, { recursive: true });
  copyFileSync(join(relnotesBin(), "relnotes"), join(bin, "relnotes"));
  chmodSync(join(bin, "relnotes"), 0o755);
}

const BASE_ENV = {
  ...TEST_ENV,
  ...PINNED_DATES,
  SOURCE_DATE_EPOCH: String(BASE_EPOCH + 300 * 86_400),
  GITHUB_TOKEN: "",
  GH_TOKEN: "",
};

/** Spawn without blocking the test process, so the loopback GitHub in it can answer. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return spawnCollect(command, args, { cwd, env: { ...process.env, GITHUB_ACTIONS: "", ...BASE_ENV, ...env } });
}

/** `relnotes …` in `cwd`, with pinned dates. */
export function relnotesIn(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return run(process.execPath, [CLI, ...args], cwd, env);
}

/** The real mise (from @jdxcode/mise), isolated from the user's setup, offline. */
export async function mise(root: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const env_ = { ...miseEnv(root), ...env };
  const trust = await run(MISE, ["trust", join(root, "mise.toml")], root, env_);
  expect(trust.code, trust.stderr).toBe(0);
  return run(MISE, args, root, env_);
}

export interface CiRun extends CliResult {
  /** What the step appended to $GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
}

/** Run a workflow step's script with bash as the runner does, `relnotes` on PATH, GITHUB_OUTPUT to a fresh file. */
export async function runStep(script: string, cwd: string, env: Record<string, string> = {}): Promise<CiRun> {
  const output = join(tempDir("rn-out-"), "output");
  writeFileSync(output, "");
  const r = await run("bash", ["-eo", "pipefail", "-c", script], cwd, {
    PATH: `${relnotesBin()}:${process.env.PATH}`,
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: output,
    ...env,
  });
  return { ...r, outputs: parseGithubOutput(readFileSync(output, "utf8")) };
}

/**
 * What `actions/checkout` with fetch-depth: 0 gives a tag-triggered job: a
 * full clone of the remote, the tag checked out on a detached HEAD, and
 * `origin` named by its GitHub URL.
 */
export function ciCheckout(remote: Remote, tag: string, githubUrl: string): string {
  const dir = join(tempDir("rn-ci-"), "work");
  gitIn(tempDir("rn-ci-"), ["clone", "-q", remote.bare, dir]);
  gitIn(dir, ["checkout", "-q", "--detach", `refs/tags/${tag}`]);
  gitIn(dir, ["remote", "set-url", "origin", githubUrl]);
  return dir;
}
