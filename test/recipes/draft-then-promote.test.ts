import { afterAll, describe, expect, it } from "vitest";
import { TOKEN } from "../helpers/github/fixture.js";
import { startFakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp } from "../helpers/repo.js";
import { releasedRepo } from "../bump/setup.js";
import { ciCheckout, recipeRepoFiles, relnotesIn, runStep, stepScript, workflow } from "./harness.js";

afterAll(cleanupTemp);

const RECIPE = "draft-then-promote";
const GITHUB_URL = "https://github.com/acme/relay.git";

const CHANGELOG =
  "# Changelog\n\n## [Unreleased]\n\n## [0.3.0] - 2025-11-20\n\n### Features\n\n- fan-out to webhooks\n";

describe("recipe: draft, then promote with required assets", () => {
  it("publish pushes X.Y.Z, X.Y, sha and a draft; promote refuses a draft without its assets, then publishes it and moves latest", async () => {
    const r = releasedRepo({
      files: {
        ...recipeRepoFiles(RECIPE),
        "package.json": '{\n  "name": "relay",\n  "version": "0.3.0",\n  "private": true\n}\n',
        "CHANGELOG.md": CHANGELOG,
      },
      commits: [
        { message: "chore: relay 0.3.0", files: { "src/index.ts": "export {};\n" }, annotated: ["v0.3.0"] },
        { message: "feat(fanout): batch deliveries (#61)", files: { "src/batch.ts": "export {};\n" } },
      ],
    });
    const dir = r.work.dir;
    const plan = await relnotesIn(dir, ["bump", "--dry-run", "--no-github"]);
    expect(plan.stdout).toContain(
      "  GitHub release: none by this run (--no-github); relnotes release v0.4.0 makes it draft, not Latest (a draft " +
        "is not Latest; relnotes promote publishes it and marks it Latest)\n",
    );
    const bump = await relnotesIn(dir, ["bump", "--yes", "--no-github"]);
    expect(bump.code, bump.stderr).toBe(0);
    expect(r.remote.pushes()).toEqual([["refs/heads/main"], ["refs/tags/v0.4.0"]]);
    const short = r.work.git("rev-parse", "v0.4.0^{commit}").trim().slice(0, 7);

    const github = await startFakeGitHub({ token: TOKEN, owner: "acme", repo: "relay" });
    const gh = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, RELNOTES_GITHUB_RETRY_MS: "1" };
    try {
      // Phase 1: publish. latest is not among the image tags.
      const publish = workflow(RECIPE, "publish.yml");
      const checkout = ciCheckout(r.remote, "v0.4.0", GITHUB_URL);
      const verify = await runStep(stepScript(publish, "verify", "tag"), checkout, { TAG: "v0.4.0" });
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.outputs.images).toBe(
        ["0.4.0", "0.4", `sha-${short}`].map((t) => `ghcr.io/acme/relay:${t}`).join("\n"),
      );
      const tagsJson = JSON.parse((await relnotesIn(checkout, ["tags", "v0.4.0", "--json"])).stdout) as {
        deferred: string[];
      };
      expect(tagsJson.deferred).toEqual(["latest"]);
      const draft = await runStep(stepScript(publish, "draft", "draft"), checkout, { TAG: "v0.4.0", ...gh });
      expect(draft.code, draft.stderr).toBe(0);
      const release = github.store.list()[0]!;
      expect([release.tag_name, release.draft]).toEqual(["v0.4.0", true]);

      // Phase 2: promote, before the assets are attached: refused, nothing changed.
      const promote = workflow(RECIPE, "promote.yml");
      const script = stepScript(promote, "promote", "promote");
      const writes = github.writes().length;
      const early = await runStep(script, ciCheckout(r.remote, "v0.4.0", GITHUB_URL), { TAG: "v0.4.0", ...gh });
      expect(early.code).toBe(1);
      expect(early.stderr).toContain("error: cannot promote v0.4.0: the draft is not ready");
      expect(early.stderr).toContain('  - no attached asset matches "relay-0.4.0.spdx.json" (no assets attached)');
      expect(early.stderr).toContain('  - no attached asset matches "relay-0.4.0.intoto.jsonl" (no assets attached)');
      expect(early.outputs).toEqual({});
      expect(github.writes()).toHaveLength(writes);

      // The publish job's upload step ran: now promote publishes it as Latest and reports latest to move.
      github.store.addAsset(release, "relay-0.4.0.spdx.json");
      github.store.addAsset(release, "relay-0.4.0.intoto.jsonl");
      const done = await runStep(script, ciCheckout(r.remote, "v0.4.0", GITHUB_URL), { TAG: "v0.4.0", ...gh });
      expect(done.code, done.stderr).toBe(0);
      expect(done.outputs).toEqual({
        tag: "v0.4.0",
        version: "0.4.0",
        tags: "latest",
        images: "ghcr.io/acme/relay:latest",
      });
      expect(github.writes().at(-1)).toMatchObject({ method: "PATCH", body: { draft: false, make_latest: "true" } });
      expect(github.store.list()[0]!.draft).toBe(false);
      expect(github.violations).toEqual([]);
    } finally {
      await github.close();
    }
  });
});
