import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { releasedRepo } from "../bump/setup.js";
import { lintWorkflow } from "../handoff/workflow-lint.js";
import { CLI } from "../helpers/cli.js";
import { parseGithubOutput } from "../helpers/github-output.js";
import { startFakeGitea, type FakeGitea } from "../helpers/loopback-gitea.js";
import { startFakeGitLab, type FakeGitLab } from "../helpers/loopback-gitlab.js";
import { BASE_EPOCH, cleanupTemp, tempDir, TEST_ENV } from "../helpers/repo.js";
import { spawnCollect } from "../helpers/spawn.js";
import { lintGitlabCi } from "./gitlab-ci-lint.js";

/**
 * docs/workflows/gitlab-ci.yml and forgejo-release.yml: they pass their CI's
 * rules, and their relnotes steps run as written against the loopback forge.
 */

const DIR = new URL("../../docs/workflows/", import.meta.url);
const read = (f: string) => readFileSync(new URL(f, DIR), "utf8");

let servers: (FakeGitLab | FakeGitea)[] = [];
afterEach(async () => {
  for (const s of servers) {
    expect(s.violations).toEqual([]);
    await s.close();
  }
  servers = [];
  cleanupTemp();
});

/**
 * Run script lines with bash, as a runner does, with `relnotes` on PATH and the CI's variables;
 * without blocking, since the loopback forge answers from this process.
 */
async function runScript(lines: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const bin = tempDir("rn-bin-");
  writeFileSync(join(bin, "relnotes"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, "relnotes"), 0o755);
  const res = await spawnCollect("bash", ["-eo", "pipefail", "-c", lines.join("\n")], {
    cwd,
    env: {
      ...process.env,
      ...TEST_ENV,
      PATH: `${bin}:${process.env.PATH}`,
      SOURCE_DATE_EPOCH: String(BASE_EPOCH),
      GITHUB_TOKEN: "",
      ...env,
    },
  });
  expect(res.code, res.stderr).toBe(0);
  return res.stdout;
}

/** The example's monorepo: api and vault, api/v1.2.0 released, a new feature tagged api/v1.3.0 and pushed. */
function tagged(repository: object) {
  const config = {
    services: {
      api: { paths: ["svc/api/"], image: "registry.gitlab.com/acme/widgets/api" },
      vault: { paths: ["svc/vault/"] },
    },
    repository,
  };
  return releasedRepo({
    files: { "cliff.config.json": `${JSON.stringify(config)}\n` },
    commits: [
      { message: "feat(api): first", files: { "svc/api/main.go": "v1\n" }, annotated: ["api/v1.2.0"] },
      { message: "feat(api): rotate keys (!12)", files: { "svc/api/main.go": "v2\n" }, annotated: ["api/v1.3.0"] },
    ],
  });
}

interface GitlabJob {
  script: string[];
  needs?: string[];
  variables?: Record<string, string>;
}

describe("docs/workflows/gitlab-ci.yml", () => {
  const base = read("gitlab-ci.yml");

  it("passes the GitLab CI rules", () => {
    expect(lintGitlabCi(base)).toEqual([]);
  });

  const cases: [string, (t: string) => string, string][] = [
    [
      "a misspelt dotenv variable",
      (t) => t.replace('"$RELEASE_TAG"', '"$RELEASE_TAGNAME"'),
      "$RELEASE_TAGNAME is not a variable verify-tag's dotenv report sets",
    ],
    [
      "a dotenv variable in a job that does not need verify",
      (t) => t.replace("needs: [verify, container-image]", "needs: [container-image]"),
      "$RELEASE_TAG comes from the dotenv report of verify, which this job does not need",
    ],
    ["needs naming a missing job", (t) => t.replace("needs: [verify]", "needs: [verfy]"), 'no job "verfy"'],
    [
      "a stage that is not declared",
      (t) => t.replace("stage: image\n", "stage: images\n"),
      'stage "images" is not in stages',
    ],
    [
      "a need in a later stage",
      (t) => t.replace("  stage: verify\n", "  stage: verify\n  needs: [release]\n"),
      '"release" runs in a later stage',
    ],
    [
      "a shallow clone where relnotes reads history",
      (t) =>
        t.replace(
          '  variables:\n    # Full history and every tag: the service\'s earlier tags decide which rolling aliases move.\n    GIT_DEPTH: "0"\n',
          "",
        ),
      'set GIT_DEPTH: "0"',
    ],
    [
      "a report file the artifacts do not name",
      (t) => t.replace("dotenv: release.env", "dotenv: build.env"),
      "writes the dotenv report release.env, which artifacts:reports:dotenv does not name",
    ],
    [
      "an unquoted relnotes argument",
      (t) => t.replace('relnotes release "$RELEASE_TAG"', "relnotes release $RELEASE_TAG"),
      'quote "$RELEASE_TAG" in the relnotes command',
    ],
    [
      "an undefined variable",
      (t) => t.replace("${RELNOTES_NPM_VERSION}", "${RELNOTES_VERSION}"),
      "$RELNOTES_VERSION is not defined",
    ],
    [
      "a duplicate key",
      (t) => t.replace("  stage: release\n", "  stage: release\n  stage: image\n"),
      "Map keys must be unique",
    ],
    [
      "a job without a script",
      (t) => t.replace(/release:\n {2}stage: release[\s\S]*$/, "release:\n  stage: release\n"),
      "a job needs a script",
    ],
    [
      "an unknown job key",
      (t) => t.replace("  stage: release\n", "  stage: release\n  depends: [verify]\n"),
      "unknown job key",
    ],
    [
      "an unterminated rule pattern",
      (t) => t.replace("\\d+\\.\\d+\\.\\d+/", "\\d+\\.\\d+\\.\\d+"),
      "unterminated regular expression",
    ],
  ];
  it.each(cases)("the rules catch %s", (_name, edit, message) => {
    const broken = edit(base);
    expect(broken).not.toBe(base);
    expect(
      lintGitlabCi(broken)
        .map((i) => `${i.path}: ${i.message}`)
        .join("\n"),
    ).toContain(message);
  });

  it("runs as written: verify writes the report the later jobs read, release publishes with the job token", async () => {
    const gl = await startFakeGitLab({
      token: "unused-access-token-0123",
      jobToken: "glcbt-JOBtoken0123456789abcdef",
      path: "acme/widgets",
      webUrl: "https://gitlab.example.com",
    });
    servers.push(gl);
    const r = tagged({});
    r.work.git("checkout", "-q", "--detach", "api/v1.3.0");
    const pipeline = parse(base) as Record<string, GitlabJob> & { variables: Record<string, string> };
    // GitLab's predefined variables for this tag pipeline; the clone URL names the instance.
    const ci = {
      ...pipeline.variables,
      GITLAB_CI: "true",
      CI_SERVER_URL: "https://gitlab.example.com",
      CI_API_V4_URL: `${gl.url}/api/v4`,
      CI_COMMIT_TAG: "api/v1.3.0",
      CI_JOB_TOKEN: "glcbt-JOBtoken0123456789abcdef",
      RELNOTES_FORGE_RETRY_MS: "5",
    };
    const verify = pipeline.verify!.script.filter((l) => !l.startsWith("npm install"));
    await runScript(verify, r.work.dir, ci);
    const report = readFileSync(join(r.work.dir, "release.env"), "utf8");
    const dotenv = Object.fromEntries(
      report
        .trim()
        .split("\n")
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    for (const job of ["container-image", "release"]) {
      for (const line of pipeline[job]!.script)
        for (const m of line.matchAll(/\$\{?(RELEASE_\w+)/g)) expect(dotenv).toHaveProperty(m[1]!);
    }
    expect(dotenv.RELEASE_IMAGES).toBe(
      ["1.3.0", "1.3", "1", "latest", `sha-${dotenv.RELEASE_COMMIT!.slice(0, 7)}`]
        .map((t) => `registry.gitlab.com/acme/widgets/api:${t}`)
        .join(" "),
    );

    // The release job, in a clone whose origin is the GitLab project (as the runner clones it).
    r.work.git(
      "remote",
      "set-url",
      "origin",
      "https://gitlab-ci-token:glcbt-JOBtoken0123456789abcdef@gitlab.example.com/acme/widgets.git",
    );
    const release = pipeline.release!.script.filter((l) => !l.startsWith("npm install"));
    const out = await runScript(release, r.work.dir, { ...ci, ...dotenv });
    expect(out).toBe("created api v1.3.0: https://gitlab.example.com/acme/widgets/-/releases/api%2Fv1.3.0\n");
    expect(gl.store.releases.map((x) => [x.tag_name, x.name])).toEqual([["api/v1.3.0", "api v1.3.0"]]);
    expect(gl.store.releases[0]!.description).toContain(
      "https://gitlab.example.com/acme/widgets/-/compare/api/v1.2.0...api/v1.3.0",
    );
  });
});

interface ActionsStep {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}

describe("docs/workflows/forgejo-release.yml", () => {
  const text = read("forgejo-release.yml");

  it("passes the workflow rules (Forgejo Actions reads GitHub's workflow syntax)", () => {
    expect(lintWorkflow(text)).toEqual([]);
  });

  it("runs as written: verify sets the outputs release reads, release publishes with FORGEJO_TOKEN", async () => {
    const gt = await startFakeGitea({ token: "forgejo-token-0123456789abcdef", webUrl: "https://forge.example.org" });
    servers.push(gt);
    const r = tagged({});
    r.work.git("checkout", "-q", "--detach", "api/v1.3.0");
    const wf = parse(text) as { jobs: Record<string, { steps: ActionsStep[]; outputs?: Record<string, string> }> };
    // What a Forgejo runner sets: GITHUB_* pointing at the instance, and FORGEJO_ACTIONS.
    const runner = {
      FORGEJO_ACTIONS: "true",
      GITEA_ACTIONS: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_SERVER_URL: "https://forge.example.org",
      GITHUB_API_URL: `${gt.url}/api/v1`,
      GITHUB_REF_NAME: "api/v1.3.0",
      RELNOTES_FORGE_RETRY_MS: "5",
    };
    const output = join(tempDir("rn-out-"), "out");
    writeFileSync(output, "");
    const step = wf.jobs.verify!.steps.find((s) => s.id === "tag")!;
    await runScript([step.run!], r.work.dir, { ...runner, TAG: "api/v1.3.0", GITHUB_OUTPUT: output });
    const outputs = parseGithubOutput(readFileSync(output, "utf8"));
    for (const v of Object.values(wf.jobs.verify!.outputs!))
      expect(outputs).toHaveProperty(/steps\.tag\.outputs\.(\w+)/.exec(v)![1]!);

    r.work.git("remote", "set-url", "origin", "https://forge.example.org/acme/widgets.git");
    const release = wf.jobs.release!.steps.at(-1)!;
    expect(release.env).toMatchObject({ FORGEJO_TOKEN: "${{ secrets.FORGEJO_TOKEN }}" });
    const out = await runScript([release.run!], r.work.dir, {
      ...runner,
      FORGEJO_TOKEN: "forgejo-token-0123456789abcdef",
      TAG: outputs.tag!,
    });
    expect(out).toBe("created api v1.3.0: https://forge.example.org/acme/widgets/releases/tag/api/v1.3.0\n");
    expect(gt.store.releases.map((x) => [x.tag_name, x.draft, x.prerelease])).toEqual([["api/v1.3.0", false, false]]);
  });
});
