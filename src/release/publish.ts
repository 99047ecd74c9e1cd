import type { ResolvedConfig } from "../config/types.js";
import { RelnotesError } from "../errors.js";
import type { Emit } from "../events.js";
import { readTags } from "../git/refs.js";
import type { Git } from "../git/run.js";
import { higherStableTagged } from "../forge/latest.js";
import { openGitHub } from "../forge/github/api.js";
import type { GitHubReleases } from "../forge/port.js";
import { createOrUpdateRelease } from "./forge/create-or-update.js";
import { githubToken } from "../forge/github/target.js";
import type { RepositoryContext } from "../render/context.js";
import type { ReleasePublisher } from "./steps.js";

/** How bump publishes on GitHub: the configured github.release, or false with --no-github (the one explicit way to skip it). */
export type GitHubMode = "publish" | "draft" | false;

export function githubMode(config: ResolvedConfig, noGithub: boolean): GitHubMode {
  return noGithub ? false : config.github.release;
}

const SKIP = "or pass --no-github to release without GitHub releases (relnotes release <tag> creates one later)";

/**
 * Can the GitHub step run? A token is there, the repository is known, and
 * one authenticated GET of the repository shows the token can see it (and,
 * when GitHub says, write to it). Returns the problem, or null.
 */
export async function githubAccessProblem(env: NodeJS.ProcessEnv, repository: RepositoryContext | null, mode: Exclude<GitHubMode, false>, emit: Emit, timeoutSeconds: number): Promise<string | null> {
  const what = `GitHub releases are on (github.release: "${mode}")`;
  if (githubToken(env) === null) return `${what} but there is no token: export GITHUB_TOKEN (or GH_TOKEN) with write access to the repository's contents, ${SKIP}`;
  if (repository === null) return `${what} but the repository is unknown: set github.owner and github.repo, give the remote a GitHub URL, or set github.release to false`;
  try {
    const github = await openGitHub(env, repository, emit, timeoutSeconds);
    const access = await github.access();
    if (access.canWrite === false) return `the GitHub token can read ${github.repository} but not write to it, so it cannot create releases: use a token with "Contents: Read and write" (classic: "repo" scope; Actions: permissions: contents: write), ${SKIP}`;
    return null;
  } catch (e) {
    if (!(e instanceof RelnotesError)) throw e;
    return `${e.message}${e.hint ? ` (${e.hint})` : ""}; ${SKIP}`;
  }
}

/** The GitHub release step: create or update (never duplicate) the release of a pushed tag. */
export function githubPublisher(git: Git, config: ResolvedConfig, env: NodeJS.ProcessEnv, repository: RepositoryContext | null, emit: Emit): ReleasePublisher {
  let client: Promise<GitHubReleases> | null = null;
  return async (release, state) => {
    client ??= openGitHub(env, repository, emit, config.timeouts.github);
    const github = await client;
    // Only this service's namespace matters: spare git opening every other tag object.
    const prefix = config.services.find((s) => s.name === release.service)?.tagFormat.prefix(release.service);
    const superseded = !release.prerelease && prefix !== undefined && higherStableTagged(config, await readTags(git, [prefix]), release.service, release.version);
    const outcome = await createOrUpdateRelease(
      github,
      config,
      { tag: release.tag, version: release.version, service: release.service, prerelease: release.prerelease, notes: release.notes, commit: state.commit ?? state.startHead },
      { draft: state.github === "draft", superseded, emit },
    );
    return { url: outcome.url };
  };
}
