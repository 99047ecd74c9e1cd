import type { ForgeKind } from "../config/types.js";
import type { ForgeAdapter } from "./port.js";

/** How one forge shapes its web links. Each forge shape has its own small module. */
export interface ForgeLinks {
  /** The changes between two refs. */
  compare(base: string, from: string, to: string): string;
  /** The page of a release tag. */
  tag(base: string, tag: string): string;
  commit(base: string, sha: string): string;
  /** A pull request (GitLab: merge request). */
  pullRequest(base: string, n: number): string;
}

/**
 * One forge as relnotes knows it: its name, the hosts that are it for sure,
 * its link shapes and, when relnotes can publish releases there, the loader
 * of its API adapter. Each forge folder exports one; src/forge/registry.ts
 * lists them.
 */
export interface Forge {
  kind: ForgeKind;
  /** The name users know it by, in messages: "GitHub". */
  name: string;
  /** Public hosts that are this forge for sure (lower case). */
  hosts: readonly string[];
  /** Hosts recognized beyond `hosts`, for sure only (an Enterprise domain, a host the CI environment names). */
  recognizes?(host: string, env: NodeJS.ProcessEnv): boolean;
  links: ForgeLinks;
  /** Where relnotes can publish releases: the API adapter, loaded on first use (it brings the HTTP client). */
  releases?: {
    load(): Promise<ForgeAdapter>;
    /** What gives relnotes access, in a hint: "export GITHUB_TOKEN". */
    setup: string;
  };
}

export type { ForgeKind };

/** A ref in a URL path: each segment encoded, slashes kept (`api/v1.2.0`). */
export const encodeRef = (ref: string): string => ref.split("/").map(encodeURIComponent).join("/");
