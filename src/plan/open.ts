import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/load.js";
import type { Emit } from "../events.js";
import { readTags } from "../git/refs.js";
import { openRepositoryHead } from "../git/repo.js";
import type { Git } from "../git/run.js";
import type { ResolvedConfig } from "../config/types.js";
import type { RepositoryContext } from "../render/context.js";
import { releaseInstant } from "../render/dates.js";
import { createRenderer } from "../render/render.js";
import type { PlanContext, ReadContext } from "./context.js";
import { locateRepository } from "./repository.js";

/** The repository's web location (src/plan/repository.ts), without the note. */
export async function resolveRepository(git: Git, config: ResolvedConfig): Promise<RepositoryContext | null> {
  return (await locateRepository(git, config)).repository;
}

export interface OpenOptions {
  /**
   * The services the command works on (empty: all configured services): only
   * their tags are read. Leave it out when a command needs every tag.
   */
  services?: readonly string[];
}

/** The tag namespaces to read: only the named services' when every name is known, else all. */
function tagPrefixes(config: ResolvedConfig, options: OpenOptions): string[] | undefined {
  if (!options.services) return undefined;
  const wanted = options.services.length === 0 ? config.services : config.services.filter((s) => s.name !== null && options.services!.includes(s.name));
  // Only when every name is known: an unknown one is reported by service selection, with all services listed.
  return options.services.length === 0 || wanted.length === options.services.length ? wanted.map((s) => s.tagFormat.prefix(s.name)) : undefined;
}

/** Open the repository at `cwd` and read, once, what version and tag commands need (no templates, no remote). */
export async function openReadContext(cwd: string, emit: Emit, options: OpenOptions = {}): Promise<ReadContext> {
  const { git, head } = await openRepositoryHead(cwd);
  const config = await loadConfig(git.cwd);
  const tags = await readTags(git, tagPrefixes(config, options));
  return { git, config, emit, head, tags, now: releaseInstant() };
}

/** Open the repository at `cwd` and read, once, everything planning needs. */
export async function openPlanContext(cwd: string, emit: Emit, options: OpenOptions = {}): Promise<PlanContext> {
  const { git, head } = await openRepositoryHead(cwd);
  const config = await loadConfig(git.cwd);
  if (config.file === null) {
    // Without a relnotes config, another tool's config says how this repository was released until now.
    const other = ["cliff.toml", "cog.toml"].find((f) => existsSync(join(git.cwd, f)));
    if (other) emit({ type: "warning", message: `no relnotes config, but ${other} is here: relnotes init --from ${other} writes one from its settings (tag pattern, commit types, paths)` });
  }
  // Handlebars loads (CPU) while git lists tags and reads the remote URL.
  const [tags, location, renderer] = await Promise.all([readTags(git, tagPrefixes(config, options)), locateRepository(git, config), createRenderer(config)]);
  return { git, config, emit, head, tags, repository: location.repository, linksNote: location.note, renderer, now: releaseInstant() };
}
