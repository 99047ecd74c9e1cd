import type { Forge } from "../types.js";
import { giteaLinks } from "./links.js";

/** Gitea, Forgejo and Codeberg; a self-hosted one is named in config (`repository.forge: "gitea"`). */
export const gitea: Forge = { kind: "gitea", name: "Gitea", hosts: ["codeberg.org", "gitea.com"], links: giteaLinks };
