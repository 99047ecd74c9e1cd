import type { Forge } from "../types.js";
import { gitlabLinks } from "./links.js";

/** gitlab.com; a self-hosted GitLab is named in config (`repository.forge: "gitlab"`). */
export const gitlab: Forge = { kind: "gitlab", name: "GitLab", hosts: ["gitlab.com"], links: gitlabLinks };
