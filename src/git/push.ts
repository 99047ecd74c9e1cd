import type { Git } from "./run.js";

export type PushOutcome =
  | { status: "pushed" | "up-to-date" }
  | { status: "rejected"; reason: string }
  | { status: "failed"; reason: string };

/**
 * Push one refspec, without force and without following tags (a user's
 * `push.followTags` would otherwise send several tags in one push).
 */
export async function pushRefspec(git: Git, remote: string, refspec: string): Promise<PushOutcome> {
  const r = await git.run(["push", "--porcelain", "--no-follow-tags", "--no-signed", "--end-of-options", remote, refspec], { allowFailure: true });
  // Porcelain lines: <flag>\t<from>:<to>\t<summary> (<reason>)
  for (const line of r.stdout.split("\n")) {
    const m = /^([ +\-*!=])\t[^\t]*\t(.*)$/.exec(line);
    if (!m) continue;
    const [, flag, summary = ""] = m;
    if (flag === "=") return { status: "up-to-date" };
    if (flag === "!") return { status: "rejected", reason: `${summary}${remoteMessages(r.stderr)}` };
    if (r.code === 0) return { status: "pushed" };
  }
  return { status: "failed", reason: r.stderr.trim() || `git push exited ${r.code}` };
}

/** Lines the remote's hooks printed (`remote: …`), which say why it declined. */
function remoteMessages(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.startsWith("remote: ")).map((l) => l.slice(8).trim()).filter(Boolean);
  return lines.length > 0 ? ` — remote said: ${lines.join(" / ")}` : "";
}
