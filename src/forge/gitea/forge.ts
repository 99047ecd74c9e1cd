import type { Forge } from "../types.js";
import { giteaLinks } from "./links.js";
import { inGiteaActions } from "./target.js";

/** The host of a URL, lower case, or null. */
function hostOf(url: string | undefined): string | null {
  if (!url?.trim()) return null;
  try {
    return new URL(url.trim()).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Gitea, Forgejo and Codeberg: the public hosts, and in a Gitea or Forgejo
 * Actions job the instance it runs on (GITHUB_SERVER_URL there names it);
 * any other self-hosted instance is named in config (`repository.forge: "gitea"`).
 */
export const gitea: Forge = {
  kind: "gitea",
  name: "Gitea",
  hosts: ["codeberg.org", "gitea.com"],
  recognizes: (host, env) => inGiteaActions(env) && hostOf(env.GITHUB_SERVER_URL) === host,
  links: giteaLinks,
  releases: { load: async () => (await import("./api.js")).adapter, setup: "export GITEA_TOKEN" },
};
