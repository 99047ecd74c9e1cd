import { loadConfig } from "../config/load.js";
import type { Emit } from "../events.js";
import { readTags } from "../git/refs.js";
import { openRepository, readHead } from "../git/repo.js";
import type { Git } from "../git/run.js";
import type { ResolvedConfig } from "../config/types.js";
import type { RepositoryContext } from "../render/context.js";
import { releaseInstant } from "../render/dates.js";
import { createRenderer, type Renderer } from "../render/render.js";
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

async function open(cwd: string, emit: Emit, options: OpenOptions, render: boolean): Promise<{ context: ReadContext; renderer: Renderer | null }> {
  const git = await openRepository(cwd);
  const [config, head] = await Promise.all([loadConfig(git.cwd), readHead(git)]);
  let prefixes: string[] | undefined;
  if (options.services) {
    const wanted = options.services.length === 0 ? config.services : config.services.filter((s) => s.name !== null && options.services!.includes(s.name));
    // Only when every name is known: an unknown one is reported by service selection, with all services listed.
    if (options.services.length === 0 || wanted.length === options.services.length) prefixes = wanted.map((s) => s.tagFormat.prefix(s.name));
  }
  const [tags, location, renderer] = await Promise.all([readTags(git, prefixes), locateRepository(git, config), render ? createRenderer(config) : null]);
  return { context: { git, config, emit, head, tags, repository: location.repository, linksNote: location.note, now: releaseInstant() }, renderer };
}

/** Open the repository at `cwd` and read, once, everything planning needs. */
export async function openPlanContext(cwd: string, emit: Emit, options: OpenOptions = {}): Promise<PlanContext> {
  const { context, renderer } = await open(cwd, emit, options, true);
  return { ...context, renderer: renderer! };
}

/** Like openPlanContext, without the templates: for commands that print versions and check tags but render nothing (no Handlebars to load). */
export async function openReadContext(cwd: string, emit: Emit, options: OpenOptions = {}): Promise<ReadContext> {
  return (await open(cwd, emit, options, false)).context;
}
