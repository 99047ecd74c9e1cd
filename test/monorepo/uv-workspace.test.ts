import { afterAll, expect, test } from "vitest";
import { silent } from "../../src/events.js";
import { pep440Admits, pep440Requirement, pep508 } from "../../src/manifests/requirements.js";
import { planToJson } from "../../src/plan/json.js";
import { planRelease } from "../../src/release/planners.js";
import { openRenderSession } from "../../src/render/render.js";
import { cleanupTemp, repo } from "../helpers/repo.js";

afterAll(cleanupTemp);

const ROOT =
  '[project]\nname = "acme"\nversion = "0.0.0"\nrequires-python = ">=3.10"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/scratch"]\n\n[tool.uv.sources]\nacme-base = { workspace = true }\n';
const project = (name: string, version: string, deps: string[], sources = "") =>
  `[project]\nname = "${name}"\nversion = "${version}"\ndependencies = [\n${deps.map((d) => `    "${d}",\n`).join("")}]\n${sources}`;
const BASE = project("acme-base", "1.4.0", ["httpx>=0.27"]);
const MID = project("acme_mid", "1.0.0", ["acme-base>=1.4,<2", "httpx>=0.27"]);
const APP = project(
  "acme-app",
  "0.3.0",
  ["acme-mid ~= 1.0 ; python_version >= '3.10'"],
  "\n[tool.uv.sources]\nacme-mid = { workspace = true }\n",
);
const SCRATCH = project(
  "acme-scratch",
  "0.1.0",
  ["acme-base==1.4.*"],
  "\n[tool.uv.sources]\nacme-base = { workspace = true }\n",
);

function uvChain(dependents?: string) {
  const service = (name: string) => ({
    paths: [`packages/${name}/`],
    changelog: `packages/${name}/CHANGELOG.md`,
    manifests: [`packages/${name}/pyproject.toml`],
  });
  const config = {
    services: { app: service("app"), mid: service("mid"), base: service("base") },
    ...(dependents ? { dependents } : {}),
  };
  return repo({
    files: {
      "cliff.config.json": JSON.stringify(config),
      "pyproject.toml": ROOT,
      "uv.lock": "version = 1\n",
      "packages/base/pyproject.toml": BASE,
      "packages/mid/pyproject.toml": MID,
      "packages/app/pyproject.toml": APP,
      "packages/scratch/pyproject.toml": SCRATCH,
    },
    commits: [
      { message: "chore: initial import", files: {}, tags: ["base/v1.4.0", "mid/v1.0.0", "app/v0.3.0"] },
      { message: "feat(base)!: drop the sync client", files: { "packages/base/src.py": "x = 2\n" } },
    ],
  });
}

interface PlanJson {
  releases: {
    service: string;
    version: string;
    bump: string;
    releasedFor: string[];
    notes: string;
    files: { path: string }[];
  }[];
  warnings: string[];
}

test("a uv workspace chain: a breaking change at the bottom releases base, mid, app in order; specifiers keep their shape", async () => {
  const r = uvChain();
  const plan = await planRelease(await openRenderSession(r.dir, { emit: silent, env: process.env }), {
    services: [],
    versions: new Map(),
  });
  const out = planToJson(plan) as PlanJson;
  expect(out.releases.map((x) => [x.service, x.version, x.bump, x.releasedFor])).toEqual([
    ["base", "2.0.0", "major", []],
    ["mid", "1.0.1", "patch", ["depends on base 2.0.0"]],
    ["app", "0.3.1", "patch", ["depends on mid 1.0.1"]],
  ]);
  expect(out.releases[1]!.notes).toContain("base 2.0.0");
  const files = Object.fromEntries(plan.files.map((f) => [f.path, f.after]));
  expect(files["packages/base/pyproject.toml"]).toBe(BASE.replace('"1.4.0"', '"2.0.0"'));
  expect(files["packages/mid/pyproject.toml"]).toBe(MID.replace(">=1.4,<2", ">=2.0,<3").replace('"1.0.0"', '"1.0.1"'));
  // ~= 1.0 follows every release at its precision: 1.0.1 still reads "1.0"; spacing and marker kept.
  expect(files["packages/app/pyproject.toml"]).toBe(APP.replace("~= 1.0 ;", "~= 1.0 ;").replace('"0.3.0"', '"0.3.1"'));
  // Excluded from the workspace: not a member, not edited.
  expect(files["packages/scratch/pyproject.toml"]).toBeUndefined();
  expect(files["pyproject.toml"]).toBeUndefined();
  expect(files["uv.lock"]).toBeUndefined();
  expect(out.warnings.some((w) => w.includes("uv.lock is left as it is") && w.includes("uv lock"))).toBe(true);
});

test("dependents: out-of-range leaves a specifier that still admits the version, and its service", async () => {
  const r = uvChain("out-of-range");
  const plan = await planRelease(await openRenderSession(r.dir, { emit: silent, env: process.env }), {
    services: [],
    versions: new Map(),
  });
  expect(plan.releases.map((x) => [x.service, x.version])).toEqual([
    ["base", "2.0.0"],
    ["mid", "1.0.1"],
  ]);
});

test("PEP 440 specifiers: admitted versions, and moves that keep the shape", () => {
  expect(pep440Admits(">=1.2,<2", "1.9.0")).toBe(true);
  expect(pep440Admits(">=1.2,<2", "2.0.0")).toBe(false);
  expect(pep440Admits("~=1.2", "1.9.0")).toBe(true);
  expect(pep440Admits("~=1.2", "2.0.0")).toBe(false);
  expect(pep440Admits("~=1.2.3", "1.3.0")).toBe(false);
  expect(pep440Admits("==1.2.*", "1.2.9")).toBe(true);
  expect(pep440Admits("==1.2.*", "1.3.0")).toBe(false);
  expect(pep440Admits("!=1.3.0", "1.3.0")).toBe(false);
  expect(pep440Admits("<2", "2.0.0-rc.1")).toBe(true);
  expect(pep440Admits(">=1 and more", "1.0.0")).toBeNull();
  expect(pep440Requirement(">=1.2,<2", "2.1.0")).toBe(">=2.1,<3");
  expect(pep440Requirement(">=1.2, <2", "1.5.0")).toBeNull();
  expect(pep440Requirement("~=1.2", "1.3.0")).toBe("~=1.3");
  expect(pep440Requirement("~=1.2.0", "2.0.0")).toBe("~=2.0.0");
  expect(pep440Requirement("==1.2.*", "1.3.4")).toBe("==1.3.*");
  expect(pep440Requirement("==1.2.3", "1.2.4")).toBe("==1.2.4");
  expect(pep440Requirement("~=1.2", "1.3.0", { onlyOutOfRange: true })).toBeNull();
  expect(pep440Requirement("", "2.0.0")).toBeNull();
  expect(() => pep440Requirement("<2", "2.0.0")).toThrow(/cannot move it/);
  expect(pep508("acme-mid[cli] (>=1.0) ; python_version >= '3.10'")).toEqual({
    name: "acme-mid",
    specifier: ">=1.0",
    start: 15,
    end: 20,
  });
  expect(pep508("acme-mid @ https://example.com/a.whl")).toBeNull();
});
