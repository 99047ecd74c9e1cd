import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BASE_EPOCH, gitIn, tempDir, type TestRepo } from "./repo.js";

/** One commit of a branching history: `parents[0]` is the first parent; more parents make a merge. */
export interface GraphCommit {
  id: string;
  branch: string;
  parents?: string[];
  message: string;
  files: Record<string, string>;
  /** Author and committer time (seconds since the epoch); default one minute after the previous commit's slot. */
  time?: number;
}

export interface GraphTag {
  name: string;
  at: string;
  /** Default true; false makes a lightweight tag. */
  annotated?: boolean;
}

export interface GraphSpec {
  /** Files of the first commit, e.g. cliff.config.json. */
  files?: Record<string, string>;
  commits: GraphCommit[];
  /** Created after every commit, in this order (each a minute later). */
  tags: GraphTag[];
  /** The branch checked out at the end. */
  head: string;
}

export interface GraphRepo extends TestRepo {
  /** The SHA of the commit with this id. */
  shaOf(id: string): string;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/** Build a branching history (merges, amended commits, tags anywhere) with one `git fast-import`, pinned dates. */
export function graphRepo(spec: GraphSpec, dir = tempDir()): GraphRepo {
  gitIn(dir, ["init", "-q", "-b", spec.head]);
  const mark = new Map<string, number>();
  const parts: string[] = [];
  spec.commits.forEach((c, i) => {
    const when = `${c.time ?? BASE_EPOCH + i * 60} +0000`;
    mark.set(c.id, i + 1);
    parts.push(
      `commit refs/heads/${c.branch}\nmark :${i + 1}\nauthor Test Author <author@example.com> ${when}\ncommitter Test Author <author@example.com> ${when}\n${data(c.message)}`,
    );
    const [first, ...others] = c.parents ?? [];
    if (first !== undefined) parts.push(`from :${mark.get(first)!}\n`);
    for (const o of others) parts.push(`merge :${mark.get(o)!}\n`);
    const files = { ...(i === 0 ? spec.files : {}), ...c.files };
    for (const [path, content] of Object.entries(files)) parts.push(`M 100644 inline ${path}\n${data(content)}`);
    parts.push("\n");
  });
  spec.tags.forEach((t, i) => {
    const when = `${BASE_EPOCH + (spec.commits.length + i) * 60} +0000`;
    if (t.annotated === false) parts.push(`reset refs/tags/${t.name}\nfrom :${mark.get(t.at)!}\n\n`);
    else
      parts.push(
        `tag ${t.name}\nfrom :${mark.get(t.at)!}\ntagger Test Author <author@example.com> ${when}\n${data(`release ${t.name}`)}`,
      );
  });
  const marksFile = join(tempDir("rn-marks-"), "marks");
  gitIn(dir, ["fast-import", "--quiet", "--done", `--export-marks=${marksFile}`], `${parts.join("")}done\n`);
  gitIn(dir, ["checkout", "-q", "-f", spec.head]);
  const shas = new Map<number, string>();
  for (const line of readFileSync(marksFile, "utf8").split("\n")) {
    const [m, sha] = line.split(" ");
    if (m && sha) shas.set(Number(m.slice(1)), sha);
  }
  const shaOf = (id: string): string => {
    const sha = shas.get(mark.get(id) ?? -1);
    if (!sha) throw new Error(`no commit ${id}`);
    return sha;
  };
  return {
    dir,
    shaOf,
    sha: (i) => shaOf(spec.commits[i]!.id),
    git: (...args) => gitIn(dir, args),
    cleanup: () => {},
  };
}
