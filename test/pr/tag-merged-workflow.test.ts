import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PINNED_DATES } from "../bump/setup.js";
import { lintWorkflow } from "../handoff/workflow-lint.js";
import { CLI } from "../helpers/cli.js";
import type { FakeGitHub } from "../helpers/github/server.js";
import { BASE_EPOCH, cleanupTemp, tempDir, TEST_ENV } from "../helpers/repo.js";
import { spawnCollect } from "../helpers/spawn.js";
import { PENDING, protectedSetup, squashMerge, TAGGED, TOKEN } from "./tag-merged-setup.js";

const servers: FakeGitHub[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    expect(s.violations).toEqual([]);
    await s.close();
  }
});
afterAll(cleanupTemp);

const text = readFileSync(new URL("../../docs/workflows/release-pr.yml", import.meta.url), "utf8");

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
}
interface Workflow {
  on: Record<string, Record<string, unknown> | null>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const wf = parse(text) as Workflow;
const steps = wf.jobs.release!.steps;
const runs = steps.filter((s) => s.run?.startsWith("relnotes "));

describe("docs/workflows/release-pr.yml", () => {
  it("passes the workflow rules", () => {
    expect(lintWorkflow(text)).toEqual([]);
  });

  it("on each push to main: tag-merged first, then pr, with the permissions they need and a token that starts workflows", () => {
    expect(wf.on.push).toEqual({ branches: ["main"] });
    expect(wf.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write" });
    expect(runs.map((s) => s.run)).toEqual(["relnotes tag-merged", "relnotes pr"]);
    // Not the default GITHUB_TOKEN: its tag pushes would start no tag-triggered workflow.
    const app = steps.find((s) => s.id === "app")!;
    expect(app.uses).toMatch(/^actions\/create-github-app-token@/);
    const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"))!;
    expect(checkout.with).toEqual({ "fetch-depth": 0, token: "${{ steps.app.outputs.token }}" });
    for (const s of runs) expect(s.env).toEqual({ GITHUB_TOKEN: "${{ steps.app.outputs.token }}" });
    expect(text).not.toContain("secrets.GITHUB_TOKEN");
    expect(text).toContain("Tags pushed with the\n# default GITHUB_TOKEN start no other workflow");
  });

  it("runs as written: pr opens the release pull request; after its merge tag-merged tags it and pr has nothing left", async () => {
    const s = await protectedSetup(servers);
    const bin = tempDir("rn-bin-");
    writeFileSync(join(bin, "relnotes"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, "relnotes"), 0o755);
    // The job's relnotes steps in order, each with bash as a runner runs it.
    const push = async () => {
      const out: string[] = [];
      for (const step of runs) {
        const res = await spawnCollect("bash", ["-eo", "pipefail", "-c", step.run!], {
          cwd: s.r.work.dir,
          env: {
            ...process.env,
            ...TEST_ENV,
            ...PINNED_DATES,
            PATH: `${bin}:${process.env.PATH}`,
            SOURCE_DATE_EPOCH: String(BASE_EPOCH),
            GITHUB_ACTIONS: "",
            GH_TOKEN: "",
            GITHUB_API_URL: s.github.url,
            RELNOTES_GITHUB_RETRY_MS: "1",
            GITHUB_TOKEN: TOKEN,
          },
        });
        expect(res.code, `${step.run}\n${res.stderr}`).toBe(0);
        out.push(res.stdout);
      }
      return out;
    };
    const [idle] = await push();
    expect(idle).toContain("Nothing to tag");
    expect(s.github.store.pullRequests.map((p) => [p.number, p.state, p.labels])).toEqual([[1, "open", [PENDING]]]);

    const merge = squashMerge(s, 1);
    const pushes = s.r.remote.pushes().length;
    await push();
    expect(s.r.remote.pushes().slice(pushes)).toEqual([["refs/tags/api/v1.3.0"], ["refs/tags/vault/v0.4.1"]]);
    for (const tag of ["api/v1.3.0", "vault/v0.4.1"])
      expect(s.r.remote.git("rev-parse", `refs/tags/${tag}^{commit}`).trim()).toBe(merge);
    // pr ran after the tags: nothing left to release, no second pull request.
    expect(s.github.store.pullRequests.map((p) => [p.number, p.state, p.labels])).toEqual([[1, "closed", [TAGGED]]]);
    expect(s.github.store.list().map((x) => x.tag_name)).toEqual(["vault/v0.4.1", "api/v1.3.0"]);
  });
});
