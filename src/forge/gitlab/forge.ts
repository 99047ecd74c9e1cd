import type { Forge } from "../types.js";
import { gitlabLinks } from "./links.js";

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
 * gitlab.com, and in a GitLab CI job the instance it runs on (CI_SERVER_URL);
 * any other self-hosted GitLab is named in config (`repository.forge: "gitlab"`).
 */
export const gitlab: Forge = {
  kind: "gitlab",
  name: "GitLab",
  hosts: ["gitlab.com"],
  recognizes: (host, env) => env.GITLAB_CI === "true" && hostOf(env.CI_SERVER_URL) === host,
  links: gitlabLinks,
  releases: { load: async () => (await import("./api.js")).adapter, setup: "export GITLAB_TOKEN" },
};
