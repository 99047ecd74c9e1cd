import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { relnotes } from "../helpers/cli.js";
import { graphRepo, type GraphCommit, type GraphTag } from "../helpers/graph-repo.js";
import { cleanupTemp, repo, tempDir } from "../helpers/repo.js";

afterAll(cleanupTemp);

/** A `git` first on PATH that logs its arguments and runs the real one. */
function countingGit(): { path: string; calls: () => string[] } {
  const dir = tempDir("rn-gitshim-");
  const log = join(dir, "calls.log");
  const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  writeFileSync(join(dir, "git"), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(dir, "git"), 0o755);
  writeFileSync(log, "");
  return {
    path: `${dir}:${process.env.PATH}`,
    calls: () => {
      const lines = readFileSync(log, "utf8").split("\n").filter(Boolean);
      writeFileSync(log, "");
      return lines;
    },
  };
}

/** Main with a PR merge every 4th commit and a release on every other commit. */
function history(releases: number): ReturnType<typeof graphRepo> {
  const commits: GraphCommit[] = [];
  const tags: GraphTag[] = [];
  let last: string | null = null;
  for (let i = 0; i < releases * 2; i++) {
    const id = `c${i}`;
    if (i % 4 === 3 && last) {
      commits.push({
        id: `f${i}`,
        branch: `topic${i}`,
        parents: [last],
        message: `fix: topic ${i}`,
        files: { [`t${i}`]: "x" },
      });
      commits.push({
        id,
        branch: "main",
        parents: [last, `f${i}`],
        message: `Merge pull request #${i} from acme/topic${i}\n\nfix: topic ${i}`,
        files: { [`t${i}`]: "x" },
      });
    } else
      commits.push({
        id,
        branch: "main",
        ...(last ? { parents: [last] } : {}),
        message: `feat: change ${i}`,
        files: { [`f${i}`]: "x" },
      });
    if (i % 2 === 1) tags.push({ name: `v1.${i}.0`, at: id });
    last = id;
  }
  return graphRepo({ commits, tags, head: "main" });
}

describe("a full changelog regeneration runs a fixed number of git processes", () => {
  it("the same for 5 releases as for 60", () => {
    const git = countingGit();
    const counts = [5, 60].map((n) => {
      const r = history(n);
      git.calls();
      const res = relnotes(r.dir, ["changelog"], { PATH: git.path });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain(`## [1.${n * 2 - 1}.0]`);
      return git.calls().sort(); // processes run side by side: their order varies
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]!.length).toBeLessThanOrEqual(10);
  });
});

describe("the everyday commands start as few git processes as they need (issue 20)", () => {
  // api released as v1.1.0 and v1.2.0 (annotated, on origin/main), then a feature: one rev-parse opens the repository, reads
  // HEAD and whether the clone is shallow; one for-each-ref reads the tags; one merge-base finds the latest release.
  const services = { services: { api: { paths: ["svc/api/"] }, web: { paths: ["svc/web/"] } } };
  const OPEN = ["for-each-ref", "merge-base", "rev-parse"];
  const CASES: [args: string[], calls: string[]][] = [
    [["version", "api"], OPEN],
    // Versions only: the commits since the release, without the merges' PR numbers or the remote's web address.
    [
      ["next", "api"],
      [...OPEN, "log"],
    ],
    [
      ["preview", "api"],
      [...OPEN, "log", "log", "remote"],
    ],
    // The tag's own object and signature, and the stable branch holding its commit: one for-each-ref each.
    [
      ["verify-tag", "api/v1.2.0"],
      [...OPEN, "for-each-ref", "for-each-ref"],
    ],
  ];

  it.each(CASES)("relnotes %j", (args, calls) => {
    const r = repo({
      files: { "cliff.config.json": JSON.stringify(services) },
      commits: [
        { message: "feat(api): first", files: { "svc/api/a": "1" }, annotated: ["api/v1.1.0"] },
        { message: "feat(api): second", files: { "svc/api/a": "2" }, annotated: ["api/v1.2.0"] },
        { message: "feat(api): third", files: { "svc/api/a": "3" } },
      ],
    });
    r.git("update-ref", "refs/remotes/origin/main", r.sha(1));
    const git = countingGit();
    const res = relnotes(r.dir, args, { PATH: git.path });
    expect(res.code, res.stderr).toBe(0);
    expect(git.calls().sort()).toEqual([...calls].sort());
  });
});
