import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { RelnotesError } from "../errors.js";
import { writeFileAtomic } from "../fs/atomic.js";
import { gitDir } from "../git/status.js";
import type { Git } from "../git/run.js";
import type { TagSigning } from "../git/tag.js";
import type { Emit } from "../events.js";
import { FORMAT_1_PUBLISH, type HostTerms, type PublishMode } from "../forge/settings.js";
import { ReleaseLock } from "./lock.js";

/** One release as apply needs it; saved so a resumed run does not re-plan. */
export interface SavedRelease {
  service: string | null;
  version: string;
  tag: string;
  previousTag: string | null;
  prerelease: boolean;
  notes: string;
  compareUrl: string | null;
  tagMessage: string;
  /** How this tag is signed (config tag.sign for its kind). */
  sign: TagSigning;
}

export interface SavedFile {
  path: string;
  before: string | null;
  after: string;
}

export type StepKind = "write" | "hooks" | "commit" | "tag" | "push-branch" | "push-tag" | "publish";

/**
 * Step ids (also what apply publishes when a step has acted, for the tests' kill-after preload):
 * `write`, `hooks`, `commit`, `tag:<tag>`, `push-branch`, `push:<tag>`, `publish:<tag>`.
 */
export interface Step {
  id: string;
  kind: StepKind;
  tag?: string;
  done: boolean;
}

/** Everything needed to finish a release after the process died; JSON under .git/relnotes/. */
export interface ReleaseState {
  format: 2;
  startedAt: string;
  remote: string;
  branch: string;
  /** HEAD when the release started: the parent of the release commit, or the tagged commit. */
  startHead: string;
  /** Tracked files that were already modified before relnotes wrote anything (--allow-dirty). */
  dirtyAtStart: string[];
  hooks: (string | string[])[];
  hookEnv: Record<string, string>;
  /** null when no file changes: nothing is committed, HEAD is tagged. */
  commitMessage: string | null;
  releases: SavedRelease[];
  files: SavedFile[];
  /** Tracked files the hooks changed; they go into the release commit. */
  hookChanged: string[];
  /** The release commit, once made. */
  commit: string | null;
  /** Tag name → tag object, once created. */
  tagObjects: Record<string, string>;
  /** Publish the releases on the forge, as drafts, or not (false). */
  publish: PublishMode;
  /** How messages name the forge and the settings that skip publishing (saved: a resumed run says the same). */
  host: HostTerms;
  repositoryUrl: string | null;
  /**
   * The merged release pull request whose merge commit `relnotes tag-merged`
   * tags (`startHead`); relabelled once the release is complete. Absent in
   * the journals of `relnotes bump` (and in every journal written before it).
   */
  pullRequest?: number;
  steps: Step[];
}

/** Where the unfinished release of this worktree is kept. */
export class StateStore {
  private constructor(readonly dir: string) {}

  static async open(git: Git): Promise<StateStore> {
    return new StateStore(join(await gitDir(git), "relnotes"));
  }

  get file(): string {
    return join(this.dir, "release.json");
  }

  /** Temporary files of relnotes (never in the work tree); swept at the start of each run. */
  get tmpDir(): string {
    return join(this.dir, "tmp");
  }

  /** Remove what a killed run left in tmp/. Only called while holding the release lock. */
  async sweepTemp(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
  }

  /** The unfinished release, or null. `host`: the terms a format-1 journal (which saved none) is given. */
  async load(host: HostTerms): Promise<ReleaseState | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    let state: ReleaseState;
    try {
      state = JSON.parse(text) as ReleaseState;
    } catch {
      throw new RelnotesError(`${this.file} is not valid JSON`, "inspect it; if no release is in progress, delete it");
    }
    if ((state.format as number) === 1) state = fromFormat1(state as unknown as Format1, host);
    if (state.format !== 2)
      throw new RelnotesError(
        `${this.file} was written by another relnotes version (format ${String(state.format)})`,
        "finish it with that version, or delete the file",
      );
    // Written before signing was per kind: one value for every tag.
    const legacy = (state as { sign?: TagSigning }).sign;
    for (const r of state.releases) r.sign ??= legacy ?? false;
    return state;
  }

  /** Write atomically (a temp file in tmp/ renamed over the old one), so a kill never leaves half a file. */
  async save(state: ReleaseState): Promise<void> {
    writeFileAtomic(this.file, `${JSON.stringify(state, null, 2)}\n`, this.tmpDir);
  }

  async remove(): Promise<void> {
    await rm(this.file, { force: true });
  }

  /** Take the one-release-at-a-time lock (see ReleaseLock). */
  lock(emit: Emit): ReleaseLock {
    return ReleaseLock.acquire(this.dir, this.tmpDir, emit);
  }
}

export function pendingSteps(state: ReleaseState): Step[] {
  return state.steps.filter((s) => !s.done);
}

export function describeStep(step: Step, state: ReleaseState): string {
  switch (step.kind) {
    case "write":
      return `write ${state.files.map((f) => f.path).join(", ")}`;
    case "hooks":
      return `run hooks.beforeCommit (${state.hooks.length})`;
    case "commit":
      return `release commit "${state.commitMessage ?? ""}"`;
    case "tag":
      return `create tag ${step.tag}`;
    case "push-branch":
      return `push the release commit to ${state.remote}/${state.branch}`;
    case "push-tag":
      return `push tag ${step.tag} to ${state.remote}`;
    case "publish":
      return `${state.host.host} release for ${step.tag}`;
  }
}

/** A journal of format 1: the publish step and its mode went by the names in FORMAT_1_PUBLISH. */
type Format1 = Omit<ReleaseState, "format" | "publish" | "host" | "steps"> & {
  format: 1;
  steps: (Omit<Step, "kind"> & { kind: string })[];
} & Record<string, unknown>;

/**
 * Read a journal of format 1 as format 2: the publish step's kind and id
 * prefix, and its mode's field, take their new names; `host` is the current
 * host's terms (format 1 had one host).
 */
function fromFormat1(old: Format1, host: HostTerms): ReleaseState {
  const { stepKind, field } = FORMAT_1_PUBLISH;
  const { [field]: mode, format: _format, steps, ...rest } = old;
  return {
    ...rest,
    format: 2,
    publish: (mode ?? false) as PublishMode,
    host,
    steps: steps.map((s) =>
      s.kind === stepKind ? { ...s, kind: "publish", id: `publish:${s.id.slice(stepKind.length + 1)}` } : (s as Step),
    ),
  };
}
