import { afterAll, describe, expect, test } from "vitest";
import { headReleases } from "../../src/history/current-version.js";
import { planRelease } from "../../src/release/planners.js";
import { openRenderSession } from "../../src/render/render.js";
import { servicesConfig } from "../bump/setup.js";
import { cleanupTemp, repo } from "../helpers/repo.js";

afterAll(cleanupTemp);

describe("a service's latest release at HEAD is asked of git once per session", () => {
  test("after planning, the plan's answer is everyone's answer, per service, without git", async () => {
    const r = repo({
      files: {
        "cliff.config.json": servicesConfig(["api", "vault"], {}, { vault: { manifests: ["svc/vault/package.json"] } }),
      },
      commits: [
        {
          message: "feat: initial",
          files: { "svc/api/a": "1\n", "svc/vault/package.json": '{ "name": "vault", "version": "0.4.0" }\n' },
          annotated: ["api/v1.2.0", "vault/v0.4.0"],
        },
        { message: "feat(api): x", files: { "svc/api/a": "2\n" }, annotated: ["api/v1.3.0-rc.1"] },
        { message: "fix(vault): y", files: { "svc/vault/b": "2\n" } },
      ],
    });
    const session = await openRenderSession(r.dir, { emit: () => {}, env: process.env });
    const plan = await planRelease(session, { services: [], versions: new Map() });
    expect(plan.releases.map((x) => x.tag)).toEqual(["api/v1.3.0", "vault/v0.4.1"]);

    const noGit = new Proxy(session.git, {
      get(target, key) {
        if (key === "run" || key === "out" || key === "test") throw new Error(`git asked again (${String(key)})`);
        return Reflect.get(target, key);
      },
    });
    const offline = { ...session, git: noGit };
    const [api, vault] = session.config.services;
    const apiAt = await headReleases(offline, api!);
    expect([apiAt.latest?.ref.name, apiAt.latestStable?.ref.name, apiAt.openPre?.ref.name]).toEqual([
      "api/v1.3.0-rc.1",
      "api/v1.2.0",
      "api/v1.3.0-rc.1",
    ]);
    expect((await headReleases(offline, vault!)).latest?.ref.name).toBe("vault/v0.4.0");
  });
});
