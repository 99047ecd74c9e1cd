import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { RelnotesError } from "../errors.js";
import type { Emit } from "../events.js";

/** Who holds the release lock. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.host === "string" && typeof owner.startedAt === "string"
      ? (owner as LockOwner)
      : null;
  } catch {
    return null;
  }
}

/**
 * One release at a time per repository: `.git/relnotes/lock`, created
 * atomically (a complete temp file hard-linked into place, which fails when
 * the lock exists, like O_EXCL, and is never seen half-written) with the
 * holder's pid, host and start time.
 */
export class ReleaseLock {
  private constructor(
    readonly file: string,
    /** The stale lock taken over, if any: its run died. */
    readonly tookOverFrom: LockOwner | null,
  ) {}

  static acquire(dir: string, tmpDir: string, emit: Emit): ReleaseLock {
    mkdirSync(tmpDir, { recursive: true });
    const file = join(dir, "lock");
    const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    const temp = join(tmpDir, `lock.${process.pid}`);
    writeFileSync(temp, `${JSON.stringify(me)}\n`);
    let tookOverFrom: LockOwner | null = null;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          linkSync(temp, file);
          return new ReleaseLock(file, tookOverFrom);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 3) throw e;
        }
        const owner = readOwner(file);
        if (owner && (owner.host !== me.host || alive(owner.pid))) {
          throw new RelnotesError(
            `another release is in progress in this repository: relnotes (pid ${owner.pid} on ${owner.host}) ` +
              `has held ${file} since ${owner.startedAt}`,
            owner.host === me.host
              ? "wait for it to finish (it releases the lock when it ends), then run relnotes bump again"
              : "it runs on another machine sharing this repository; when it has finished (or if it died), " +
                  `remove the lock: rm ${file}`,
          );
        }
        // Dead holder on this host (or a lock too damaged to name one): move it aside, so only one of two racing runs takes it over.
        const aside = join(tmpDir, `stale-lock.${process.pid}`);
        try {
          renameSync(file, aside);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
          throw e;
        }
        const moved = readOwner(aside);
        if (moved && (moved.pid !== owner?.pid || moved.startedAt !== owner.startedAt)) {
          // Another run took the stale lock over between our read and the rename: give its lock back and retry.
          try {
            linkSync(aside, file);
          } catch {
            // Someone holds it again; the next attempt reads who.
          }
          rmSync(aside, { force: true });
          continue;
        }
        rmSync(aside, { force: true });
        tookOverFrom = owner;
        emit({
          type: "warning",
          message: owner
            ? `took over the release lock of relnotes pid ${owner.pid} (started ${owner.startedAt}), which is no ` +
              "longer running"
            : `took over an unreadable release lock (${file})`,
        });
      }
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Release the lock if it is still ours. */
  release(): void {
    const owner = readOwner(this.file);
    if (owner && owner.pid === process.pid && owner.host === hostname()) rmSync(this.file, { force: true });
  }
}
