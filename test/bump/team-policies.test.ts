import { afterAll, describe, expect, it } from "vitest";
import { json } from "../helpers/cli.js";
import { cleanupTemp } from "../helpers/repo.js";
import { releasedRepo, servicesConfig } from "./setup.js";

afterAll(cleanupTemp);

interface PlanJson {
  releases: {
    service: string | null;
    version: string;
    tag: string;
    bump: string;
    previousTag: string | null;
    reason: string;
    warnings: string[];
    github: { release: string | null; latest: boolean; why: string };
  }[];
}

/** api released as 1.0.0 then 1.0.1-rc.1 (on a fix); afterwards only a CI change outside svc/api/. */
function rcHistory(extra: object = {}) {
  return releasedRepo({
    files: { "cliff.config.json": servicesConfig(["api", "vault"], extra) },
    commits: [
      {
        message: "feat: initial",
        files: { "svc/api/main.go": "v1\n", "svc/vault/main.go": "v1\n" },
        annotated: ["api/v1.0.0", "vault/v0.4.0"],
      },
      { message: "fix(api): retry on 503 (#7)", files: { "svc/api/main.go": "v2\n" }, annotated: ["api/v1.0.1-rc.1"] },
      { message: "ci: cache the toolchain", files: { ".github/workflows/ci.yml": "on: push\n" } },
    ],
  });
}

describe("release candidates iterate", () => {
  it("--rc twice on an unchanged service: rc.2 then rc.3, each on the current commit, said in the plan", () => {
    const r = rcHistory();
    const head = r.work.git("rev-parse", "HEAD").trim();
    const plan = json<PlanJson>(r.run(["bump", "--rc", "api", "--dry-run", "--json", "--no-fetch"]));
    expect(plan.releases).toHaveLength(1);
    expect(plan.releases[0]).toMatchObject({
      version: "1.0.1-rc.2",
      previousTag: "api/v1.0.1-rc.1",
      bump: "prerelease",
      reason: `prerelease: no new commits to api since rc.1; tagging the current commit (${head.slice(0, 7)}) as rc.2`,
    });

    let res = r.run(["bump", "--rc", "api", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(
      `api  1.0.1-rc.1 → 1.0.1-rc.2  (prerelease: no new commits to api since rc.1; tagging the current commit (${head.slice(0, 7)}) as rc.2)`,
    );
    expect(r.remote.git("rev-parse", "refs/tags/api/v1.0.1-rc.2^{commit}").trim()).toBe(head);

    // Again, nothing new: the same commit is tagged rc.3.
    res = r.run(["bump", "--rc", "api", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("(prerelease: no new commits since rc.2; re-tagging the same commit as rc.3)");
    expect(r.remote.git("rev-parse", "refs/tags/api/v1.0.1-rc.3^{commit}").trim()).toBe(head);
    expect(r.remote.pushes()).toEqual([["refs/tags/api/v1.0.1-rc.2"], ["refs/tags/api/v1.0.1-rc.3"]]);
  });

  it("only on a named service whose latest release is a pre-release; otherwise nothing-to-release stays", () => {
    const r = rcHistory();
    const stable = r.run(["bump", "--rc", "vault", "--dry-run", "--no-fetch"]);
    expect(stable.code).toBe(0);
    expect(stable.stdout).toContain("vault: nothing to release since vault/v0.4.0");
    const all = r.run(["bump", "--rc", "--dry-run", "--no-fetch"]);
    expect(all.stdout).toContain("api: nothing to release since api/v1.0.1-rc.1");
    expect(all.stdout).not.toContain("rc.2");
  });

  it("a stable bump after the candidates gives the candidates' core", () => {
    const r = rcHistory();
    expect(r.run(["bump", "--rc", "api", "--yes"]).code).toBe(0);
    const plan = json<PlanJson>(r.run(["bump", "api", "--dry-run", "--json", "--no-fetch"]));
    expect(plan.releases[0]).toMatchObject({ version: "1.0.1", previousTag: "api/v1.0.0" });
  });
});

/** api at 1.2.0; since then a breaking feature and a fix. */
function breakingHistory(extra: object = {}) {
  return releasedRepo({
    files: { "cliff.config.json": servicesConfig(["api", "vault"], extra) },
    commits: [
      {
        message: "feat: initial",
        files: { "svc/api/main.go": "v1\n", "svc/vault/main.go": "v1\n" },
        annotated: ["api/v1.2.0", "vault/v0.4.0"],
      },
      { message: "feat(api)!: drop the v1 endpoints (#20)", files: { "svc/api/main.go": "v2\n" } },
      { message: "fix(api): typo (#21)", files: { "svc/api/keys.go": "x\n" } },
      { message: "feat(vault): seal (#22)", files: { "svc/vault/main.go": "v2\n" } },
    ],
  });
}

describe("--auto", () => {
  it("overrides bump.default: patch with the level the commits call for", () => {
    const r = breakingHistory({ bump: { default: "patch" } });
    const byDefault = json<PlanJson>(r.run(["preview", "api", "--json"]));
    expect(byDefault.releases[0]).toMatchObject({ version: "1.2.1", bump: "patch" });
    const auto = json<PlanJson>(r.run(["preview", "api", "--auto", "--json"]));
    expect(auto.releases[0]).toMatchObject({ version: "2.0.0", bump: "major", warnings: [] });
    const bump = json<PlanJson>(r.run(["bump", "--auto", "vault", "--dry-run", "--json", "--no-fetch"]));
    expect(bump.releases[0]).toMatchObject({ version: "0.5.0", bump: "minor" });
  });

  it.each([
    [
      ["--auto", "--bump", "minor", "api"],
      "--auto takes the level from the commits and cannot be combined with --bump",
    ],
    [
      ["--auto", "--version", "v2.0.0", "api"],
      "--auto takes the level from the commits and cannot be combined with --version",
    ],
    [["--auto", "api@v2.0.0"], "api@v2.0.0 pins an exact version and cannot be combined with --bump, --auto"],
  ])("%j is a usage error (exit 2)", (args, message) => {
    const r = breakingHistory();
    for (const verb of ["preview", "bump"]) {
      const res = r.run([verb, ...args]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(message);
    }
  });
});

describe("surprises are said in the plan", () => {
  it("--bump below what the commits call for warns, in text and JSON", () => {
    const r = breakingHistory();
    const res = r.run(["preview", "api", "--bump", "patch"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      "  warning: api: 1 breaking change released as a patch (--bump patch; the commits call for major)\n",
    );
    const plan = json<PlanJson>(r.run(["preview", "api", "--bump", "minor", "--json"]));
    expect(plan.releases[0]!.warnings).toEqual([
      "api: 1 breaking change released as a minor (--bump minor; the commits call for major)",
    ]);
    expect(json<PlanJson>(r.run(["preview", "api", "--bump", "major", "--json"])).releases[0]!.warnings).toEqual([]);
  });

  it("a fixed bump.default and an explicit version below the commits warn too; a feature under a patch default names its type", () => {
    const r = breakingHistory({ bump: { default: "patch" } });
    expect(json<PlanJson>(r.run(["preview", "api", "--json"])).releases[0]!.warnings).toEqual([
      'api: 1 breaking change released as a patch (bump.default is "patch"; --auto follows the commits; the commits call for major)',
    ]);
    expect(json<PlanJson>(r.run(["preview", "vault", "--json"])).releases[0]!.warnings).toEqual([
      'vault: 1 feat commit released as a patch (bump.default is "patch"; --auto follows the commits; the commits call for minor)',
    ]);
    expect(json<PlanJson>(r.run(["preview", "api@v1.3.0", "--json"])).releases[0]!.warnings).toEqual([
      "api: 1 breaking change released as a minor (version 1.3.0 given; the commits call for major)",
    ]);
  });

  it("whether the GitHub release is marked Latest, and why", () => {
    const none = breakingHistory({ github: { owner: "acme", repo: "widgets" } });
    const plan = json<PlanJson>(none.run(["preview", "api", "--json"]));
    expect(plan.releases[0]!.github).toEqual({
      release: "publish",
      latest: false,
      why: 'github.latest names no service, so no release of this monorepo becomes Latest; set github.latest: "api" to give it the badge',
      host: "GitHub",
    });
    const text = none.run(["preview", "api"]).stdout;
    expect(text).toContain(
      '  GitHub release: published, not Latest (github.latest names no service, so no release of this monorepo becomes Latest; set github.latest: "api" to give it the badge)\n',
    );

    const api = breakingHistory({ github: { owner: "acme", repo: "widgets", latest: "api" } });
    const both = json<PlanJson>(api.run(["preview", "--json"])).releases;
    expect(both.map((r) => [r.service, r.github])).toEqual([
      ["api", { release: "publish", latest: true, why: 'github.latest is "api"', host: "GitHub" }],
      ["vault", { release: "publish", latest: false, why: 'github.latest is "api", not vault', host: "GitHub" }],
    ]);
    expect(json<PlanJson>(api.run(["preview", "api", "--rc", "--json"])).releases[0]!.github).toEqual({
      release: "publish",
      latest: false,
      why: "a pre-release is never Latest",
      host: "GitHub",
    });

    const off = breakingHistory();
    expect(off.run(["preview", "api"]).stdout).toContain("  GitHub release: none (github.release is false)\n");
    const draft = breakingHistory({ github: { owner: "acme", repo: "widgets", latest: "api", release: "draft" } });
    expect(json<PlanJson>(draft.run(["preview", "api", "--json"])).releases[0]!.github).toEqual({
      release: "draft",
      latest: false,
      why: "a draft is not Latest; relnotes promote publishes it and marks it Latest",
      host: "GitHub",
    });
  });

  it("a hotfix below a newer stable release is not marked Latest, naming the newer one", () => {
    const r = releasedRepo({
      files: {
        "cliff.config.json": servicesConfig(["api"], {
          github: { owner: "acme", repo: "widgets", latest: "api" },
          branches: { stable: ["main", "hotfix/*"] },
        }),
      },
      commits: [
        { message: "feat: initial", files: { "svc/api/main.go": "v1\n" }, annotated: ["api/v1.2.0"] },
        { message: "feat(api): more", files: { "svc/api/main.go": "v2\n" }, annotated: ["api/v1.3.0"] },
      ],
    });
    r.work.git("checkout", "-q", "-b", "hotfix/1.2", "api/v1.2.0");
    const res = json<PlanJson>(r.run(["preview", "api", "--json", "--version", "v1.2.1"]));
    expect(res.releases[0]!.github).toEqual({
      release: "publish",
      latest: false,
      why: "1.3.0 is a higher stable release of api",
      host: "GitHub",
    });
  });
});

describe("release candidates of another core", () => {
  it("--bump major --rc with nothing new names the whole versions", () => {
    const r = rcHistory();
    const plan = json<PlanJson>(r.run(["preview", "api", "--bump", "major", "--rc", "--json"]));
    const head = r.work.git("rev-parse", "HEAD").trim().slice(0, 7);
    expect(plan.releases[0]).toMatchObject({
      version: "2.0.0-rc.1",
      reason: `prerelease: no new commits to api since 1.0.1-rc.1; tagging the current commit (${head}) as 2.0.0-rc.1`,
    });
  });
});
