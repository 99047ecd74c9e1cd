import { join } from "node:path";
import { gitIn, repo, tempDir, type CommitSpec, type TestRepo } from "../helpers/repo.js";

export const SERVICES_CONFIG = {
  services: {
    api: { paths: ["svc/api/"], image: "ghcr.io/acme/api" },
    vault: { paths: ["svc/vault/"] },
  },
};

/** A monorepo with `cliff.config.json` and the given commits (files under svc/api/ unless told). */
export function monorepo(commits: CommitSpec[], config: object = SERVICES_CONFIG): TestRepo {
  return repo({
    files: { "cliff.config.json": `${JSON.stringify(config, null, 2)}\n` },
    commits: commits.map((c, i) => ({ files: { [`svc/api/f${i}.txt`]: `${c.message}\n` }, ...c })),
  });
}

/** Create a real bare `origin`, push `branches` to it and fetch, so refs/remotes/origin/* exist. */
export function publish(r: TestRepo, branches: string[] = ["main"]): string {
  const remote = join(tempDir("rn-remote-"), "origin.git");
  gitIn(r.dir, ["init", "-q", "--bare", remote]);
  gitIn(r.dir, ["remote", "add", "origin", remote]);
  gitIn(r.dir, ["push", "-q", "origin", ...branches.map((b) => `refs/heads/${b}:refs/heads/${b}`)]);
  gitIn(r.dir, ["fetch", "-q", "origin"]);
  return remote;
}

/** Annotated tag made with the porcelain (`git tag -a`). */
export function annotate(r: TestRepo, tag: string, target = "HEAD"): void {
  r.git("tag", "-a", "-m", `release ${tag}`, tag, target);
}

export function sha7(r: TestRepo, rev: string): string {
  return r.git("rev-parse", `${rev}^{commit}`).trim().slice(0, 7);
}
