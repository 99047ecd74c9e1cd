import { afterAll, describe, expect, it } from "vitest";
import { json, relnotes } from "../helpers/cli.js";
import { BASE_EPOCH, cleanupTemp } from "../helpers/repo.js";
import { monorepo, sha7 } from "./fixture.js";

afterAll(cleanupTemp);

/** api releases 1.2.4, 1.3.0, 2.0.0, 3.0.0 exist; the other tags are cut later in each test. */
function history() {
  return monorepo([
    { message: "feat(api): a", annotated: ["api/v1.2.4"] },
    { message: "feat(api): b", annotated: ["api/v1.3.0"] },
    { message: "feat(api): c", annotated: ["api/v2.0.0"] },
    { message: "feat(api): d", annotated: ["api/v3.0.0", "vault/v0.4.0"] },
    { message: "fix(api): e", annotated: ["api/v1.2.5", "api/v2.0.1", "api/v3.1.0-rc.1"] },
  ]);
}

describe("relnotes tags <tag>", () => {
  const r = history();
  const sha = `sha-${sha7(r, "HEAD")}`;

  it("1.2.5 after 1.3.0 moves 1.2 only", () => {
    const res = relnotes(r.dir, ["tags", "api/v1.2.5", "--image", "ghcr.io/org/api"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`${["1.2.5", "1.2", sha].map((t) => `ghcr.io/org/api:${t}`).join("\n")}\n`);
    expect(res.stderr).toContain("not moved: 1 (held by 1.3.0)");
    expect(res.stderr).toContain("not moved: latest (held by 3.0.0)");
  });

  it("2.0.1 after 3.0.0 moves 2.0 and 2, not latest", () => {
    const out = json<{ tags: string[]; images: string[] }>(
      relnotes(r.dir, ["tags", "api/v2.0.1", "--json", "--image", "ghcr.io/org/api"]),
    );
    expect(out.tags).toEqual(["2.0.1", "2.0", "2", sha]);
    expect(out.images).toEqual(out.tags.map((t) => `ghcr.io/org/api:${t}`));
  });

  it("the newest stable release moves everything; a 0.x release has no major alias", () => {
    expect(relnotes(r.dir, ["tags", "api/v3.0.0"]).stdout.split("\n").slice(0, 4)).toEqual(
      ["3.0.0", "3.0", "3", "latest"].map((t) => `ghcr.io/acme/api:${t}`),
    );
    expect(relnotes(r.dir, ["tags", "vault/v0.4.0"]).stdout.split("\n").slice(0, 3)).toEqual([
      "0.4.0",
      "0.4",
      "latest",
    ]);
  });

  it("a pre-release gets only its version and the sha; the configured image is the default", () => {
    const res = relnotes(r.dir, ["tags", "api/v3.1.0-rc.1"]);
    expect(res.stdout).toBe(`ghcr.io/acme/api:3.1.0-rc.1\nghcr.io/acme/api:${sha}\n`);
  });

  it("refuses an image name with a tag", () => {
    const res = relnotes(r.dir, ["tags", "api/v3.0.0", "--image", "ghcr.io/org/api:1"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"ghcr.io/org/api:1" is not an image name');
  });
});

describe("relnotes tags --main", () => {
  it("edge, nightly-<UTC date of SOURCE_DATE_EPOCH>, sha, on a detached HEAD", () => {
    const r = history();
    r.git("checkout", "-q", "--detach", "HEAD~1");
    const epoch = BASE_EPOCH + 86_400 * 45 + 23 * 3600;
    const res = relnotes(r.dir, ["tags", "--main"], { SOURCE_DATE_EPOCH: String(epoch) });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`edge\nnightly-2026-02-15\nsha-${sha7(r, "HEAD")}\n`);
    const withImage = relnotes(r.dir, ["tags", "--main", "--service", "api"], { SOURCE_DATE_EPOCH: String(epoch) });
    expect(withImage.stdout.split("\n")[0]).toBe("ghcr.io/acme/api:edge");
    expect(relnotes(r.dir, ["tags", "--main", "--service", "web"]).code).toBe(2);
  });

  it("--main and a tag together are a usage error", () => {
    const r = history();
    expect(relnotes(r.dir, ["tags", "--main", "api/v3.0.0"]).code).toBe(2);
  });
});
