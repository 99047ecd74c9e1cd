import { RelnotesError } from "../../errors.js";
import type { ReleasePlan } from "../../plan/types.js";

/**
 * The machine-readable part of a release pull request's description: an HTML
 * comment (invisible on the forge's page) holding what `relnotes pr` planned,
 * so `relnotes tag-merged` knows what to tag after the merge without planning
 * again from a history the merge has changed.
 *
 *     <!-- relnotes-release {"format":1,"branch":"relnotes/release",…} -->
 */

/** One service of a release pull request. */
export interface BlockRelease {
  /** null: the single package. */
  service: string | null;
  version: string;
  tag: string;
  previousTag: string | null;
  prerelease: boolean;
}

export interface ReleaseBlock {
  format: 1;
  /** The release branch the pull request comes from. */
  branch: string;
  /** The stable branch's commit the release commit was built on. */
  base: string;
  /** The release commit on the release branch. */
  commit: string;
  releases: BlockRelease[];
  /** The files the release commit changed (repository-relative paths). */
  files: string[];
}

const MARK = "relnotes-release";
const BLOCK = new RegExp(`<!--\\s*${MARK}\\s+(\\{[\\s\\S]*?\\})\\s*-->`, "g");

/** The block's data for a plan written as `commit` on `branch` from `base`. */
export function releaseBlock(plan: ReleasePlan, at: { branch: string; base: string; commit: string }): ReleaseBlock {
  return {
    format: 1,
    branch: at.branch,
    base: at.base,
    commit: at.commit,
    releases: plan.releases.map((r) => ({
      service: r.service,
      version: r.version,
      tag: r.tag,
      previousTag: r.previousTag,
      prerelease: r.prerelease,
    })),
    files: plan.files.map((f) => f.path),
  };
}

/**
 * The block as an HTML comment. `<` and `>` are written as JSON escapes, so no
 * text inside (a tag, a path) can end the comment early.
 */
export function formatBlock(block: ReleaseBlock): string {
  const json = JSON.stringify(block).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return `<!-- ${MARK} ${json} -->`;
}

const fail = (where: string, problem: string): never => {
  throw new RelnotesError(
    `${where}: the relnotes block in its description ${problem}`,
    "run `relnotes pr` on the stable branch to write the release pull request again",
  );
};

const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;

function checkRelease(value: unknown, where: string, i: number): BlockRelease {
  const r = value as Partial<BlockRelease> | null;
  if (
    typeof r !== "object" ||
    r === null ||
    !(r.service === null || isString(r.service)) ||
    !isString(r.version) ||
    !isString(r.tag) ||
    !(r.previousTag === null || isString(r.previousTag)) ||
    typeof r.prerelease !== "boolean"
  )
    return fail(where, `has an unreadable release at position ${i + 1}`);
  return {
    service: r.service,
    version: r.version,
    tag: r.tag,
    previousTag: r.previousTag,
    prerelease: r.prerelease,
  };
}

/**
 * The block in a pull request's description, or null when there is none.
 * A block that is there but unreadable, or two blocks, stop with the pull
 * request named (`where`, e.g. "pull request #12"): tagging from a guess is
 * worse than not tagging.
 */
export function parseBlock(body: string, where: string): ReleaseBlock | null {
  const found = [...body.matchAll(BLOCK)];
  if (found.length === 0) return null;
  if (found.length > 1) return fail(where, `appears ${found.length} times`);
  let data: unknown;
  try {
    data = JSON.parse(found[0]![1]!);
  } catch {
    return fail(where, "is not valid JSON (was it edited by hand?)");
  }
  const b = data as Partial<ReleaseBlock> | null;
  if (typeof b !== "object" || b === null) return fail(where, "is not an object");
  if (b.format !== 1) return fail(where, `has format ${JSON.stringify(b.format)}; this relnotes reads format 1`);
  if (!isString(b.branch) || !isString(b.base) || !isString(b.commit))
    return fail(where, "lacks its branch, base or commit");
  if (!/^[0-9a-f]{40,64}$/.test(b.base) || !/^[0-9a-f]{40,64}$/.test(b.commit))
    return fail(where, "names a base or commit that is not a full commit id");
  if (!Array.isArray(b.releases) || b.releases.length === 0) return fail(where, "lists no releases");
  if (!Array.isArray(b.files) || !b.files.every(isString)) return fail(where, "has an unreadable file list");
  return {
    format: 1,
    branch: b.branch,
    base: b.base,
    commit: b.commit,
    releases: b.releases.map((r, i) => checkRelease(r, where, i)),
    files: [...b.files],
  };
}
