import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { TOKEN } from "../helpers/github/fixture.js";
import { relnotesAsync } from "../helpers/github/run-cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/github/server.js";
import type { GraphRepo } from "../helpers/graph-repo.js";
import { cleanupTemp, gitIn, tempDir } from "../helpers/repo.js";
import { COMMITS, EXPECTED, scenarioRepo } from "./scenario.js";

interface ContextJson {
  unreleased: boolean;
  tag: string;
  previousTag: string | null;
  commits: { sha: string; subject: string; pr: number | null }[];
}

interface PlanJson {
  releases: {
    tag: string;
    previousTag: string | null;
    commits: { sha: string; type: string; subject: string; pr: number | null }[];
    notes: string;
  }[];
}

const SHOWN = new Set(["feat", "fix"]);
const typeOf = (id: string) =>
  /^(\w+)/.exec(COMMITS.find((c) => c.id === id)!.message.replace(/^Merge[^\n]*\n\n/, ""))![1]!;

/** The notes template prints `previousTag|sha:type:breaking:pr,…`: previous tag and commit ids. */
function readNotes(r: GraphRepo, notes: string): { previous: string | null; commits: string[] } {
  const [previous = "", list = ""] = notes.trim().split("|");
  const byId = new Map(COMMITS.map((c) => [r.shaOf(c.id), c.id]));
  return {
    previous: previous === "" ? null : previous,
    commits: list
      .split(",")
      .filter(Boolean)
      .map((e) => byId.get(e.split(":")[0]!) ?? e),
  };
}

describe("one release model: every command gives the same previous tag and commits for every release", () => {
  let r: GraphRepo;
  let github: FakeGitHub;
  beforeAll(async () => {
    r = scenarioRepo();
    github = await startFakeGitHub({ token: TOKEN, owner: "acme", repo: "platform" });
  });
  afterAll(async () => {
    await github.close();
    cleanupTemp();
  });
  const ids = (shas: readonly string[]) => shas.map((sha) => COMMITS.find((c) => r.shaOf(c.id) === sha)?.id ?? sha);

  it("changelog --context (the render context of every stable release)", () => {
    for (const service of ["api", "web"]) {
      const contexts = json<ContextJson[]>(relnotes(r.dir, ["changelog", service, "--context"]));
      const released = contexts.filter((c) => !c.unreleased);
      const expectedTags = Object.keys(EXPECTED).filter((t) => t.startsWith(`${service}/`) && !t.includes("-"));
      expect(released.map((c) => c.tag).sort()).toEqual(expectedTags.sort());
      for (const c of released) {
        const want = EXPECTED[c.tag]!;
        expect({ tag: c.tag, previous: c.previousTag, commits: ids(c.commits.map((x) => x.sha)) }).toEqual({
          tag: c.tag,
          previous: want.previous,
          commits: want.commits.filter((id) => SHOWN.has(typeOf(id))),
        });
      }
    }
  });

  it("release <tag> (notes sent to GitHub) and verify-tag <tag>", async () => {
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "5" };
    const tags = Object.keys(EXPECTED);
    const [released, verified] = await Promise.all([
      Promise.all(tags.map((tag) => relnotesAsync(r.dir, ["release", tag], env))),
      Promise.all(tags.map((tag) => relnotesAsync(r.dir, ["verify-tag", tag, "--json"]))),
    ]);
    tags.forEach((tag, i) => {
      const want = EXPECTED[tag]!;
      expect(released[i]!.code, released[i]!.stderr).toBe(0);
      const create = github.writes().find((w) => (w.body as { tag_name?: string }).tag_name === tag)!;
      expect({ tag, ...readNotes(r, (create.body as { body: string }).body) }).toEqual({ tag, ...want });
      if (tag === "api/v1.1.0") {
        // Its commit was rewritten away from main: CI refuses it, as it should.
        expect(verified[i]!.stderr).toContain("is not on origin/main");
        return;
      }
      expect({ tag, previous: json<{ previousTag: string | null }>(verified[i]!).previousTag }).toEqual({
        tag,
        previous: want.previous,
      });
    });
  });

  it("preview of each release from its commit (the plan and its render context)", () => {
    const clone = tempDir("rn-truth-");
    gitIn(clone, ["clone", "-q", "--no-local", r.dir, "."]);
    // Highest first: each release is planned as the next one, with itself and every higher tag of its service gone.
    const byVersion = Object.keys(EXPECTED).sort((a, b) =>
      a.split("/")[0]! === b.split("/")[0]! ? -compareTags(a, b) : a.localeCompare(b),
    );
    for (const tag of byVersion) {
      const [service, version] = tag.split("/v") as [string, string];
      const at = r.shaOf(
        COMMITS.find((c) => r.shaOf(c.id) === gitIn(clone, ["rev-parse", `${tag}^{commit}`]).trim())!.id,
      );
      gitIn(clone, ["tag", "-d", tag]);
      gitIn(clone, ["checkout", "-q", "--detach", at]);
      const plan = json<PlanJson>(relnotes(clone, ["preview", `${service}@v${version}`, "--json"]));
      const [release] = plan.releases;
      const want = EXPECTED[tag]!;
      expect({
        tag: release!.tag,
        previous: release!.previousTag,
        commits: ids(release!.commits.map((c) => c.sha)),
      }).toEqual({ tag, previous: want.previous, commits: want.commits });
      expect({ tag, ...readNotes(r, release!.notes) }).toEqual({ tag, ...want });
    }
  });

  it("the unreleased changes: same previous release and commits in preview and changelog, with merge and GitLab PR numbers", () => {
    const plan = json<PlanJson>(relnotes(r.dir, ["preview", "api", "--json"]));
    const release = plan.releases[0]!;
    expect(release.previousTag).toBe("api/v2.0.1");
    expect(release.commits.map((c) => ({ id: ids([c.sha])[0], pr: c.pr }))).toEqual([
      { id: "f3", pr: 131 },
      { id: "f2", pr: 131 },
      { id: "c11", pr: 7 },
    ]);
    const [unreleased] = json<ContextJson[]>(relnotes(r.dir, ["changelog", "api", "--context"]));
    expect(unreleased!.unreleased).toBe(true);
    expect(unreleased!.previousTag).toBe("api/v2.0.1");
    expect(ids(unreleased!.commits.map((c) => c.sha))).toEqual(["f3", "f2", "c11"]);
    expect(unreleased!.commits.map((c) => c.pr)).toEqual([131, 131, 7]);
  });

  it("reads a merged PR's number onto its commits and a wrapped header as one subject", () => {
    const contexts = json<ContextJson[]>(relnotes(r.dir, ["changelog", "api", "--context"]));
    const v120 = contexts.find((c) => c.tag === "api/v1.2.0")!;
    expect(v120.commits.map((c) => [ids([c.sha])[0], c.pr, c.subject])).toEqual([
      ["f1", 130, "paginate results"],
      ["c6", null, "keep the cursor when a page is cut short by the proxy"],
      ["c4", 12, "add search"],
    ]);
  });
});

function compareTags(a: string, b: string): number {
  const parse = (t: string) =>
    t
      .split("/v")[1]!
      .split(/[.-]/)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    if (p === undefined) return 1; // 2.0.0 > 2.0.0-rc.1
    if (q === undefined) return -1;
    if (p !== q) return typeof p === "number" && typeof q === "number" ? p - q : String(p).localeCompare(String(q));
  }
  return 0;
}
