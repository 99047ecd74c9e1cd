import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "./repo.js";

/** The real mise binary, from the @jdxcode/mise devDependency. */
export const MISE = join(fileURLToPath(new URL("../../", import.meta.url)), "node_modules", ".bin", "mise");

/** Environment that isolates mise from the user's own setup (fresh HOME and dirs), offline, trusting `root`. */
export function miseEnv(root: string): Record<string, string> {
  const home = tempDir("rn-mise-");
  return {
    HOME: home,
    MISE_OFFLINE: "1",
    MISE_DATA_DIR: join(home, "data"),
    MISE_CACHE_DIR: join(home, "cache"),
    MISE_STATE_DIR: join(home, "state"),
    MISE_CONFIG_DIR: join(home, "config"),
    MISE_TRUSTED_CONFIG_PATHS: root,
  };
}
