import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN } from "../helpers/github/fixture.js";
import { relnotesAsync } from "../helpers/github/run-cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp, gitIn, repo, tempDir } from "../helpers/repo.js";
import type { CliResult } from "../helpers/cli.js";

const CONFIG = {
  services: { api: { paths: ["svc/api/"], changelog: "svc/api/CHANGELOG.md" }, web: { paths: ["svc/web/"] } },
  github: { owner: "acme", repo: "platform" },
};
const FETCH_ADVICE = "git fetch --unshallow --tags (in GitHub Actions: actions/checkout with fetch-depth: 0)";

/** Every command that reads history, as CI or a person would run it in a fresh clone. */
const COMMANDS: string[][] = [
  ["preview", "--json"],
  ["preview", "api", "--json"],
  ["preview", "api", "--rc", "--json"],
  ["preview", "web", "--json"],
  ["changelog", "api"],
  ["changelog", "api", "--unreleased"],
  ["changelog", "api", "-o", "svc/api/CHANGELOG.md"],
  ["release", "api/v1.3.0-rc.1"],
  ["release", "web/v0.2.0"],
  ["release", "api/v1.2.0"],
  ["verify-tag", "api/v1.3.0-rc.1", "--json"],
  ["verify-tag", "web/v0.2.0", "--json"],
  ["tags", "api/v1.3.0-rc.1"],
  ["check"],
  ["version"],
  ["version", "api"],
  ["version", "api", "--pre"],
  ["version", "web"],
  ["bump", "api", "--yes"],
];

/** What a clone looks like from outside: work tree files, branches, and what the remote holds (bump fetches tags first: that is allowed). */
function snapshot(dir: string, remote: string): string {
  return [
    gitIn(dir, ["status", "--porcelain", "--ignored"]),
    gitIn(dir, ["show-ref", "--heads"]),
    gitIn(remote, ["show-ref"]),
    readdirSync(dir).join(","),
  ].join("\n--\n");
}

describe("shallow clones: every command that reads history answers correctly or stops with the fetch advice", () => {
  let remote: string;
  let github: FakeGitHub;
  const full = new Map<string, CliResult>();

  beforeAll(async () => {
    const r = repo({
      files: {
        "cliff.config.json": `${JSON.stringify(CONFIG, null, 2)}\n`,
        "svc/api/CHANGELOG.md": "# Changelog\n",
        "svc/web/x": "x\n",
      },
      commits: [
        { message: "feat(api): first endpoint", files: { "svc/api/a": "1\n" }, annotated: ["api/v1.0.0"] },
        { message: "feat(web): first page", files: { "svc/web/a": "1\n" }, annotated: ["web/v0.1.0"] },
        { message: "fix(api): empty body", files: { "svc/api/a": "2\n" }, annotated: ["api/v1.2.0"] },
        { message: "feat(api): search", files: { "svc/api/b": "1\n" } },
        { message: "feat(web): second page", files: { "svc/web/b": "1\n" } },
        {
          message: "fix(api): search paging",
          files: { "svc/api/b": "2\n" },
          annotated: ["api/v1.3.0-rc.1", "web/v0.2.0"],
        },
        { message: "fix(api): search limits", files: { "svc/api/b": "3\n" } },
      ],
    });
    remote = `${tempDir("rn-shallow-remote-")}/origin.git`;
    gitIn(r.dir, ["clone", "-q", "--bare", r.dir, remote]);
    github = await startFakeGitHub({ token: TOKEN, owner: "acme", repo: "platform" });
    const complete = clone([]);
    for (const args of COMMANDS)
      if (args[0] !== "bump" && !args.includes("-o")) full.set(args.join(" "), await run(complete, args));
  }, 120_000);
  afterAll(async () => {
    await github.close();
    cleanupTemp();
  });

  function clone(depth: string[]): string {
    const dir = tempDir("rn-shallow-");
    gitIn(dir, ["clone", "-q", ...depth, `file://${remote}`, "."]);
    return dir;
  }
  const run = (dir: string, args: string[]) =>
    relnotesAsync(dir, args, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "5" });

  it("the complete clone answers every command (the reference)", () => {
    for (const [command, res] of full)
      expect({ command, code: res.code, stderr: res.code === 0 ? "" : res.stderr }).toMatchObject({
        command,
        code: command === "check" ? res.code : 0,
      });
    github.requests.splice(0);
  });

  for (const depth of ["1", "3"]) {
    it(`--depth ${depth}`, async () => {
      const dir = clone(["--depth", depth]);
      const stopped: string[] = [];
      for (const args of COMMANDS) {
        const command = args.join(" ");
        const before = snapshot(dir, remote);
        const requests = github.requests.length;
        const res = await run(dir, args);
        expect({ command, files: snapshot(dir, remote) }).toEqual({ command, files: before });
        expect({ command, githubCalls: github.requests.length - requests }).toEqual({ command, githubCalls: 0 });
        if (res.code === 0) {
          const reference = full.get(command)!;
          expect({ command, stdout: res.stdout }).toEqual({ command, stdout: reference.stdout });
        } else {
          expect({ command, code: res.code, advice: res.stderr.includes(FETCH_ADVICE) }, res.stderr).toEqual({
            command,
            code: 1,
            advice: true,
          });
          stopped.push(command);
        }
      }
      // The cases that used to answer wrongly all stop now.
      expect(stopped).toEqual(
        expect.arrayContaining([
          "preview api --json",
          "preview api --rc --json",
          "release api/v1.3.0-rc.1",
          "verify-tag api/v1.3.0-rc.1 --json",
          "version api",
          "changelog api -o svc/api/CHANGELOG.md",
          "bump api --yes",
        ]),
      );
      // With depth 3, web's latest release and the rc are inside the clone: what needs no more history is answered.
      if (depth === "1")
        expect(stopped).toEqual(expect.arrayContaining(["check", "version web", "preview web --json"]));
      else
        for (const answered of ["check", "version web", "version api --pre", "preview web --json"])
          expect(stopped).not.toContain(answered);
    });
  }
});
