import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { planRequestFrom } from "../../src/cli/plan-args.js";
import { planRelease } from "../../src/release/planners.js";
import { openRenderSession } from "../../src/render/render.js";
import { relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, type CommitSpec } from "../helpers/repo.js";

/**
 * Golden cases as data: test/fixtures/<case>/case.json holds the commits,
 * the initial files (config included) and what to run; expected output sits
 * beside it (first-commit files may also sit in <case>/files/). UPDATE_GOLDEN=1 rewrites the expected files (review the diff!).
 */
interface Case {
  description: string;
  remote?: string;
  files?: Record<string, string>;
  commits: CommitSpec[];
  /** `cli`: run relnotes with args, compare stdout with expected.out. `plan`: build the plan, compare planned files with expected/<path>. */
  run: { kind: "cli"; args: string[]; exitCode?: number } | { kind: "plan"; args: string[] };
}

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";

function golden(path: string, actual: string): void {
  if (update || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (!update) throw new Error(`golden file ${path} was missing and has been written; review it and run again`);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/** Files of the first commit kept as files beside case.json (`<case>/files/<path>`), byte for byte. */
function filesDir(dir: string): Record<string, string> {
  const root = join(dir, "files");
  if (!existsSync(root)) return {};
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    entries.map((e) => [relative(root, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name), "utf8")]),
  );
}

const cases = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, "case.json")));

afterAll(cleanupTemp);

describe("golden fixtures", () => {
  test.each(cases)("%s", async (name) => {
    const dir = join(FIXTURES, name);
    const spec = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as Case;
    const r = repo({ commits: spec.commits, files: { ...filesDir(dir), ...spec.files } });
    if (spec.remote) gitIn(r.dir, ["remote", "add", "origin", spec.remote]);
    if (spec.run.kind === "cli") {
      const result = relnotes(r.dir, spec.run.args);
      expect(result.code, result.stderr).toBe(spec.run.exitCode ?? 0);
      golden(join(dir, "expected.out"), result.stdout);
      return;
    }
    const ctx = await openRenderSession(r.dir, { emit: () => {}, env: process.env });
    ctx.now = new Date("2026-11-22T12:00:00Z");
    const plan = await planRelease(ctx, planRequestFrom(spec.run.args, {}));
    const written = plan.files;
    expect(written.length).toBeGreaterThan(0);
    for (const f of written) golden(join(dir, "expected", f.path), f.after);
  });
});
