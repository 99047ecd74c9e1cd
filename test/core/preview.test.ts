import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, tempDir } from "../helpers/repo.js";

afterAll(cleanupTemp);

interface PlanJson {
  releases: {
    service: string | null;
    previousTag: string | null;
    previousVersion: string | null;
    bump: string;
    version: string;
    tag: string;
    prerelease: boolean;
    commits: {
      sha: string;
      type: string;
      scope: string | null;
      subject: string;
      breaking: boolean;
      pr: number | null;
    }[];
    notes: string;
    files: unknown[];
  }[];
}

const monorepoConfig = JSON.stringify({
  services: {
    api: { paths: ["svc/api/", "pkg/"] },
    vault: { paths: ["svc/vault/", "pkg/"] },
    cli: { paths: ["cmd/cli/"] },
  },
});

function monorepo() {
  return repo({
    files: { "cliff.config.json": monorepoConfig },
    commits: [
      { message: "chore: init", files: { "README.md": "x" }, annotated: ["api/v1.2.0", "vault/v0.4.2"] },
      { message: "feat(keys): add rotation (#12)", files: { "svc/api/keys.go": "1" } },
      { message: "fix: shared retry helper (#13)", files: { "pkg/retry.go": "1" } },
      { message: "feat(vault): sealed storage", files: { "svc/vault/seal.go": "1" } },
      { message: "docs: unrelated", files: { "docs/x.md": "1" } },
    ],
  });
}

describe("relnotes preview on a monorepo", () => {
  const r = monorepo();

  test("a shared path counts for every service that lists it; another service's commit does not", () => {
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "--json"]));
    const api = plan.releases.find((x) => x.service === "api")!;
    const vault = plan.releases.find((x) => x.service === "vault")!;
    expect(api.commits.map((c) => c.subject)).toEqual(["shared retry helper", "add rotation"]);
    expect(vault.commits.map((c) => c.subject)).toEqual(["sealed storage", "shared retry helper"]);
    expect(api).toMatchObject({
      previousTag: "api/v1.2.0",
      previousVersion: "1.2.0",
      bump: "minor",
      version: "1.3.0",
      tag: "api/v1.3.0",
      prerelease: false,
    });
    expect(api.commits[0]).toEqual({
      sha: r.sha(2),
      type: "fix",
      scope: null,
      subject: "shared retry helper",
      breaking: false,
      pr: 13,
    });
    expect(vault.version).toBe("0.5.0");
    // cli has never been tagged: absent from releases, reported with the exact command.
    expect(plan.releases.map((x) => x.service)).toEqual(["api", "vault"]);
  });

  test("people's view: headline with the reason, commits with PR numbers, notes; first-release hint", () => {
    const out = relnotes(r.dir, ["preview"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("api    1.2.0 → 1.3.0  (minor: 1 feat, 1 fix)");
    expect(out.stdout).toMatch(new RegExp(`${r.sha(1).slice(0, 7)} #12 +feat\\(keys\\): add rotation`));
    expect(out.stdout).toContain("- **keys:** add rotation (#12)");
    expect(out.stdout).toContain("cli has no release yet");
    expect(out.stdout).toContain("relnotes bump cli@v0.1.0");
  });

  test("naming a never-tagged service without a version is an error with the command to type", () => {
    const out = relnotes(r.dir, ["preview", "cli"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("relnotes bump cli@v0.1.0");
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "cli@v0.1.0", "--json"])).releases[0]).toMatchObject({
      tag: "cli/v0.1.0",
      bump: "explicit",
      previousTag: null,
    });
  });

  test("--version applies to every named service; --rc numbers pre-releases", () => {
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "api", "vault", "--version", "v2.0.0", "--json"]));
    expect(plan.releases.map((x) => x.tag)).toEqual(["api/v2.0.0", "vault/v2.0.0"]);
    const rc = json<PlanJson>(relnotes(r.dir, ["preview", "api", "--rc", "--json"]));
    expect(rc.releases[0]).toMatchObject({ version: "1.3.0-rc.1", prerelease: true, bump: "prerelease" });
  });

  test("conflicting flags are a usage error (exit 2)", () => {
    for (const args of [
      ["--version", "v2.0.0", "--bump", "minor"],
      ["--version", "v2.0.0", "--rc"],
      ["api@v1.0.0", "--pre", "beta"],
      ["--bump", "huge"],
    ]) {
      const out = relnotes(r.dir, ["preview", ...args]);
      expect(out.code, args.join(" ")).toBe(2);
      expect(out.stderr).toMatch(/error: /);
    }
  });

  test("unknown service lists the known ones", () => {
    const out = relnotes(r.dir, ["preview", "nope"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('unknown service "nope"');
    expect(out.stderr).toContain("known services: api, vault, cli");
  });

  test("version prints the current version of each service", () => {
    expect(relnotes(r.dir, ["version", "api"]).stdout).toBe("1.2.0\n");
    expect(relnotes(r.dir, ["version"]).stdout).toBe("api    1.2.0\nvault  0.4.2\ncli    (none)\n");
  });
});

describe("version rules in real repositories", () => {
  test("fix! on 0.4.2 gives 0.5.0 and on 1.4.2 gives 2.0.0", () => {
    for (const [from, to] of [
      ["0.4.2", "0.5.0"],
      ["1.4.2", "2.0.0"],
    ] as const) {
      const r = repo({
        commits: [{ message: "feat: base", annotated: [`v${from}`] }, { message: "fix!: drop the old flag" }],
      });
      expect(json<PlanJson>(relnotes(r.dir, ["preview", "--json"])).releases[0]).toMatchObject({
        version: to,
        service: null,
      });
    }
  });

  test("--rc twice, then a stable bump, against real tags", () => {
    const r = repo({
      commits: [
        { message: "feat: base", annotated: ["v1.2.0"] },
        { message: "feat: new", annotated: ["v1.3.0-rc.1"] },
        { message: "fix: polish" },
      ],
    });
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "--rc", "--json"])).releases[0]).toMatchObject({
      version: "1.3.0-rc.2",
      previousTag: "v1.3.0-rc.1",
    });
    const stable = json<PlanJson>(relnotes(r.dir, ["preview", "--json"])).releases[0]!;
    expect(stable).toMatchObject({ version: "1.3.0", previousTag: "v1.2.0", bump: "minor" });
    expect(stable.commits.map((c) => c.subject)).toEqual(["polish", "new"]);
  });

  test("Release-As forces the version", () => {
    const r = repo({
      commits: [
        { message: "feat: base", annotated: ["v1.2.0"] },
        { message: "chore: prepare 3.0\n\nRelease-As: 3.0.0" },
      ],
    });
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "--json"])).releases[0]).toMatchObject({
      version: "3.0.0",
      bump: "explicit",
    });
  });

  test("a non-SemVer tag in the namespace is ignored with a warning", () => {
    const r = repo({
      commits: [{ message: "feat: base", annotated: ["v1.2.0", "v1.3"], tags: ["vlatest"] }, { message: "fix: x" }],
    });
    const out = relnotes(r.dir, ["preview"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("1.2.0 → 1.2.1");
    expect(out.stderr).toMatch(
      /ignored 2 tags that are not SemVer 2\.0\.0: v1\.3, vlatest|ignored 2 tags that are not SemVer 2\.0\.0: vlatest, v1\.3/,
    );
  });

  test("the highest tag not reachable from HEAD is not the base (hotfix branch)", () => {
    const r = repo({
      commits: [
        { message: "feat: base", annotated: ["v1.2.4"] },
        { message: "feat: main work", annotated: ["v1.3.0"] },
      ],
    });
    gitIn(r.dir, ["checkout", "-q", "-b", "hotfix/1.2", "v1.2.4"]);
    writeFileSync(join(r.dir, "fix.txt"), "x");
    gitIn(r.dir, ["add", "."]);
    gitIn(r.dir, ["commit", "-qm", "fix: urgent"]);
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "--json"])).releases[0]).toMatchObject({
      version: "1.2.5",
      previousTag: "v1.2.4",
    });
  });

  test("a shallow clone whose history stops before the last tag is an error telling to fetch full history", () => {
    const commits = [
      { message: "feat: base", annotated: ["v1.0.0"] },
      ...Array.from({ length: 5 }, (_, i) => ({ message: `fix: ${i}` })),
    ];
    const origin = repo({ commits });
    const clone = tempDir();
    gitIn(clone, ["clone", "-q", "--depth", "2", "--no-tags", `file://${origin.dir}`, "."]);
    const out = relnotes(clone, ["preview"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("shallow clone");
    expect(out.stderr).toContain("git fetch --unshallow --tags");
    expect(out.stderr).toContain("fetch-depth: 0");
  });

  test("works on a detached HEAD (CI checks tags out detached)", () => {
    const r = repo({ commits: [{ message: "feat: base", annotated: ["v1.0.0"] }, { message: "feat: more" }] });
    gitIn(r.dir, ["checkout", "-q", "--detach", "HEAD"]);
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "--json"])).releases[0]!.version).toBe("1.1.0");
  });

  test("nothing to release is not an error", () => {
    const r = repo({ commits: [{ message: "feat: base", annotated: ["v1.0.0"] }, { message: "docs: typo" }] });
    const out = relnotes(r.dir, ["preview"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("nothing to release since v1.0.0");
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "--json"])).releases).toEqual([]);
  });

  test("unconventional commits are skipped with a counted warning, or fail when configured", () => {
    const commits = [
      { message: "feat: base", annotated: ["v1.0.0"] },
      { message: "feat: real" },
      { message: "wip" },
      { message: "more wip" },
    ];
    const r = repo({ commits });
    expect(relnotes(r.dir, ["preview"]).stderr).toContain("skipped 2 commits that are not Conventional Commits");
    const strict = repo({
      commits,
      files: { "cliff.config.json": JSON.stringify({ commits: { unconventional: "fail" } }) },
    });
    const out = relnotes(strict.dir, ["preview"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`commit ${strict.sha(3).slice(0, 12)} is not a Conventional Commit: "more wip"`);
  });
});

describe("config and environment errors", () => {
  test("an invalid config key or value names it", () => {
    const bad = repo({
      commits: [{ message: "feat: x" }],
      files: { "cliff.config.json": JSON.stringify({ bump: { zeroMajor: "sometimes" }, tag: { formt: "x" } }) },
    });
    const out = relnotes(bad.dir, ["preview"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/cliff\.config\.json: tag\.formt: unknown key; known keys here: format, sign, message/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  test("cliff.config.ts may import defineConfig from relnotes", () => {
    const r = repo({
      commits: [
        { message: "feat: base", files: { "svc/api/a": "1" }, annotated: ["api/v0.1.0"] },
        { message: "fix: y", files: { "svc/api/b": "1" } },
      ],
      files: {
        "cliff.config.ts":
          'import { defineConfig } from "relnotes";\nconst paths: string[] = ["svc/api/"];\nexport default defineConfig({ services: { api: { paths } } });\n',
      },
    });
    expect(json<PlanJson>(relnotes(r.dir, ["preview", "--json"])).releases[0]).toMatchObject({ tag: "api/v0.1.1" });
  });

  test("outside a git repository: a clear message, exit 1", () => {
    const out = relnotes(tempDir(), ["preview"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("is not inside a git repository");
  });
});
