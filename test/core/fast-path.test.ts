import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI } from "../helpers/cli.js";
import { cleanupTemp, TEST_ENV, tempDir, type TestRepo } from "../helpers/repo.js";
import { monorepo, publish } from "../handoff/fixture.js";

// The everyday commands (the commit-msg hook above all) must not pay for the parsers,
// template engine and HTTP client that only other paths use. Each command runs from
// the built bundle under a loader hook that records every module file it loads; the
// bundle's metafile (dist/meta.json) says which sources each of those files holds.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RECORDER = join(ROOT, "test", "helpers", "modules", "register.mjs");

/** Packages only some paths need: manifest parsers, diff, Handlebars, the GitHub client, the TS config loader. */
const HEAVY = [
  "yaml",
  "toml-eslint-parser",
  "jsonc-parser",
  "diff",
  "handlebars",
  "@octokit/rest",
  "@octokit/core",
  "bottleneck",
  "jiti",
];

interface Meta {
  outputs: Record<string, { bytes: number; inputs: Record<string, unknown> }>;
}

const meta = (): Meta => JSON.parse(readFileSync(join(ROOT, "dist", "meta.json"), "utf8")) as Meta;

/** Handlebars' parser and code generator: only for a template that is not precompiled (or a plain-text one). */
const hasCompiler = (run: { inputs: Set<string> }) =>
  [...run.inputs].some((i) => i.includes("node_modules/handlebars/dist/cjs/handlebars/compiler/"));

/** The package a source path belongs to (`node_modules/@scope/name/…` → `@scope/name`), or null for relnotes' own code. */
function packageOf(path: string): string | null {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? null;
}

interface Loaded {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Files of dist/ the process loaded (`dist/chunk-….js`). */
  files: string[];
  /** Packages whose code it loaded: bundled into those files, or loaded from node_modules. */
  packages: Set<string>;
  /** The source files (relnotes' and packages') bundled into the files it loaded. */
  inputs: Set<string>;
  bytes: number;
}

function runRecorded(cwd: string, args: string[]): Loaded {
  const log = join(tempDir("rn-modules-"), "modules.log");
  writeFileSync(log, "");
  const r = spawnSync(process.execPath, ["--import", RECORDER, CLI, ...args], {
    cwd,
    env: { ...process.env, ...TEST_ENV, RELNOTES_MODULE_LOG: log, GITHUB_TOKEN: "", GH_TOKEN: "", GITHUB_ACTIONS: "" },
    encoding: "utf8",
  });
  const urls = [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))];
  const outputs = meta().outputs;
  const files: string[] = [];
  const packages = new Set<string>();
  const inputs = new Set<string>();
  let bytes = 0;
  for (const url of urls) {
    const path = fileURLToPath(url);
    const pkg = packageOf(path);
    if (pkg !== null) packages.add(pkg);
    if (!path.startsWith(join(ROOT, "dist"))) continue;
    const file = path.slice(ROOT.length);
    const output = outputs[file];
    expect(output, `${file} is a file of the current build (dist/meta.json)`).toBeDefined();
    files.push(file);
    bytes += output!.bytes;
    for (const input of Object.keys(output!.inputs)) {
      inputs.add(input);
      const inputPkg = packageOf(input);
      if (inputPkg !== null) packages.add(inputPkg);
    }
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files, packages, inputs, bytes };
}

describe("start-up: what the everyday commands load from the bundle", () => {
  let r: TestRepo;
  let message: string;

  beforeAll(() => {
    // vault lists a manifest, so the full check and vault's plan need the JSON parser; api lists none.
    const config = {
      services: {
        api: { paths: ["svc/api/"] },
        vault: { paths: ["svc/vault/"], manifests: ["svc/vault/package.json"] },
      },
    };
    r = monorepo(
      [
        {
          message: "feat(api): first",
          files: { "svc/api/a.txt": "a", "svc/vault/package.json": '{ "name": "vault", "version": "0.1.0" }\n' },
          annotated: ["api/v1.0.0", "vault/v0.1.0"],
        },
        { message: "fix(api): second" },
      ],
      config,
    );
    publish(r);
    message = join(tempDir("rn-msg-"), "COMMIT_EDITMSG");
    writeFileSync(message, "feat(api): add key rotation\n");
  });

  afterAll(cleanupTemp);

  it("the bundle holds the heavy packages, each outside the entry file", () => {
    const outputs = meta().outputs;
    const holders = (pkg: string) =>
      Object.entries(outputs)
        .filter(([, o]) => Object.keys(o.inputs).some((i) => packageOf(i) === pkg))
        .map(([f]) => f);
    for (const pkg of HEAVY.filter((p) => p !== "jiti")) {
      expect(holders(pkg).length, `${pkg} is bundled`).toBeGreaterThan(0);
      expect(holders(pkg)).not.toContain("dist/cli.js");
    }
    // jiti stays a real package: it loads its own Babel build by path.
    expect(holders("jiti")).toEqual([]);
  });

  it("check --message (the commit-msg hook) loads none of them, and little else", () => {
    const run = runRecorded(r.dir, ["check", "--message", message]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.files).toContain("dist/cli.js");
    expect([...run.packages].filter((p) => HEAVY.includes(p))).toEqual([]);
    // A budget, not a timing: today ~48 kB in ~17 files. Growing past it means a static import pulled in a path it does not use.
    expect(run.bytes).toBeLessThan(64 * 1024);
  });

  // The commands that print a version or check a tag render nothing and write nothing: no template engine, no
  // diff, no manifest parser, no HTTP client. `next` decides the plan's versions without its notes and file edits.
  it.each([
    [["version", "api"], "1.0.0"],
    [["next", "api"], "1.0.1"],
    [["next", "--json"], '"tag": "api/v1.0.1"'],
    [["verify-tag", "api/v1.0.0"], "api/v1.0.0 is a valid release tag"],
  ])("relnotes %j loads none of them", (args, output) => {
    const run = runRecorded(r.dir, args);
    expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(output);
    expect([...run.packages].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it("the recorder sees them where they are needed: preview renders notes and diffs, check parses the manifest", () => {
    const preview = runRecorded(r.dir, ["preview", "api"]);
    expect(preview.code, preview.stderr).toBe(0);
    expect([...preview.packages].filter((p) => HEAVY.includes(p)).sort()).toEqual(["diff", "handlebars"]);
    // The bundled templates come precompiled: Handlebars' runtime renders them, its compiler stays unloaded.
    expect(hasCompiler(preview), "preview loads Handlebars' compiler").toBe(false);
    const check = runRecorded(r.dir, ["check"]);
    expect(check.stderr).not.toContain("unexpected");
    expect(check.packages).toContain("jsonc-parser");
    expect(check.packages).not.toContain("@octokit/core");
  });

  it("a template that must be compiled (a partial, a configured template) brings in Handlebars' compiler", () => {
    const t = monorepo([{ message: "feat(api): first", annotated: ["api/v1.0.0"] }, { message: "fix(api): second" }]);
    writeFileSync(join(t.dir, "sig.hbs"), "(relnotes)");
    const config = JSON.parse(readFileSync(join(t.dir, "cliff.config.json"), "utf8"));
    writeFileSync(
      join(t.dir, "cliff.config.json"),
      JSON.stringify({ ...config, templates: { partials: { sig: "sig.hbs" } } }),
    );
    const run = runRecorded(t.dir, ["preview", "api"]);
    expect(run.code, run.stderr).toBe(0);
    expect(hasCompiler(run)).toBe(true);
  });

  it("a cliff.config.ts brings in jiti, from node_modules, only then", () => {
    const t = monorepo([{ message: "feat(api): first" }]);
    rmSync(join(t.dir, "cliff.config.json"));
    writeFileSync(
      join(t.dir, "cliff.config.ts"),
      'import { defineConfig } from "relnotes";\n\nexport default defineConfig({ services: { api: { paths: ["svc/api/"] } }, commits: { scopes: ["api"] } });\n',
    );
    const bad = join(tempDir("rn-msg-"), "COMMIT_EDITMSG");
    writeFileSync(bad, "feat(web): not a scope of this config\n");
    // The config was read (its scope list applies), through the running relnotes' library entry.
    expect(runRecorded(t.dir, ["check", "--message", bad]).code).toBe(1);
    const run = runRecorded(t.dir, ["check", "--message", message]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.packages).toContain("jiti");
    expect([...run.packages].filter((p) => HEAVY.includes(p) && p !== "jiti")).toEqual([]);
  });
});
