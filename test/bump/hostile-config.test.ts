import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp, gitIn, tempDir } from "../helpers/repo.js";
import { releasedRepo, servicesConfig, type Released } from "./setup.js";

const TOKEN = "ghp_hostileConfigToken0123456789abcdefAB";
const servers: FakeGitHub[] = [];
// afterAll, not afterEach: the cases run concurrently.
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  cleanupTemp();
});

/** Every file and link under `dir` (but `skip`) with a hash of its content or target: "untouched" means equal listings. */
function listing(dir: string, skip: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (path === skip) return [];
    if (e.isSymbolicLink()) return [`${prefix}${e.name} -> ${readlinkSync(path)}`];
    if (e.isDirectory()) return listing(path, skip, `${prefix}${e.name}/`);
    const hash = createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 12);
    return [`${prefix}${e.name} ${hash} ${statSync(path).mtimeMs}`];
  });
}

interface Setup {
  parent: string;
  outside: string;
  r: Released;
}

/**
 * A repository at <parent>/work, released before as api/v1.2.0, next to
 * <parent>/outside with files an attacker would like relnotes to overwrite
 * or read. `config` is api's service config (plus top-level extras);
 * `arrange` adds links and files to the first commit's work tree.
 */
function hostile(service: object, extra: object = {}, arrange?: (work: string, outside: string) => void): Setup {
  const parent = tempDir("rn-parent-");
  const outside = join(parent, "outside");
  mkdirSync(outside);
  writeFileSync(join(outside, "CHANGELOG.md"), "# theirs\n");
  writeFileSync(join(outside, "package.json"), '{ "name": "theirs", "version": "1.2.0" }\n');
  writeFileSync(join(outside, "notes.hbs"), "secret: {{version}}\n");
  const work = join(parent, "work");
  mkdirSync(work);
  const r = releasedRepo(
    {
      files: {
        "cliff.config.json": servicesConfig(
          ["api"],
          { github: { owner: "acme", repo: "widgets", release: "publish" }, ...extra },
          { api: service },
        ),
      },
      commits: [
        {
          message: "feat: initial",
          files: {
            "svc/api/main.go": "v1\n",
            "svc/api/VERSION.txt": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n",
            "svc/api/package.json":
              '{\n  "name": "api",\n  "version": "1.2.0",\n  "private": true,\n  "version": "9.9.9"\n}\n',
          },
          annotated: ["api/v1.2.0"],
        },
        { message: "feat(api): add key rotation (#41)", files: { "svc/api/main.go": "v2\n" } },
      ],
    },
    { dir: work },
  );
  if (arrange) {
    arrange(work, outside);
    gitIn(work, ["add", "-A"]);
    gitIn(work, ["commit", "-q", "-m", "chore: links"]);
    gitIn(work, ["push", "-q", "origin", "main"]);
  }
  return { parent, outside, r };
}

interface Case {
  name: string;
  setup(): Setup;
  /** The error names the key (or file) and why. */
  says: string | RegExp;
  args?: string[];
}

const CASES: Case[] = [
  {
    name: "a changelog path leading out with ..",
    setup: () => hostile({ changelog: "../outside/CHANGELOG.md" }),
    says: /services\.api\.changelog: "\.\.\/outside\/CHANGELOG\.md" leads out of the repository .*: every path in the config must stay inside the repository/,
  },
  {
    name: "an absolute changelog path",
    setup: () => hostile({ changelog: "/tmp/CHANGELOG.md" }),
    says: 'services.api.changelog: "/tmp/CHANGELOG.md" is an absolute path',
  },
  {
    name: "an absolute manifest path",
    setup: () => hostile({ manifests: ["/tmp/package.json"] }),
    says: 'services.api.manifests[0]: "/tmp/package.json" is an absolute path',
  },
  {
    name: "a manifest under a committed symlinked directory pointing outside",
    setup: () =>
      hostile({ manifests: ["vendor/package.json"] }, {}, (work) => symlinkSync("../outside", join(work, "vendor"))),
    says: /services\.api\.manifests\[0\]: "vendor\/package\.json" resolves through a symbolic link to .*outside\/package\.json, outside the repository/,
  },
  {
    name: "a symlinked manifest whose target is outside",
    setup: () =>
      hostile({ manifests: ["svc/api/linked.json"] }, {}, (work) =>
        symlinkSync("../../../outside/package.json", join(work, "svc/api/linked.json")),
      ),
    says: /services\.api\.manifests\[0\]: "svc\/api\/linked\.json" resolves through a symbolic link to .*outside\/package\.json/,
  },
  {
    name: "a dangling symlinked changelog",
    setup: () =>
      hostile({ changelog: "svc/api/CHANGELOG.md" }, {}, (work) =>
        symlinkSync("../../../outside/nothing-yet.md", join(work, "svc/api/CHANGELOG.md")),
      ),
    says: 'services.api.changelog: "svc/api/CHANGELOG.md": svc/api/CHANGELOG.md is a symbolic link to a path that does not exist',
  },
  {
    name: "a notes template outside",
    setup: () => hostile({}, { templates: { notes: "../outside/notes.hbs" } }),
    says: 'templates.notes: "../outside/notes.hbs" leads out of the repository',
  },
  {
    name: "an absolute changelog template",
    setup: () => hostile({}, { templates: { changelog: "/etc/hostname" } }),
    says: 'templates.changelog: "/etc/hostname" is an absolute path',
  },
  {
    name: "a partial outside",
    setup: () => hostile({}, { templates: { partials: { footer: "../outside/notes.hbs" } } }),
    says: 'templates.partials.footer: "../outside/notes.hbs" leads out of the repository',
  },
  {
    name: "a manifest pattern that backtracks forever",
    setup: () =>
      hostile({ manifests: [{ path: "svc/api/VERSION.txt", pattern: "^(a+)+(?<version>\\d+\\.\\d+\\.\\d+)$" }] }),
    says: /svc\/api\/VERSION\.txt.*the pattern \/\^\(a\+\)\+\(\?<version>\\d\+\\\.\\d\+\\\.\\d\+\)\$\/ took longer than 1000 ms on this file and was stopped/,
  },
  {
    name: "duplicate version keys in package.json",
    setup: () => hostile({ manifests: ["svc/api/package.json"] }),
    says: /svc\/api\/package\.json:5:\d+.*duplicate key "version" on lines 3 and 5: JSON readers such as npm use the last one/,
  },
  {
    name: "a tag whose version is too large to compare",
    setup: () => {
      const s = hostile({});
      s.r.work.git("tag", "-a", "-m", "typo", "api/v99999999999999999999.0.0", "HEAD~1");
      return s;
    },
    says: "tag api/v99999999999999999999.0.0: version number 99999999999999999999 is too large to compare",
  },
];

describe.concurrent("hostile or broken configuration: an error before any file, commit, tag or request, and nothing written outside the work tree", () => {
  for (const c of CASES) {
    it(c.name, async ({ expect }) => {
      const github = await startFakeGitHub({ token: TOKEN });
      servers.push(github);
      const { parent, r } = c.setup();
      const work = r.work.dir;
      const around = listing(parent, work);
      const before = r.snapshot();
      const pushes = r.remote.pushes().length;
      for (const args of [
        ["bump", "api", "--dry-run"],
        ["bump", "api", "--yes", ...(c.args ?? [])],
      ]) {
        const res = await r.runAsync(args, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url });
        expect(res.code, res.stderr).toBe(1);
        if (typeof c.says === "string") expect(res.stderr).toContain(c.says);
        else expect(res.stderr).toMatch(c.says);
      }
      expect(listing(parent, work)).toEqual(around);
      expect(r.snapshot()).toBe(before);
      expect(r.remote.pushes().length).toBe(pushes);
      expect(github.requests).toEqual([]);
      expect(existsSync(join(work, ".git", "relnotes", "release.json"))).toBe(false);
    });
  }
});

describe("symbolic links inside the work tree", () => {
  it("a symlinked manifest whose target is inside is edited through: the link stays a link, the target is committed", async () => {
    const { r } = hostile(
      { manifests: ["svc/api/package.json"] },
      { github: { owner: "acme", repo: "widgets", release: false } },
      (work) => {
        mkdirSync(join(work, "packages/api"), { recursive: true });
        writeFileSync(join(work, "packages/api/package.json"), '{\n  "name": "api",\n  "version": "1.2.0"\n}\n');
        gitIn(work, ["rm", "-q", "svc/api/package.json"]);
        symlinkSync("../../packages/api/package.json", join(work, "svc/api/package.json"));
      },
    );
    const res = await r.runAsync(["bump", "api", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    const link = join(r.work.dir, "svc/api/package.json");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("../../packages/api/package.json");
    expect(readFileSync(join(r.work.dir, "packages/api/package.json"), "utf8")).toBe(
      '{\n  "name": "api",\n  "version": "1.3.0"\n}\n',
    );
    expect(r.work.git("show", "--name-only", "--format=%s", "HEAD")).toBe(
      "chore(release): api v1.3.0\n\npackages/api/package.json\n",
    );
    expect(r.work.git("status", "--porcelain", "--untracked-files=all")).toBe("");
  });
});
