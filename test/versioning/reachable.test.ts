import { afterAll, describe, expect, it } from "vitest";
import { GitError } from "../../src/errors.js";
import { tagsMergedInto } from "../../src/git/refs.js";
import { commitExists, isReachableFrom, openRepositoryHead } from "../../src/git/repo.js";
import { cleanupTemp, repo } from "../helpers/repo.js";

afterAll(cleanupTemp);

const MISSING = "0123456789abcdef0123456789abcdef01234567";

describe("isReachableFrom: one merge-base, and a commit this clone lacks is not reachable", () => {
  it("answers ancestry both ways, false for a commit that is not here, and throws when HEAD's side is broken", async () => {
    const r = repo({
      commits: [
        { message: "feat: a", annotated: ["v1.0.0"] },
        { message: "feat: b" },
        { message: "feat: c", tags: ["v1.1.0"] },
      ],
    });
    const { git, head } = await openRepositoryHead(r.dir);
    expect(await isReachableFrom(git, r.sha(0), head.sha)).toBe(true);
    expect(await isReachableFrom(git, head.sha, r.sha(0))).toBe(false);
    // A tag fetched without its commit (or a commit gc'd away): not a reachable release, as before.
    expect(await isReachableFrom(git, MISSING, head.sha)).toBe(false);
    // A missing descendant is no answer about the release: the failure surfaces.
    await expect(isReachableFrom(git, r.sha(0), MISSING)).rejects.toBeInstanceOf(GitError);
    expect([...(await tagsMergedInto(git, r.sha(1)))]).toEqual(["v1.0.0"]);
  });
});

describe("commitExists", () => {
  it("is false for a commit this clone has not fetched, and for an object that is not a commit", async () => {
    const r = repo({ commits: [{ message: "feat: a" }] });
    const { git } = await openRepositoryHead(r.dir);
    expect(await commitExists(git, r.sha(0))).toBe(true);
    expect(await commitExists(git, MISSING)).toBe(false);
    expect(await commitExists(git, r.git("rev-parse", "HEAD^{tree}").trim())).toBe(false);
  });
});
