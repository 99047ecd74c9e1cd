import type { Command } from "../commands/command.js";

/** Commands are imported only when run, so `relnotes --version` loads nothing heavy. */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  preview: async () => (await import("../commands/preview.js")).preview,
  bump: async () => (await import("../commands/bump.js")).bump,
  pr: async () => (await import("../commands/pr.js")).pr,
  "tag-merged": async () => (await import("../commands/tag-merged.js")).tagMerged,
  next: async () => (await import("../commands/next.js")).next,
  version: async () => (await import("../commands/version.js")).version,
  changelog: async () => (await import("../commands/changelog.js")).changelog,
  check: async () => (await import("../commands/check.js")).check,
  release: async () => (await import("../commands/release.js")).release,
  promote: async () => (await import("../commands/promote.js")).promote,
  deprecate: async () => (await import("../commands/deprecate.js")).deprecate,
  "verify-tag": async () => (await import("../commands/verify-tag.js")).verifyTagCommand,
  tags: async () => (await import("../commands/tags.js")).tags,
  init: async () => (await import("../commands/init.js")).init,
  completion: async () => (await import("../commands/completion.js")).completionCommand(commandTable),
};

/** Every command, loaded: for help and shell completion. */
export async function commandTable(): Promise<[string, Command][]> {
  return Promise.all(
    Object.entries(COMMANDS).map(async ([name, load]): Promise<[string, Command]> => [name, await load()]),
  );
}

/** Register a command module (kept in one table so `--help` lists every command). */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}
