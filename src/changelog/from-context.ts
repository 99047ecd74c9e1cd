import { readFileSync } from "node:fs";
import { RelnotesError } from "../errors.js";
import type { ReleaseContext } from "../render/context.js";

/** Read contexts dumped by `--context` (one object or an array) for rendering without git. */
export function readContexts(path: string): ReleaseContext[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new RelnotesError(
      `${path}: cannot read a render context: ${(e as Error).message}`,
      "produce one with: relnotes changelog <service> --context > context.json",
    );
  }
  const list = Array.isArray(data) ? data : [data];
  list.forEach((c, i) => {
    const ok =
      typeof c === "object" &&
      c !== null &&
      typeof (c as { version?: unknown }).version === "string" &&
      Array.isArray((c as { sections?: unknown }).sections);
    if (!ok)
      throw new RelnotesError(
        `${path}: entry ${i} is not a release context (needs "version" and "sections")`,
        "see docs/render-context.md for the fields",
      );
  });
  return list as ReleaseContext[];
}
