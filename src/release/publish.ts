import type { ResolvedConfig } from "../config/types.js";
import type { Emit } from "../events.js";
import { openReleases, publishReadiness } from "../forge/open.js";
import type { ForgeReleases } from "../forge/port.js";
import type { RepositoryContext } from "../forge/repository.js";
import { publishSettings, type PublishMode } from "../forge/settings.js";
import { readTags } from "../git/refs.js";
import type { Git } from "../git/run.js";
import { higherStableTagged } from "../versioning/latest.js";
import { createOrUpdateRelease } from "./forge/create-or-update.js";
import type { ReleasePublisher } from "./steps.js";

export type { PublishMode };

/** How bump publishes releases on the forge: the configured mode, or false when skipped (the one explicit way). */
export function publishMode(config: ResolvedConfig, skip: boolean): PublishMode {
  return skip ? false : publishSettings(config).mode;
}

/**
 * Can the publish step run? Credentials are there, the repository is known,
 * and one authenticated read of the repository shows they can see it (and,
 * when the forge says, write to it). Returns the problem, or null.
 */
export async function publishAccessProblem(
  config: ResolvedConfig,
  env: NodeJS.ProcessEnv,
  repository: RepositoryContext | null,
  mode: Exclude<PublishMode, false>,
  emit: Emit,
): Promise<string | null> {
  return publishReadiness(publishSettings(config), mode, { env, repository, emit });
}

/** The publish step: create or update (never duplicate) the forge release of a pushed tag. */
export function forgePublisher(
  git: Git,
  config: ResolvedConfig,
  env: NodeJS.ProcessEnv,
  repository: RepositoryContext | null,
  emit: Emit,
): ReleasePublisher {
  let client: Promise<ForgeReleases> | null = null;
  return async (release, state) => {
    client ??= openReleases(publishSettings(config), { env, repository, emit });
    const forge = await client;
    // Only this service's namespace matters: spare git opening every other tag object.
    const service = config.services.find((s) => s.name === release.service);
    const prefix = service?.tags.prefix;
    const superseded =
      !release.prerelease &&
      prefix !== undefined &&
      higherStableTagged(config, await readTags(git, [prefix]), release.service, release.version);
    const outcome = await createOrUpdateRelease(
      forge,
      config,
      {
        tag: release.tag,
        version: release.version,
        service: release.service,
        prerelease: release.prerelease,
        notes: release.notes,
        commit: state.commit ?? state.startHead,
      },
      { draft: state.publish === "draft", superseded, emit },
    );
    return { url: outcome.url };
  };
}
