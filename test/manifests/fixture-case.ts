import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { silent, type RelnotesEvent } from "../../src/events.js";
import { planRelease } from "../../src/release/planners.js";
import { openRenderSession } from "../../src/render/render.js";
import type { ReleasePlan } from "../../src/plan/types.js";
import { repo, writeFiles, type CommitSpec, type TestRepo } from "../helpers/repo.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/manifests/", import.meta.url));

/** A fixture case: `before/` tree, `after/` (exactly the files the release changes), and case.json. */
export interface FixtureCase {
  description: string;
  config: unknown;
  tags: string[];
  commits: CommitSpec[];
  /** Services named on the command line (empty: single package). */
  args: string[];
  /** Expected next version per service ("" for the single package). */
  versions: Record<string, string>;
  /** Real tools that must accept the updated tree (cargo, npm). */
  verify?: string[][];
  /** A tool that regenerates `file` from the manifests: it must leave the updated lockfile byte-identical. */
  relock?: { command: string[]; file: string };
}

/** Every file below `dir` (outside `.git`), by forward-slash relative path, read as UTF-8 text (BOM kept). */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name === ".git") continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path).split(sep).join("/")] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return out;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function loadCase(name: string): FixtureCase {
  return JSON.parse(readFileSync(join(FIXTURES, name, "case.json"), "utf8")) as FixtureCase;
}

/** A repository holding the case's `before/` tree and config, tagged, with the case's commits on top. */
export function caseRepo(name: string, c: FixtureCase = loadCase(name)): TestRepo {
  const files = {
    ...readTree(join(FIXTURES, name, "before")),
    "cliff.config.json": `${JSON.stringify(c.config, null, 2)}\n`,
  };
  return repo({ files, commits: [{ message: "chore: initial import", files: {}, tags: c.tags }, ...c.commits] });
}

/** Plan the case's release in its repository, collecting the events the core emits. */
export async function planCase(r: TestRepo, c: FixtureCase): Promise<{ plan: ReleasePlan; events: RelnotesEvent[] }> {
  const events: RelnotesEvent[] = [];
  const emit = (e: RelnotesEvent) => {
    events.push(e);
    silent(e);
  };
  const ctx = await openRenderSession(r.dir, { emit, env: process.env });
  const plan = await planRelease(ctx, { services: c.args, versions: new Map() });
  return { plan, events };
}

/** Write the plan's final file texts into the work tree (what apply does), for the real tools to judge. */
export function writePlanned(r: TestRepo, plan: ReleasePlan): void {
  writeFiles(r.dir, Object.fromEntries(plan.files.map((f) => [f.path, f.after])));
}
