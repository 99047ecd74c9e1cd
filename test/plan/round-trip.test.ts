import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RelnotesEvent } from "../../src/events.js";
import type { ReleasePlan } from "../../src/plan/types.js";
import { runBump, type BumpOptions } from "../../src/release/bump.js";
import { planRelease } from "../../src/release/planners.js";
import { openRenderSession } from "../../src/render/render.js";
import { PINNED_DATES, releasedRepo, servicesConfig, type Released } from "../bump/setup.js";
import { cleanupTemp, TEST_ENV } from "../helpers/repo.js";

// The plan is plain data: it survives JSON, and bump applies a plan read back from JSON
// exactly as it applies the plan it makes itself.

const saved = { ...process.env };
beforeAll(() => Object.assign(process.env, TEST_ENV, PINNED_DATES, { SOURCE_DATE_EPOCH: "1772366400" }));
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  cleanupTemp();
});

const pkg = (name: string, version: string, deps: Record<string, string> = {}) =>
  `${JSON.stringify({ name, version, dependencies: deps }, null, 2)}\n`;

/** api depends on lib; both have changelogs (lib's is new) and package.json manifests. */
function released(): Released {
  const config = servicesConfig(
    ["api", "lib"],
    {},
    {
      api: { changelog: "svc/api/CHANGELOG.md", manifests: ["svc/api/package.json"] },
      lib: { changelog: "svc/lib/CHANGELOG.md", manifests: ["svc/lib/package.json"] },
    },
  );
  return releasedRepo({
    files: { "cliff.config.json": config },
    commits: [
      {
        message: "feat: initial",
        files: {
          "svc/api/package.json": pkg("api", "1.2.0", { lib: "^0.4.0" }),
          "svc/lib/package.json": pkg("lib", "0.4.0"),
          "svc/api/CHANGELOG.md": "# Changelog\n",
        },
        annotated: ["api/v1.2.0", "lib/v0.4.0"],
      },
      { message: "feat(api): add key rotation (#41)", files: { "svc/api/main.go": "v2\n" } },
      { message: "feat(lib)!: drop the v1 codec (#42)", files: { "svc/lib/codec.go": "v2\n" } },
    ],
  });
}

function options(r: Released, plan?: ReleasePlan): BumpOptions & { events: RelnotesEvent[] } {
  const events: RelnotesEvent[] = [];
  return {
    cwd: r.work.dir,
    request: { services: [], versions: new Map() },
    plan,
    fetch: true,
    dryRun: false,
    allowDirty: false,
    yes: true,
    resume: false,
    abort: false,
    skipPublish: true,
    interactive: false,
    env: process.env,
    emit: (e) => events.push(e),
    confirm: () => Promise.reject(new Error("no prompt with --yes")),
    showPlan: () => {},
    showUnfinished: () => {},
    events,
  };
}

async function plan(r: Released): Promise<ReleasePlan> {
  return planRelease(await openRenderSession(r.work.dir, { emit: () => {}, env: process.env }), {
    services: [],
    versions: new Map(),
  });
}

describe("ReleasePlan as data", () => {
  test("a plan on a real repository survives JSON.stringify/JSON.parse unchanged", async () => {
    const made = await plan(released());
    expect(made.releases.map((r) => r.tag)).toEqual(["lib/v0.5.0", "api/v1.3.0"]);
    // Final bytes and diffs, not a reader of the disk.
    expect(made.files.map((f) => f.path)).toEqual([
      "svc/lib/CHANGELOG.md",
      "svc/lib/package.json",
      "svc/api/CHANGELOG.md",
      "svc/api/package.json",
    ]);
    expect(made.files.find((f) => f.path === "svc/lib/CHANGELOG.md")!.before).toBeNull();
    expect(made.files.find((f) => f.path === "svc/api/package.json")!.after).toBe(
      pkg("api", "1.3.0", { lib: "^0.4.0" }),
    );
    expect(made.releases[1]!.files.map((f) => f.path)).toEqual(["svc/api/CHANGELOG.md", "svc/api/package.json"]);
    const copy = JSON.parse(JSON.stringify(made)) as ReleasePlan;
    expect(copy).toStrictEqual(made);
  });

  test("bump applies a plan read back from JSON: the same commit, tags, files and pushes as a plain bump", async () => {
    const plain = released();
    const fromJson = released();
    expect(fromJson.snapshot()).toBe(plain.snapshot());

    const outcome = await runBump(options(plain));
    expect(outcome.kind).toBe("released");

    const copy = JSON.parse(JSON.stringify(await plan(fromJson))) as ReleasePlan;
    const applied = await runBump(options(fromJson, copy));
    expect(applied.kind).toBe("released");

    expect(fromJson.snapshot()).toBe(plain.snapshot());
    expect(fromJson.remote.pushes()).toEqual(plain.remote.pushes());
    expect(plain.work.git("tag", "--points-at", "HEAD").split("\n").filter(Boolean)).toEqual([
      "api/v1.3.0",
      "lib/v0.5.0",
    ]);
    expect(fromJson.work.git("show", "HEAD:svc/api/package.json")).toBe(pkg("api", "1.3.0", { lib: "^0.4.0" }));
  });

  test("a plan read back is refused when HEAD moved or a file it edits changed since", async () => {
    const r = released();
    const copy = JSON.parse(JSON.stringify(await plan(r))) as ReleasePlan;
    const before = r.snapshot();
    r.work.git("commit", "-q", "--allow-empty", "-m", "chore: later");
    await expect(runBump(options(r, copy))).rejects.toThrow(
      /the plan of lib\/v0\.5\.0 was made at commit [0-9a-f]{12}, but HEAD is now/,
    );
    r.work.git("reset", "-q", "--hard", "HEAD~1");
    expect(r.snapshot()).toBe(before);

    const edited = {
      ...copy,
      files: copy.files.map((f) => (f.path === "svc/api/package.json" ? { ...f, before: "{}\n" } : f)),
    };
    await expect(runBump(options(r, edited))).rejects.toThrow("svc/api/package.json changed since the plan was made");
    expect(r.snapshot()).toBe(before);
  });
});
