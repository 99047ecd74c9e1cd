import type { RelnotesConfig } from "./config/types.js";

export type { RelnotesConfig, ServiceConfig, CommitTypeConfig, ManifestEntry, BumpLevel } from "./config/types.js";

/** Typed helper for `cliff.config.ts`: returns the configuration unchanged. */
export function defineConfig(config: RelnotesConfig): RelnotesConfig {
  return config;
}
