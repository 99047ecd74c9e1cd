import type { ResolvedConfig } from "../config/types.js";
import type { Emit } from "../events.js";
import { readTags } from "../git/refs.js";
import type { Git } from "../git/run.js";
import { higherStableTagged } from "../github/latest.js";
import { openGitHub } from "../github/open.js";
import type { GitHubReleases } from "../github/port.js";
import { createOrUpdateRelease } from "../github/release.js";
import { githubToken } from "../github/target.js";
import type { RepositoryContext } from "../render/context.js";
import type { ReleasePublisher } from "./steps.js";

/** True when bump should create GitHub releases: configured, and a token is there. */
export function githubEnabled(config: ResolvedConfig, env: NodeJS.ProcessEnv): boolean {
  return config.github.release !== false && githubToken(env) !== null;
}

/** The GitHub release step: create or update (never duplicate) the release of a pushed tag. */
export function githubPublisher(git: Git, config: ResolvedConfig, env: NodeJS.ProcessEnv, repository: RepositoryContext | null, emit: Emit): ReleasePublisher {
  let client: Promise<GitHubReleases> | null = null;
  return async (release, state) => {
    client ??= openGitHub(env, repository, emit);
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
