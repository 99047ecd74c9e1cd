import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Pinned identity and dates so every run builds byte-identical repositories. */
export const BASE_EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z
export const TEST_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.com",
  GIT_COMMITTER_NAME: "Test Author",
  GIT_COMMITTER_EMAIL: "author@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  LC_ALL: "C",
};

export interface CommitSpec {
  message: string;
  /** Files to write (string) or delete (null). Default: a file named after the commit. */
  files?: Record<string, string | null>;
  /** Lightweight tags on this commit. */
  tags?: string[];
  /** Annotated tags on this commit. */
  annotated?: string[];
}

export interface RepoSpec {
  commits: CommitSpec[];
  /** Files in the first commit (e.g. cliff.config.json). */
  files?: Record<string, string>;
  branch?: string;
}

export interface TestRepo {
  dir: string;
  /** SHA of the i-th commit of the spec. */
  sha(i: number): string;
  git(...args: string[]): string;
  cleanup(): void;
}

const tempRoots: string[] = [];

export function tempDir(prefix = "relnotes-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempRoots.push(dir);
  return dir;
}

export function cleanupTemp(): void {
  for (const d of tempRoots.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function gitIn(dir: string, args: string[], input?: string, env: Record<string, string> = {}): string {
  return execFileSync("git", args, {
    cwd: dir,
    env: { ...process.env, ...TEST_ENV, ...env },
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/**
 * Build a repository with `git fast-import`: one process however many
 * commits, with pinned dates (one minute apart from 2026-01-01 UTC).
 */
export function repo(spec: RepoSpec, dir = tempDir()): TestRepo {
  const branch = spec.branch ?? "main";
  gitIn(dir, ["init", "-q", "-b", branch]);
  const parts: string[] = [];
  spec.commits.forEach((c, i) => {
    const when = `${BASE_EPOCH + i * 60} +0000`;
    parts.push(
      `commit refs/heads/${branch}\nmark :${i + 1}\nauthor Test Author <author@example.com> ${when}\ncommitter Test Author <author@example.com> ${when}\n${data(c.message)}`,
    );
    if (i > 0) parts.push(`from :${i}\n`);
    const files = { ...(i === 0 ? spec.files : {}), ...(c.files ?? { [`file-${i}.txt`]: `${c.message}\n` }) };
    for (const [path, content] of Object.entries(files)) {
      parts.push(content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`);
    }
    parts.push("\n");
    for (const t of c.tags ?? []) parts.push(`reset refs/tags/${t}\nfrom :${i + 1}\n\n`);
    for (const t of c.annotated ?? [])
      parts.push(`tag ${t}\nfrom :${i + 1}\ntagger Test Author <author@example.com> ${when}\n${data(`release ${t}`)}`);
  });
  gitIn(dir, ["fast-import", "--quiet", "--done"], `${parts.join("")}done\n`);
  gitIn(dir, ["checkout", "-q", "-f", branch]);
  const marks = gitIn(dir, ["rev-list", "--reverse", branch]).trim().split("\n");
  return {
    dir,
    sha: (i) => marks[i]!,
    git: (...args) => gitIn(dir, args),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Make one real commit with `git commit` (for the few tests that need the porcelain). */
export function commit(
  dir: string,
  message: string,
  files: Record<string, string> = { [`f-${Math.random().toString(36).slice(2)}.txt`]: message },
): string {
  writeFiles(dir, files);
  gitIn(dir, ["add", "-A"]);
  gitIn(dir, ["commit", "-q", "-m", message]);
  return gitIn(dir, ["rev-parse", "HEAD"]).trim();
}

export { spawnSync };
