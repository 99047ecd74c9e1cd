import { createRequire } from "node:module";
import { join } from "node:path";
import { cruise, type IForbiddenRuleType } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const rules = createRequire(import.meta.url)(join(root, ".dependency-cruiser.cjs")) as {
  forbidden: IForbiddenRuleType[];
  options: { enhancedResolveOptions: Record<string, unknown> };
};

/** The rule names `npm run lint` reports for one small tree under test/fixtures/architecture/. */
async function violations(tree: string): Promise<string[]> {
  const baseDir = join(root, "test/fixtures/architecture", tree);
  const result = await cruise(["src"], {
    baseDir,
    ruleSet: { forbidden: rules.forbidden },
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: rules.options.enhancedResolveOptions,
    validate: true,
  });
  if (typeof result.output === "string") throw new Error(result.output);
  return [...new Set(result.output.summary.violations.map((v) => `${v.rule.name} ${v.from}`))].sort();
}

describe("architecture rules (.dependency-cruiser.cjs)", () => {
  it("accept a tree that imports downward only", async () => {
    expect(await violations("clean")).toEqual([]);
  });

  it("refuse an import from a lower layer to a higher one", async () => {
    expect(await violations("upward")).toEqual(["no-upward-from-foundations src/git/run.ts"]);
  });

  it("refuse an import cycle", async () => {
    expect(await violations("cycle")).toEqual(["no-circular src/plan/a.ts"]);
  });

  it("refuse a process spawned outside git/ and the hook runner", async () => {
    expect(await violations("spawn")).toEqual(["processes-only-in-git-and-hooks src/changelog/read.ts"]);
  });

  it("refuse a git command built outside git/ (the runner may only be passed along as a type)", async () => {
    expect(await violations("gitrun")).toEqual(["git-commands-only-in-git src/changelog/read.ts"]);
  });

  it("refuse the GitHub API client outside the GitHub adapter", async () => {
    expect(await violations("octokit")).toEqual(["octokit-only-in-the-github-adapter src/release/publish.ts"]);
  });
});
