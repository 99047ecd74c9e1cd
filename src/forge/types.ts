import type { ForgeKind } from "../config/types.js";

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

export type { ForgeKind };

/** A ref in a URL path: each segment encoded, slashes kept (`api/v1.2.0`). */
export const encodeRef = (ref: string): string => ref.split("/").map(encodeURIComponent).join("/");
