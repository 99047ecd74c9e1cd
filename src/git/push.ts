import type { Git } from "./run.js";

/** Why the remote refused a ref: it moved on (non-fast-forward, tag exists), or one of its hooks declined. */
export type RejectionCause = "non-fast-forward" | "remote-hook" | "other";

export type PushOutcome =
  | { status: "pushed" | "up-to-date" }
  | { status: "rejected"; cause: RejectionCause; reason: string }
  | { status: "failed"; reason: string };

const PUSH_ARGS = ["push", "--porcelain", "--no-follow-tags", "--no-signed"];

/**
 * Push one refspec, without force and without following tags (a user's
 * `push.followTags` would otherwise send several tags in one push).
 */
export async function pushRefspec(git: Git, remote: string, refspec: string): Promise<PushOutcome> {
  return (await pushRefspecs(git, remote, [refspec]))[0]!;
}

/**
 * `git push --dry-run` of several refspecs at once: reaches the remote,
 * authenticates and compares refs without sending or changing anything (the
 * remote's hooks do not run). One outcome per refspec, in order.
 */
export function dryRunPush(git: Git, remote: string, refspecs: readonly string[]): Promise<PushOutcome[]> {
  return pushRefspecs(git, remote, refspecs, ["--dry-run"]);
}

export async function pushRefspecs(
  git: Git,
  remote: string,
  refspecs: readonly string[],
  extra: string[] = [],
): Promise<PushOutcome[]> {
  const r = await git.network([...PUSH_ARGS, ...extra, "--end-of-options", remote, ...refspecs], {
    allowFailure: true,
  });
  // Porcelain lines: <flag>\t<from>:<to>\t<summary> (<reason>)
  const byDestination = new Map<string, PushOutcome>();
  for (const line of r.stdout.split("\n")) {
    const m = /^([ +\-*!=])\t([^\t]*)\t(.*)$/.exec(line);
    if (!m) continue;
    const [, flag, refs = "", summary = ""] = m;
    const to = refs.slice(refs.lastIndexOf(":") + 1);
    if (flag === "=") byDestination.set(to, { status: "up-to-date" });
    else if (flag === "!")
      byDestination.set(to, {
        status: "rejected",
        cause: rejectionCause(summary),
        reason: `${summary}${remoteMessages(r.stderr)}`,
      });
    else byDestination.set(to, { status: "pushed" });
  }
  const anyRejected = [...byDestination.values()].some((o) => o.status === "rejected");
  const failed: PushOutcome = { status: "failed", reason: r.stderr.trim() || `git push exited ${r.code}` };
  return refspecs.map((spec) => {
    const outcome = byDestination.get(destination(spec));
    if (!outcome) return failed;
    // A line without "!" on a push that failed as a whole (e.g. the connection dropped after the refs were
    // listed); a rejected ref alone explains the exit code, and the others' lines stand.
    if (outcome.status === "pushed" && r.code !== 0 && !anyRejected) return failed;
    return outcome;
  });
}

/** `abc:refs/heads/main` → `refs/heads/main`. */
function destination(refspec: string): string {
  return refspec.slice(refspec.lastIndexOf(":") + 1);
}

/** `[remote rejected] (pre-receive hook declined)` is a hook; `[rejected] (non-fast-forward)`, `(fetch first)`, `(already exists)` mean the remote moved. */
export function rejectionCause(summary: string): RejectionCause {
  if (/^\[remote rejected\]/.test(summary)) return "remote-hook";
  if (/^\[rejected\]\s+\((non-fast-forward|fetch first|already exists|stale info)\)/.test(summary))
    return "non-fast-forward";
  return "other";
}

/** Lines the remote's hooks printed (`remote: …`), which say why it declined. */
function remoteMessages(stderr: string): string {
  const lines = stderr
    .split("\n")
    .filter((l) => l.startsWith("remote: "))
    .map((l) => l.slice(8).trim())
    .filter(Boolean);
  return lines.length > 0 ? ` — remote said: ${lines.join(" / ")}` : "";
}
