import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/types.js";
import type { Emit } from "../events.js";
import { readTags, type TagRef } from "../git/refs.js";
import { openRepositoryHead, type Head } from "../git/repo.js";
import type { Git } from "../git/run.js";
import { releaseInstant } from "./clock.js";
import { locateRepository, type RepositoryIdentity, type RepositoryLocation } from "./repository.js";

/**
 * Answers computed once per session and shared by whoever asks next (a
 * service's releases at HEAD: the planner and the manifest check ask the same).
 */
export class SessionCache {
  private readonly entries = new Map<string, unknown>();

  once<T>(key: string, compute: () => T): T {
    if (!this.entries.has(key)) this.entries.set(key, compute());
    return this.entries.get(key) as T;
  }
}

/**
 * What one command knows about the repository it runs in, read once when the
 * command starts and passed down: nothing below reads the process (its
 * environment, its clock, its streams) on its own.
 */
export interface RepoSession {
  git: Git;
  config: ResolvedConfig;
  head: Head;
  /** The tags read at open (only the selected services' namespaces when the command named them). */
  tags: TagRef[];
  /** Where links point on the web, or null (always null when the session was opened with `locate: false`). */
  repository: RepositoryIdentity | null;
  /** Why `repository` is null although there is a remote; said once by commands that render notes or changelogs. */
  linksNote: string | null;
  /** The release instant (SOURCE_DATE_EPOCH when set). */
  now: Date;
  emit: Emit;
  /** The environment the command was started with. */
  env: NodeJS.ProcessEnv;
  cache: SessionCache;
}

/** What the caller (the CLI, a test) hands the session: where events go, and the environment. */
export interface SessionIO {
  emit: Emit;
  env: NodeJS.ProcessEnv;
}

export interface OpenOptions {
  /**
   * The services the command works on (empty: all configured services): only
   * their tags are read. Leave it out when a command needs every tag.
   */
  services?: readonly string[];
  /** Warn when there is no relnotes config but another release tool's is here (the commands that plan). */
  foreignConfigNote?: boolean;
  /**
   * Find the repository's web location (default true). `false` for the commands that make no links
   * (`version`, `verify-tag`): they skip asking git for the remote's URL.
   */
  locate?: boolean;
}

/** The tag namespaces to read: only the named services' when every name is known, else all. */
function tagPrefixes(config: ResolvedConfig, options: OpenOptions): string[] | undefined {
  const names = options.services;
  if (!names) return undefined;
  const wanted =
    names.length === 0 ? config.services : config.services.filter((s) => s.name !== null && names.includes(s.name));
  // Only when every name is known: an unknown one is reported by service selection, with all services listed.
  return names.length === 0 || wanted.length === names.length ? wanted.map((s) => s.tags.prefix) : undefined;
}

/** Open the repository containing `cwd` and read, once, what every command needs. */
export async function openSession(cwd: string, io: SessionIO, options: OpenOptions = {}): Promise<RepoSession> {
  const { git, head } = await openRepositoryHead(cwd);
  const config = await loadConfig(git.cwd);
  if (options.foreignConfigNote && config.file === null) {
    // Without a relnotes config, another tool's config says how this repository was released until now.
    const other = ["cliff.toml", "cog.toml"].find((f) => existsSync(join(git.cwd, f)));
    if (other) {
      const message =
        `no relnotes config, but ${other} is here: relnotes init --from ${other} writes one from its settings ` +
        "(tag pattern, commit types, paths)";
      io.emit({ type: "warning", message });
    }
  }
  const nowhere: RepositoryLocation = { repository: null, note: null };
  const [tags, location] = await Promise.all([
    readTags(git, tagPrefixes(config, options)),
    options.locate === false ? nowhere : locateRepository(git, config, io.env),
  ]);
  const now = releaseInstant(io.env);
  return {
    git,
    config,
    head,
    tags,
    repository: location.repository,
    linksNote: location.note,
    now,
    emit: io.emit,
    env: io.env,
    cache: new SessionCache(),
  };
}
