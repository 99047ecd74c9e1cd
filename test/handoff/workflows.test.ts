import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CLI } from "../helpers/cli.js";
import { BASE_EPOCH, cleanupTemp, tempDir, TEST_ENV } from "../helpers/repo.js";
import { monorepo, publish } from "./fixture.js";
import { lintWorkflow } from "./workflow-lint.js";

afterAll(cleanupTemp);

const DIR = new URL("../../docs/workflows/", import.meta.url);
// gitlab-ci.yml is GitLab CI, with rules of its own (test/forges/workflows.test.ts).
const files = readdirSync(DIR).filter((f) => f.endsWith(".yml") && f !== "gitlab-ci.yml");
const read = (f: string) => readFileSync(new URL(f, DIR), "utf8");

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, Record<string, unknown> | null>;
  jobs: Record<string, { needs?: string | string[]; steps: Step[]; outputs?: Record<string, string> }>;
}

describe("example workflows", () => {
  it("are all there", () => {
    expect(files.sort()).toEqual([
      "forgejo-release.yml",
      "main-images.yml",
      "pr-check.yml",
      "promote.yml",
      "release-pr.yml",
      "release.yml",
    ]);
  });

  it.each(files)("%s passes the workflow rules", (f) => {
    expect(lintWorkflow(read(f))).toEqual([]);
  });

  it("release: verify-tag → image with the tag matrix → release, triggered by service tags", () => {
    const wf = parse(read("release.yml")) as Workflow;
    expect(wf.on.push).toEqual({ tags: ["api/v[0-9]+.[0-9]+.[0-9]+*", "vault/v[0-9]+.[0-9]+.[0-9]+*"] });
    const verify = wf.jobs.verify!.steps.find((s) => s.id === "tag")!;
    expect(verify.run).toBe('relnotes verify-tag "$TAG" --github-output');
    expect(wf.jobs.verify!.steps[0]).toEqual({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    expect(wf.jobs.image!.needs).toBe("verify");
    expect(wf.jobs.image!.steps.find((s) => s.uses?.startsWith("docker/build-push-action"))!.with!.tags).toBe(
      "${{ needs.verify.outputs.images }}",
    );
    expect(wf.jobs["github-release"]!.needs).toEqual(["verify", "image"]);
    expect(wf.jobs["github-release"]!.steps.at(-1)!.run).toBe('relnotes release "$TAG"');
  });

  it("promote and pr-check run the right commands", () => {
    const promote = parse(read("promote.yml")) as Workflow;
    expect(promote.jobs.promote!.steps.at(-1)!.run).toBe('relnotes promote "$TAG"');
    const pr = parse(read("pr-check.yml")) as Workflow;
    expect(pr.jobs.check!.steps.at(-1)!.run).toBe("relnotes check");
    expect(pr.jobs.title!.steps.at(-1)!.run).toBe("printf '%s\\n' \"$TITLE\" | relnotes check --message -");
  });
});

describe("the workflow rules catch mistakes", () => {
  const base = read("release.yml");
  const cases: [string, (t: string) => string, string][] = [
    [
      "a misspelt step output",
      (t) => t.replace("steps.tag.outputs.images", "steps.tag.outputs.image"),
      'step "tag" does not set output "image"',
    ],
    [
      "a step id that does not exist",
      (t) => t.replace("steps.tag.outputs.version", "steps.tags.outputs.version"),
      'no earlier step with id "tags"',
    ],
    [
      "a job output that does not exist",
      (t) => t.replace("needs.verify.outputs.images", "needs.verify.outputs.references"),
      'job "verify" has no output "references"',
    ],
    [
      "needs naming a missing job",
      (t) => t.replace("needs: [verify, image]", "needs: [verify, images]"),
      'no job "images"',
    ],
    [
      "needs.<job> not in needs",
      (t) => t.replace("needs: verify\n", "needs: []\n"),
      'job "verify" is not in this job\'s needs',
    ],
    [
      "an unterminated expression",
      (t) => t.replace("${{ github.ref_name }}", "${{ github.ref_name }"),
      "unterminated ${{ expression",
    ],
    ["an unknown context", (t) => t.replace("${{ github.actor }}", "${{ gihtub.actor }}"), 'unknown context "gihtub"'],
    [
      "an unknown function",
      (t) => t.replace("release-${{ github.ref }}", "release-${{ lower(github.ref) }}"),
      "unknown function lower()",
    ],
    [
      "a step with both uses and run",
      (t) =>
        t.replace(
          "      - uses: docker/setup-buildx-action@v3\n",
          "      - uses: docker/setup-buildx-action@v3\n        run: echo hi\n",
        ),
      "exactly one of uses or run",
    ],
    [
      "a job without runs-on",
      (t) => t.replace("  image:\n    needs: verify\n    runs-on: ubuntu-latest\n", "  image:\n    needs: verify\n"),
      "runs-on is required",
    ],
    [
      "an action without a ref",
      (t) => t.replace("docker/login-action@v3", "docker/login-action"),
      "expected owner/repo@ref",
    ],
    [
      "a needs cycle",
      (t) => t.replace("  verify:\n    runs-on", "  verify:\n    needs: github-release\n    runs-on"),
      "cycle",
    ],
    [
      "a duplicate key",
      (t) => t.replace("permissions:\n  contents: read\n", "permissions:\n  contents: read\n  contents: write\n"),
      "Map keys must be unique",
    ],
    ["a missing on", (t) => t.replace(/^on:/m, "no:"), "is required"],
    [
      "untrusted input in a script",
      (t) => t.replace('relnotes verify-tag "$TAG"', 'relnotes verify-tag "${{ github.event.head_commit.message }}"'),
      "untrusted",
    ],
    ["an unknown permission", (t) => t.replace("packages: write", "package: write"), "unknown permission scope"],
  ];
  it.each(cases)("%s", (_name, edit, message) => {
    const broken = edit(base);
    expect(broken).not.toBe(base);
    expect(
      lintWorkflow(broken)
        .map((i) => i.message)
        .join("\n"),
    ).toContain(message);
  });
});

describe("the workflows' relnotes steps run as written", () => {
  /** Run a step's script with bash, as the runner does, with `relnotes` on PATH. */
  function runStep(script: string, cwd: string, env: Record<string, string>) {
    const bin = tempDir("rn-bin-");
    writeFileSync(join(bin, "relnotes"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, "relnotes"), 0o755);
    return execFileSync("bash", ["-eo", "pipefail", "-c", script], {
      cwd,
      env: {
        ...process.env,
        ...TEST_ENV,
        PATH: `${bin}:${process.env.PATH}`,
        GITHUB_ACTIONS: "true",
        SOURCE_DATE_EPOCH: String(BASE_EPOCH),
        ...env,
      },
      encoding: "utf8",
    });
  }

  it("release.yml's verify step sets every output the other jobs read", () => {
    const r = monorepo([
      { message: "feat(api): a", annotated: ["api/v1.0.0"] },
      { message: "feat(api): b", annotated: ["api/v1.1.0"] },
    ]);
    publish(r);
    r.git("checkout", "-q", "--detach", "api/v1.1.0");
    const wf = parse(read("release.yml")) as Workflow;
    const output = join(tempDir("rn-out-"), "out");
    writeFileSync(output, "");
    runStep(wf.jobs.verify!.steps.find((s) => s.id === "tag")!.run!, r.dir, {
      TAG: "api/v1.1.0",
      GITHUB_OUTPUT: output,
    });
    const written = readFileSync(output, "utf8");
    for (const name of Object.values(wf.jobs.verify!.outputs!).map((v) => /steps\.tag\.outputs\.(\w+)/.exec(v)![1]!)) {
      expect(written).toMatch(new RegExp(`^${name}(=|<<)`, "m"));
    }
    expect(written).toContain(
      "\nghcr.io/acme/api:1.1.0\nghcr.io/acme/api:1.1\nghcr.io/acme/api:1\nghcr.io/acme/api:latest\n",
    );
  });

  it("main-images.yml's tags step writes the images output", () => {
    const r = monorepo([{ message: "feat(api): a" }]);
    const wf = parse(read("main-images.yml")) as Workflow;
    const output = join(tempDir("rn-out-"), "out");
    writeFileSync(output, "");
    runStep(wf.jobs.images!.steps.find((s) => s.id === "tags")!.run!, r.dir, {
      SERVICE: "api",
      IMAGE: "ghcr.io/acme/api",
      GITHUB_OUTPUT: output,
    });
    expect(readFileSync(output, "utf8")).toBe(
      `images<<EOF_IMAGES\nghcr.io/acme/api:edge\nghcr.io/acme/api:nightly-2026-01-01\nghcr.io/acme/api:sha-${r.sha(0).slice(0, 7)}\nEOF_IMAGES\n`,
    );
  });

  it("pr-check.yml's title step passes a good title and fails a bad one", () => {
    const r = monorepo([{ message: "feat(api): a" }]);
    const script = (parse(read("pr-check.yml")) as Workflow).jobs.title!.steps.at(-1)!.run!;
    expect(runStep(script, r.dir, { TITLE: "feat(api): add keys" })).toBe("No problems found.\n");
    let failure: { status: number; stdout: string } | null = null;
    try {
      runStep(script, r.dir, { TITLE: "Add keys; $(touch pwned)" });
    } catch (e) {
      failure = e as { status: number; stdout: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stdout).toContain(
      '::error::message: "Add keys; $(touch pwned)" is not a Conventional Commit header',
    );
    expect(existsSync(join(r.dir, "pwned"))).toBe(false);
  });
});
