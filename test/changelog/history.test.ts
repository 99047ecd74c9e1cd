import { afterAll, expect, test } from "vitest";
import type { ReleaseContext } from "../../src/render/context.js";
import { json, relnotes } from "../helpers/cli.js";
import { cleanupTemp, repo, type CommitSpec } from "../helpers/repo.js";

afterAll(cleanupTemp);

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("full changelog of 2,000 commits / 20 tags equals git log <prev>..<tag> per release, minus skipped and unshown commits", () => {
  const next = random(42);
  const types = ["feat", "fix", "perf", "chore", "docs", "refactor"];
  const places = ["svc/api/", "pkg/", "svc/vault/", "docs/"];
  const commits: CommitSpec[] = [];
  for (let i = 0; i < 2000; i++) {
    const place = places[Math.floor(next() * places.length)]!;
    const roll = next();
    const message =
      roll < 0.03
        ? `update things ${i}`
        : roll < 0.05
          ? `fixup! feat: thing ${i}`
          : `${types[Math.floor(next() * types.length)]}${next() < 0.3 ? "(core)" : ""}: change ${i}\n\nbody ${i}`;
    commits.push({
      message,
      files: { [`${place}f${i % 50}.txt`]: `${i}\n` },
      annotated: i % 100 === 49 ? [`api/v1.${(i - 49) / 100}.0`] : undefined,
    });
  }
  const r = repo({
    commits,
    files: { "cliff.config.json": JSON.stringify({ services: { api: { paths: ["svc/api/", "pkg/"] } } }) },
  });

  const contexts = json<ReleaseContext[]>(relnotes(r.dir, ["changelog", "api", "--context"]));
  const released = contexts.filter((c) => !c.unreleased);
  expect(released).toHaveLength(20);
  for (const c of released) {
    const range = c.previousTag ? `${c.previousTag}..${c.tag}` : c.tag;
    const expected = r
      .git("log", "--no-merges", "--format=%H %s", range, "--", "svc/api/", "pkg/")
      .trim()
      .split("\n")
      // Skipped (unconventional, fixup!) and never shown (chore, docs, refactor have no section).
      .filter((l) => /^\S+ (feat|fix|perf)[(:]/.test(l))
      .map((l) => l.slice(0, 40));
    expect(
      c.commits.map((x) => x.sha),
      `${c.tag}`,
    ).toEqual(expected);
  }
  // The newest release is on top and the unreleased changes (after api/v1.19.0, the 20th tag) come first.
  expect(contexts[0]!.unreleased).toBe(true);
  expect(released[0]!.tag).toBe("api/v1.19.0");
});
