import { afterAll, describe, expect, test } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, repo } from "../helpers/repo.js";

afterAll(cleanupTemp);

const config = JSON.stringify({
  services: { api: { paths: ["svc/api/"] }, vault: { paths: ["svc/vault/"] }, cli: { paths: ["cmd/cli/"] } },
});

function monorepo() {
  return repo({
    files: { "cliff.config.json": config },
    commits: [
      { message: "chore: init", files: { "README.md": "x" }, annotated: ["api/v1.2.0", "vault/v0.4.2"] },
      { message: "feat(keys): add rotation (#12)", files: { "svc/api/keys.go": "1" } },
      { message: "tweak the seal", files: { "svc/vault/seal.go": "1" } },
      { message: "feat: first cli command", files: { "cmd/cli/main.go": "1" } },
    ],
  });
}

describe("preview --json carries skipped services and warnings", () => {
  const r = monorepo();

  test("a service with nothing to release and one needing a first version are in skipped, with reason and hint", () => {
    const plan = json<{ releases: { service: string }[]; skipped: unknown[]; warnings: string[] }>(
      relnotes(r.dir, ["preview", "--json"]),
    );
    expect(plan.releases.map((x) => x.service)).toEqual(["api"]);
    expect(plan.skipped).toEqual([
      {
        service: "vault",
        reason: "nothing-to-release",
        message: "vault: nothing to release since vault/v0.4.2 (1 commit skipped)",
        hint: null,
      },
      {
        service: "cli",
        reason: "first-release",
        message: "cli has no release yet (no tag matches cli/v*): a first release needs an explicit version",
        hint: "relnotes bump cli@v0.1.0",
      },
    ]);
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^vault: skipped 1 commit that is not Conventional Commits \([0-9a-f]{7} "tweak the seal"\)$/,
      ),
    ]);
  });

  test("with nothing to release at all, the JSON still says why", () => {
    const plan = json<{ releases: unknown[]; skipped: { service: string; reason: string }[] }>(
      relnotes(r.dir, ["preview", "vault", "--json"]),
    );
    expect(plan.releases).toEqual([]);
    expect(plan.skipped.map((s) => [s.service, s.reason])).toEqual([["vault", "nothing-to-release"]]);
  });
});

describe("relnotes next prints only the next version", () => {
  const r = monorepo();

  test("a named service: the version, or the tag with --tag; pre-release flags apply", () => {
    expect(relnotes(r.dir, ["next", "api"])).toMatchObject({ code: 0, stdout: "1.3.0\n", stderr: "" });
    expect(relnotes(r.dir, ["next", "api", "--tag"]).stdout).toBe("api/v1.3.0\n");
    expect(relnotes(r.dir, ["next", "api", "--rc"]).stdout).toBe("1.3.0-rc.1\n");
    expect(relnotes(r.dir, ["next", "--json", "api"]).stdout).toBe(
      `${JSON.stringify([{ service: "api", version: "1.3.0", tag: "api/v1.3.0" }], null, 2)}\n`,
    );
  });

  test("nothing to release: no output, exit 0; a monorepo without a name lists the services that release", () => {
    const nothing = relnotes(r.dir, ["next", "vault"]);
    expect([nothing.code, nothing.stdout]).toEqual([0, ""]);
    expect(relnotes(r.dir, ["next"]).stdout).toBe("api  1.3.0\n");
  });

  test("a single package", () => {
    const single = repo({ commits: [{ message: "feat: a", tags: ["v0.9.0"] }, { message: "fix: b" }] });
    expect(relnotes(single.dir, ["next"]).stdout).toBe("0.9.1\n");
    expect(relnotes(single.dir, ["next", "--tag", "--bump", "major"]).stdout).toBe("v1.0.0\n");
    expect(relnotes(single.dir, ["next", "api"]).code).toBe(2);
  });
});
