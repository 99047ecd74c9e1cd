import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo, type CommitSpec, type TestRepo } from "../helpers/repo.js";

afterAll(cleanupTemp);

interface Plan {
  releases: { service: string | null; version: string; tag: string; notes: string; files: { path: string }[] }[];
  skipped: { service: string | null; reason: string }[];
}

/** Run init in a fresh repository, check it wrote a config and exited 0, and return what preview plans with it. */
function initThenPreview(
  r: TestRepo,
  args: string[] = [],
): { config: string; init: ReturnType<typeof relnotes>; plan: Plan } {
  const init = relnotes(r.dir, ["init", ...args]);
  expect(init.code, init.stderr).toBe(0);
  const config = readFileSync(join(r.dir, args.includes("--json") ? "cliff.config.json" : "cliff.config.ts"), "utf8");
  return { config, init, plan: json<Plan>(relnotes(r.dir, ["preview", "--json"])) };
}

const summary = (plan: Plan) =>
  plan.releases.map((x) => ({
    service: x.service,
    version: x.version,
    tag: x.tag,
    files: x.files.map((f) => f.path).sort(),
  }));
/** package-lock.json v3 for a root package and workspace members (path → [name, version]), with their node_modules links. */
function lock(root: [string, string], members: Record<string, [string, string]> = {}): string {
  const packages: Record<string, object> = {
    "": { name: root[0], version: root[1], ...(Object.keys(members).length ? { workspaces: ["packages/*"] } : {}) },
  };
  for (const [path, [name, version]] of Object.entries(members)) {
    packages[`node_modules/${name}`] = { resolved: path, link: true };
    packages[path] = { name, version };
  }
  return `${JSON.stringify({ name: root[0], version: root[1], lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

describe("relnotes init", () => {
  test("a single npm package: package.json and its lockfile, v-tags", () => {
    const r = repo({
      files: {
        "package.json": '{\n  "name": "widget",\n  "version": "1.2.0"\n}\n',
        "package-lock.json": lock(["widget", "1.2.0"]),
      },
      commits: [{ message: "chore: init", tags: ["v1.2.0"] }, { message: "feat: a knob" }],
    });
    const { config, init, plan } = initThenPreview(r, ["--json"]);
    expect(JSON.parse(config)).toEqual({
      $schema: "./node_modules/relnotes/dist/config.schema.json",
      package: { changelog: "CHANGELOG.md", manifests: ["package.json", "package-lock.json"] },
    });
    expect(summary(plan)).toEqual([
      { service: null, version: "1.3.0", tag: "v1.3.0", files: ["CHANGELOG.md", "package-lock.json", "package.json"] },
    ]);
    expect(init.stdout).toContain("package  1.2.0 → 1.3.0  (minor: 1 feat)");
    expect(init.stderr).toContain("wrote cliff.config.json: 1 release tag like v{version}");
  });

  test("an npm workspace: one service per package, the lockfile follows", () => {
    const r = repo({
      files: {
        "package.json": '{ "name": "root", "private": true, "workspaces": ["packages/*"] }\n',
        "packages/core/package.json": '{ "name": "@acme/core", "version": "1.0.0" }\n',
        "packages/cli/package.json":
          '{ "name": "@acme/cli", "version": "0.2.0", "dependencies": { "@acme/core": "^1.0.0" } }\n',
        "package-lock.json": lock(["root", "0.0.0"], {
          "packages/core": ["@acme/core", "1.0.0"],
          "packages/cli": ["@acme/cli", "0.2.0"],
        }),
      },
      commits: [
        { message: "chore: init", tags: ["core/v1.0.0", "cli/v0.2.0"] },
        { message: "fix(core): null input", files: { "packages/core/index.js": "x" } },
      ],
    });
    const { config, plan } = initThenPreview(r);
    expect(config).toContain('import { defineConfig } from "relnotes";');
    expect(config).toContain("// One service per workspace member;");
    expect(config).toMatch(
      /core: \{\n\s+paths: \["packages\/core\/"\],\n\s+changelog: "packages\/core\/CHANGELOG.md",\n\s+manifests: \["packages\/core\/package.json"\],/,
    );
    // cli depends on core, so it is released with it (dependents: "patch", the default).
    expect(summary(plan)).toEqual([
      {
        service: "core",
        version: "1.0.1",
        tag: "core/v1.0.1",
        files: [
          "package-lock.json",
          "packages/cli/package.json",
          "packages/core/CHANGELOG.md",
          "packages/core/package.json",
        ],
      },
      {
        service: "cli",
        version: "0.2.1",
        tag: "cli/v0.2.1",
        files: ["package-lock.json", "packages/cli/CHANGELOG.md", "packages/cli/package.json"],
      },
    ]);
    // The dependent's requirement follows the release.
    expect(relnotes(r.dir, ["preview", "--diff"]).stdout).toContain(
      '+{ "name": "@acme/cli", "version": "0.2.0", "dependencies": { "@acme/core": "^1.0.1" } }',
    );
  });

  test("a Cargo workspace tagged like release-plz ({service}-v{version})", () => {
    const crate = (name: string, version: string) =>
      `[package]\nname = "${name}"\nversion = "${version}"\nedition = "2021"\n`;
    const r = repo({
      files: {
        "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n',
        "crates/engine/Cargo.toml": crate("engine", "0.4.0"),
        "crates/tool/Cargo.toml": crate("tool", "0.1.0"),
        "Cargo.lock":
          'version = 4\n\n[[package]]\nname = "engine"\nversion = "0.4.0"\n\n[[package]]\nname = "tool"\nversion = "0.1.0"\n',
      },
      commits: [
        { message: "chore: init", tags: ["engine-v0.4.0", "tool-v0.1.0"] },
        { message: "feat(engine): faster", files: { "crates/engine/src/lib.rs": "x" } },
      ],
    });
    const { config, plan } = initThenPreview(r);
    expect(config).toContain('tag: {\n    format: "{service}-v{version}",\n  },');
    expect(summary(plan)).toEqual([
      {
        service: "engine",
        version: "0.5.0",
        tag: "engine-v0.5.0",
        files: ["Cargo.lock", "crates/engine/CHANGELOG.md", "crates/engine/Cargo.toml"],
      },
    ]);
  });

  test("a monorepo tagged per service like seed 000 (<service>/vX.Y.Z), services found by directory name", () => {
    const r = repo({
      files: {
        "svc/api/main.go": "a",
        "svc/vault/main.go": "v",
        "cmd/cli/package.json": '{ "name": "acme-cli", "version": "0.3.0" }\n',
        "web/index.html": "w",
      },
      commits: [
        { message: "chore: init", tags: ["api/v1.2.0", "vault/v0.4.2", "cli/v0.3.0"] },
        { message: "feat(api): key rotation (#41)", files: { "svc/api/keys.go": "k" } },
        { message: "fix(cli): flags", files: { "cmd/cli/main.js": "c" } },
      ],
    });
    gitIn(r.dir, ["remote", "add", "origin", "git@github.com:acme/mono.git"]);
    const { config, init, plan } = initThenPreview(r);
    expect(config).toContain("// - releases go to github.com/acme/mono (from the origin remote)");
    expect(config).toContain('paths: ["svc/vault/"]');
    expect(summary(plan)).toEqual([
      { service: "api", version: "1.3.0", tag: "api/v1.3.0", files: ["svc/api/CHANGELOG.md"] },
      { service: "cli", version: "0.3.1", tag: "cli/v0.3.1", files: ["cmd/cli/CHANGELOG.md", "cmd/cli/package.json"] },
    ]);
    expect(init.stdout).toContain("vault: nothing to release since vault/v0.4.2");
    expect(relnotes(r.dir, ["init"]).stderr).toContain("error: cliff.config.ts already exists");
  });

  test("--from cliff.toml carries over the tag pattern and sections, and lists what it cannot", () => {
    const cliff = `[changelog]
header = """
# Changelog\\n
"""
body = """{% for group, commits in commits | group_by(attribute="group") %}### {{ group }}{% endfor %}"""
trim = true

[git]
conventional_commits = true
filter_unconventional = true
commit_parsers = [
  { message = "^feat", group = "<!-- 0 -->🚀 Features" },
  { message = "^fix", group = "<!-- 1 -->🐛 Bug Fixes" },
  { message = "^doc", group = "<!-- 3 -->📚 Documentation" },
  { message = "^chore\\\\(release\\\\)", skip = true },
  { message = "^style", skip = true },
  { body = ".*security", group = "Security" },
]
tag_pattern = "v[0-9].*"
sort_commits = "oldest"
`;
    const commits: CommitSpec[] = [
      { message: "chore: init", tags: ["v0.9.0"] },
      { message: "docs: usage" },
      { message: "feat: export csv" },
      { message: "style: fmt" },
    ];
    const r = repo({ files: { "cliff.toml": cliff }, commits });
    const hinted = relnotes(r.dir, ["init"]);
    expect(hinted.stderr).toContain(
      "hint: cliff.toml is here too; relnotes init --from cliff.toml --force carries over its settings",
    );
    const { config, init, plan } = initThenPreview(r, ["--from", "cliff.toml", "--force"]);
    expect(config).toMatch(/docs: \{\n\s+section: "Documentation",\n\s+\}/);
    expect(config).toMatch(/style: \{\n\s+section: false,/);
    expect(config).toContain("// - changelog.body — Tera templates do not carry over");
    expect(init.stderr).toContain('not carried over: git.commit_parsers: {"body":".*security","group":"Security"}');
    expect(init.stderr).toContain("not carried over: git.sort_commits — no relnotes equivalent");
    expect(summary(plan)).toEqual([{ service: null, version: "0.10.0", tag: "v0.10.0", files: ["CHANGELOG.md"] }]);
    expect(plan.releases[0]!.notes).toMatch(/## Features\n\n- export csv[^\n]*\n\n## Documentation\n\n- usage/);
  });

  test("--from cog.toml: packages become services with cog's tag shape, commit types and hooks carry over", () => {
    const cog = `tag_prefix = "v"
branch_whitelist = ["main"]
pre_bump_hooks = ["echo releasing {{version}}"]
post_bump_hooks = ["git push", "git push origin --tags"]

[commit_types]
hotfix = { changelog_title = "Hotfixes", bump_patch = true }

[packages]
api = { path = "services/api" }
web = { path = "apps/web", changelog_path = "apps/web/CHANGES.md" }
`;
    const r = repo({
      files: { "cog.toml": cog, "services/api/go.mod": "module api\n", "apps/web/index.ts": "w" },
      commits: [
        { message: "chore: init", tags: ["api-v1.0.0", "web-v2.1.0"] },
        { message: "hotfix(api): stop the leak", files: { "services/api/leak.go": "x" } },
      ],
    });
    const { config, init, plan } = initThenPreview(r, ["--from", "cog.toml"]);
    expect(config).toContain('format: "{service}-v{version}"');
    expect(config).toContain('beforeCommit: ["echo releasing $RELNOTES_VERSION"]');
    expect(config).toContain('changelog: "apps/web/CHANGES.md"');
    expect(init.stderr).toContain("not carried over: post_bump_hooks — relnotes pushes the commit and each tag itself");
    expect(summary(plan)).toEqual([
      { service: "api", version: "1.0.1", tag: "api-v1.0.1", files: ["services/api/CHANGELOG.md"] },
    ]);
    expect(plan.releases[0]!.notes).toContain("## Hotfixes\n\n- **api:** stop the leak");
  });

  test("--from cog.toml, one version for a Cargo workspace: a member with its own version is left out and said so; cog's changelog links carry over", () => {
    const crate = (name: string, version: string) =>
      `[package]\nname = "${name}"\nversion = "${version}"\nedition = "2021"\n`;
    const cog = `branch_whitelist = ["main"]

[changelog]
path = "CHANGELOG.md"
remote = "github.com"
owner = "acme"
repository = "widget"
`;
    const r = repo({
      files: {
        "cog.toml": cog,
        "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n',
        "crates/widget/Cargo.toml": crate("widget", "1.4.0"),
        "crates/resolver/Cargo.toml": crate("resolver", "0.1.0"),
      },
      commits: [
        { message: "chore: init", tags: ["1.3.0", "1.4.0"] },
        { message: "fix: trim names (#12)", files: { "crates/widget/src/lib.rs": "x" } },
      ],
    });
    const { config, init, plan } = initThenPreview(r, ["--from", "cog.toml"]);
    expect(config).toContain(
      "// Not listed: crates/resolver/Cargo.toml declares 0.1.0, not the package's 1.4.0; give it a service of its own",
    );
    expect(config).toContain('url: "https://github.com/acme/widget"');
    expect(init.stderr).toContain("notes link to https://github.com/acme/widget (from cog.toml)");
    expect(init.stderr).not.toContain("changelog.owner");
    expect(summary(plan)).toEqual([
      { service: null, version: "1.4.1", tag: "1.4.1", files: ["CHANGELOG.md", "crates/widget/Cargo.toml"] },
    ]);
    expect(plan.releases[0]!.notes).toContain("([#12](https://github.com/acme/widget/pull/12))");
  });

  test("an origin remote with no web address is named as such, without its credentials", () => {
    const r = repo({ commits: [{ message: "chore: init", tags: ["v1.0.0"] }, { message: "fix: a" }] });
    r.git("remote", "add", "origin", "ssh://deploy:s3cret-token@[::1]:2222");
    const init = relnotes(r.dir, ["init"]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain("the origin remote (ssh://[::1]:2222) has no web address");
    expect(init.stderr).not.toContain("s3cret-token");
  });
});

test("without a relnotes config, a cliff.toml or cog.toml is pointed out", () => {
  const r = repo({
    files: { "cog.toml": 'tag_prefix = "v"\n' },
    commits: [{ message: "chore: init", tags: ["v1.0.0"] }, { message: "fix: a" }],
  });
  const out = relnotes(r.dir, ["preview"]);
  expect(out.code).toBe(0);
  expect(out.stderr).toContain(
    "warning: no relnotes config, but cog.toml is here: relnotes init --from cog.toml writes one from its settings",
  );
});
