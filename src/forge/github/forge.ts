import type { Forge } from "../types.js";
import { githubLinks } from "./links.js";

/**
 * github.com, GitHub Enterprise Cloud (`*.ghe.com`) and the GitHub Enterprise
 * Server of `GITHUB_SERVER_URL` (set by GitHub Actions).
 */
export const github: Forge = {
  kind: "github",
  name: "GitHub",
  hosts: ["github.com"],
  recognizes(host, env) {
    if (host.endsWith(".ghe.com")) return true;
    // Gitea and Forgejo Actions runners set GITHUB_SERVER_URL too, to their own instance.
    if (env.GITEA_ACTIONS === "true" || env.FORGEJO_ACTIONS === "true") return false;
    const server = env.GITHUB_SERVER_URL?.trim();
    if (!server) return false;
    try {
      return new URL(server).hostname.toLowerCase() === host;
    } catch {
      // Not a URL: ignore it.
      return false;
    }
  },
  links: githubLinks,
  releases: { load: async () => (await import("./api.js")).adapter, setup: "export GITHUB_TOKEN" },
};
