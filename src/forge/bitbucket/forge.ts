import type { Forge } from "../types.js";
import { bitbucketLinks } from "./links.js";

/** Bitbucket Cloud. */
export const bitbucket: Forge = {
  kind: "bitbucket",
  name: "Bitbucket",
  hosts: ["bitbucket.org"],
  links: bitbucketLinks,
};
