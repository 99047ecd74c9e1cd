import { RelnotesError } from "../errors.js";
import type { ForgeAdapter, ForgePullRequests, ForgeReleases, OpenOptions } from "./port.js";
import { forge } from "./registry.js";
import type { PublishSettings } from "./settings.js";
import type { Forge } from "./types.js";

/** The forge releases go to: the repository's when relnotes can publish there, else the one the settings name. */
export function publishingForge(settings: PublishSettings, repository: OpenOptions["repository"]): Forge {
  return forge(repository && forge(repository.forge).releases ? repository.forge : settings.forge);
}

async function adapterOf(settings: PublishSettings, repository: OpenOptions["repository"]): Promise<ForgeAdapter> {
  const entry = publishingForge(settings, repository);
  if (!entry.releases)
    throw new RelnotesError(
      `relnotes cannot publish releases on ${entry.name} yet`,
      `turn publishing off (${settings.terms.modeKey}: false)`,
    );
  return entry.releases.load();
}

/** Open the releases of the repository on its forge (its adapter is loaded now). */
export async function openReleases(
  settings: PublishSettings,
  options: Omit<OpenOptions, "timeoutSeconds">,
): Promise<ForgeReleases> {
  return (await adapterOf(settings, options.repository)).open({ ...options, timeoutSeconds: settings.timeoutSeconds });
}

/** Can releases be published now (credentials, repository, write access)? The problem in words, or null. */
export async function publishReadiness(
  settings: PublishSettings,
  mode: "publish" | "draft",
  options: Omit<OpenOptions, "timeoutSeconds">,
): Promise<string | null> {
  const adapter = await adapterOf(settings, options.repository);
  return adapter.readiness({ ...options, timeoutSeconds: settings.timeoutSeconds }, mode);
}

/**
 * Open the pull requests of the repository on its forge (the one its remote is
 * on, else the one the settings name). A forge whose adapter has no pull
 * requests stops here, before anything is pushed.
 */
export async function openPullRequests(
  settings: PublishSettings,
  options: Omit<OpenOptions, "timeoutSeconds">,
): Promise<ForgePullRequests> {
  const entry = forge(options.repository?.forge ?? settings.forge);
  const adapter = entry.releases ? await entry.releases.load() : null;
  if (!adapter?.openPullRequests)
    throw new RelnotesError(
      `relnotes cannot open release pull requests on ${entry.name} yet` +
        (options.repository ? ` (the repository ${options.repository.url} is there)` : ""),
      "relnotes opens release pull requests on GitHub only for now: release with relnotes bump from a clone " +
        "that may push to the stable branch",
    );
  return adapter.openPullRequests({ ...options, timeoutSeconds: settings.timeoutSeconds });
}
