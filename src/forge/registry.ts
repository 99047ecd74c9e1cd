import type { ForgeKind } from "../config/types.js";
import { bitbucket } from "./bitbucket/forge.js";
import { gitea } from "./gitea/forge.js";
import { github } from "./github/forge.js";
import { gitlab } from "./gitlab/forge.js";
import type { Forge, ForgeLinks } from "./types.js";

/**
 * Every forge relnotes knows, one entry per folder under src/forge/. Adding a
 * forge: a folder with its `forge.ts` (name, hosts, links, optionally the
 * loader of its releases adapter), its kind in config's ForgeKind, and a line here.
 */
const FORGES: Record<ForgeKind, Forge> = { github, gitlab, gitea, bitbucket };

/** The registry entry of a forge. */
export function forge(kind: ForgeKind): Forge {
  return FORGES[kind];
}

/** The link shapes of a forge. */
export function forgeLinks(kind: ForgeKind): ForgeLinks {
  return FORGES[kind].links;
}

/**
 * The forge at `host`, only when it is known for sure: the public hosts and
 * what a forge recognizes from the environment (GitHub Enterprise). Anything
 * else is null: a self-hosted forge is named in config (`repository.forge`),
 * never guessed.
 */
export function detectForge(host: string, env: NodeJS.ProcessEnv): ForgeKind | null {
  const h = host.toLowerCase();
  const all = Object.values(FORGES);
  return (all.find((f) => f.hosts.includes(h)) ?? all.find((f) => f.recognizes?.(h, env)))?.kind ?? null;
}
