import { spawn } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";
import { parse } from "yaml";
import { CLI } from "../helpers/cli.js";
import { closeGitHubFixtures, githubEnv, githubFixture } from "../helpers/github/fixture.js";
import { TEST_ENV, tempDir } from "../helpers/repo.js";

afterEach(closeGitHubFixtures);

interface ActionStep {
  id?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  run: string;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(fileURLToPath(new URL("../../action.yml", import.meta.url)), "utf8")) as Action;

/** `${{ inputs.x }}`, `${{ steps.s.outputs.o }}` and `${{ github.ref_name }}`, as the runner expands them. */
function expand(
  text: string,
  scope: { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; refName: string },
): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return expand(scope.inputs[input[1]!] ?? action.inputs[input[1]!]?.default ?? "", scope);
    const output = /^steps\.([\w-]+)\.outputs\.(\w+)$/.exec(expr);
    if (output) return scope.steps[output[1]!]?.[output[2]!] ?? "";
    if (expr === "github.ref_name") return scope.refName;
    if (expr === "github.token") return "from-github-token";
    throw new Error(`unexpected expression ${expr}`);
  });
}

/** `if:` conditions of the form `inputs.command == 'x' || …`. */
function enabled(step: ActionStep, inputs: Record<string, string>): boolean {
  if (!step.if) return true;
  return step.if.split("||").some((part) => {
    const m = /inputs\.([\w-]+) == '([^']*)'/.exec(part)!;
    return (inputs[m[1]!] ?? action.inputs[m[1]!]!.default) === m[2];
  });
}

/** $GITHUB_OUTPUT lines: name=value, or name<<DELIM … DELIM for multi-line values. */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i]!.includes("="))
      out[lines[i]!.slice(0, lines[i]!.indexOf("="))] = lines[i]!.slice(lines[i]!.indexOf("=") + 1);
  }
  return out;
}

function bash(
  script: string,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-e", "-c", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test("action.yml documents every input and output, and references only defined inputs and steps", () => {
  expect(action.runs.using).toBe("composite");
  const text = readFileSync(fileURLToPath(new URL("../../action.yml", import.meta.url)), "utf8");
  for (const m of text.matchAll(/inputs\.([\w-]+)/g)) expect(Object.keys(action.inputs)).toContain(m[1]);
  const ids = action.runs.steps.map((s) => s.id).filter(Boolean);
  for (const [name, o] of Object.entries(action.outputs)) {
    expect(o.description, name).toBeTruthy();
    expect(ids).toContain(/steps\.([\w-]+)\./.exec(o.value)![1]);
  }
  for (const [name, i] of Object.entries(action.inputs)) expect(i.description, name).toBeTruthy();
  for (const s of action.runs.steps) expect(s.shell).toBe("bash");
});

test("the release path runs verify-tag and release for the pushed tag and sets the outputs", async () => {
  const f = await githubFixture();
  const bin = tempDir("rn-action-bin-");
  writeFileSync(join(bin, "relnotes"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, "relnotes"), 0o755);
  const runnerTemp = tempDir("rn-runner-");
  const inputs: Record<string, string> = {};
  const scope = { inputs, steps: {} as Record<string, Record<string, string>>, refName: "api/v1.4.0-rc.1" };
  // The install step needs the network (npm ci); relnotes is put on PATH here the way it does.
  for (const step of action.runs.steps.slice(1)) {
    if (!enabled(step, inputs)) continue;
    const outputFile = join(runnerTemp, `output-${step.id ?? "step"}`);
    writeFileSync(outputFile, "");
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, scope)]));
    const env: Record<string, string | undefined> = {
      ...process.env,
      ...TEST_ENV,
      ...githubEnv(f.github),
      GITHUB_ACTIONS: "true",
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: runnerTemp,
      PATH: `${bin}:${process.env.PATH}`,
      ...stepEnv,
    };
    if (stepEnv.GITHUB_TOKEN === "from-github-token") env.GITHUB_TOKEN = githubEnv(f.github).GITHUB_TOKEN!;
    const r = await bash(step.run, f.repo.dir, env);
    expect(r.code, `${step.id}: ${r.stderr}`).toBe(0);
    if (step.id) scope.steps[step.id] = readOutputs(readFileSync(outputFile, "utf8"));
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, expand(o.value, scope)]));
  expect(outputs).toMatchObject({
    service: "api",
    version: "1.4.0-rc.1",
    prerelease: "true",
    tag: "api/v1.4.0-rc.1",
    "previous-tag": "api/v1.3.0",
    tags: expect.stringContaining("1.4.0-rc.1"),
  });
  expect(outputs["release-url"]).toMatch(/^https?:\/\/.*\/releases\/tag\/api\/v1\.4\.0-rc\.1$|\/releases\/\d+$/);
  const releases = f.github.store.releases;
  expect(releases.map((r) => [r.tag_name, r.prerelease, r.draft])).toEqual([["api/v1.4.0-rc.1", true, false]]);
});
