import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RelnotesError } from "../errors.js";
import { LIBRARY_ENTRY } from "../package-root.js";
import { resolveConfig } from "./schema.js";
import type { ResolvedConfig } from "./types.js";

export const CONFIG_FILES = ["cliff.config.ts", "cliff.config.mts", "cliff.config.mjs", "cliff.config.js", "cliff.config.json"];

export function findConfigFile(root: string): string | null {
  for (const name of CONFIG_FILES) if (existsSync(join(root, name))) return name;
  return null;
}

async function importModule(path: string): Promise<unknown> {
  // Loaded only when a config file exists, so commands without one start fast.
  const { createJiti } = await import("jiti");
  // `import { defineConfig } from "relnotes"` must resolve to the running relnotes,
  // even under npx or a global install where the project has no node_modules/relnotes.
  const jiti = createJiti(import.meta.url, { alias: { relnotes: LIBRARY_ENTRY }, moduleCache: false, fsCache: false, interopDefault: true });
  const mod = (await jiti.import(path)) as { default?: unknown } | unknown;
  return mod && typeof mod === "object" && "default" in mod ? (mod as { default: unknown }).default : mod;
}

/** Find, load, validate and resolve the configuration of the repository at `root`. */
export async function loadConfig(root: string): Promise<ResolvedConfig> {
  const name = findConfigFile(root);
  if (name === null) return resolveConfig({}, null, root);
  const path = join(root, name);
  let raw: unknown;
  try {
    raw = name.endsWith(".json") ? JSON.parse(readFileSync(path, "utf8")) : await importModule(path);
  } catch (e) {
    throw new RelnotesError(`${name}: cannot be loaded: ${(e as Error).message.split("\n")[0]}`, "fix the syntax error, or run with --debug for the full trace", { cause: e });
  }
  if (typeof raw === "function") raw = await (raw as () => unknown)();
  return resolveConfig(raw, name, root);
}
