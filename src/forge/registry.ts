import { bitbucketLinks } from "./bitbucket/links.js";
import { giteaLinks } from "./gitea/links.js";
import { githubLinks } from "./github/links.js";
import { gitlabLinks } from "./gitlab/links.js";
import type { ForgeKind, ForgeLinks } from "./types.js";

const LINKS: Record<ForgeKind, ForgeLinks> = { github: githubLinks, gitlab: gitlabLinks, gitea: giteaLinks, bitbucket: bitbucketLinks };

/** The link shapes of a forge. */
export function forgeLinks(forge: ForgeKind): ForgeLinks {
  return LINKS[forge];
}

const KNOWN_HOSTS: Record<string, ForgeKind> = {
  "github.com": "github",
  "gitlab.com": "gitlab",
  "codeberg.org": "gitea",
  "gitea.com": "gitea",
  "bitbucket.org": "bitbucket",
};

/**
 * The forge at `host`, only when it is known for sure: the public hosts,
 * GitHub Enterprise Cloud (`*.ghe.com`), and the GitHub Enterprise Server of
 * `GITHUB_SERVER_URL` (set by GitHub Actions). Anything else is null: a
 * self-hosted forge is named in config (`repository.forge`), never guessed.
 */
export function detectForge(host: string, env: NodeJS.ProcessEnv): ForgeKind | null {
  const h = host.toLowerCase();
  if (KNOWN_HOSTS[h]) return KNOWN_HOSTS[h];
  if (h.endsWith(".ghe.com")) return "github";
  const server = env.GITHUB_SERVER_URL?.trim();
  if (server) {
    try {
      if (new URL(server).hostname.toLowerCase() === h) return "github";
    } catch {
      // Not a URL: ignore it.
    }
  }
  return null;
}
