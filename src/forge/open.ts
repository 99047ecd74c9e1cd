import { RelnotesError } from "../errors.js";
import type { ForgeAdapter, ForgeReleases, OpenOptions } from "./port.js";
import { forge } from "./registry.js";
import type { PublishSettings } from "./settings.js";

async function adapterOf(settings: PublishSettings): Promise<ForgeAdapter> {
  const entry = forge(settings.forge);
  if (!entry.releases)
    throw new RelnotesError(
      `relnotes cannot publish releases on ${entry.name} yet`,
      `turn publishing off (${settings.terms.modeKey}: false)`,
    );
  return entry.releases.load();
}

/** Open the releases of the repository on the forge the settings name (its adapter is loaded now). */
export async function openReleases(
  settings: PublishSettings,
  options: Omit<OpenOptions, "timeoutSeconds">,
): Promise<ForgeReleases> {
  return (await adapterOf(settings)).open({ ...options, timeoutSeconds: settings.timeoutSeconds });
}

/** Can releases be published now (credentials, repository, write access)? The problem in words, or null. */
export async function publishReadiness(
  settings: PublishSettings,
  mode: "publish" | "draft",
  options: Omit<OpenOptions, "timeoutSeconds">,
): Promise<string | null> {
  return (await adapterOf(settings)).readiness({ ...options, timeoutSeconds: settings.timeoutSeconds }, mode);
}
