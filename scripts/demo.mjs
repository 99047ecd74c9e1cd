// npm run demo: build the bundled example monorepo (examples/demo/history.json)
// in a temporary folder with a local bare "origin", then run relnotes on it.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist", "cli.js");
const spec = JSON.parse(readFileSync(join(root, "examples", "demo", "history.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "relnotes-demo-"));
const repoDir = join(work, "platform");
const remoteDir = join(work, "origin.git");
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "Demo",
  GIT_AUTHOR_EMAIL: "demo@example.com",
  GIT_COMMITTER_NAME: "Demo",
  GIT_COMMITTER_EMAIL: "demo@example.com",
};
const git = (cwd, args, input) => execFileSync("git", args, { cwd, env, input, encoding: "utf8" });

/** One fast-import stream for the whole history: dated one day apart. */
function fastImport() {
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const start = Date.UTC(2026, 9, 1) / 1000;
  let stream = "";
  spec.commits.forEach((c, i) => {
    const when = `${start + i * 86_400} +0000`;
    stream += `commit refs/heads/main\nmark :${i + 1}\nauthor Demo <demo@example.com> ${when}\ncommitter Demo <demo@example.com> ${when}\n${data(c.message)}`;
    if (i > 0) stream += `from :${i}\n`;
    for (const [path, text] of Object.entries({ ...(i === 0 ? spec.files : {}), ...c.files }))
      stream += `M 100644 inline ${path}\n${data(text)}`;
    stream += "\n";
    for (const t of c.tags ?? [])
      stream += `tag ${t}\nfrom :${i + 1}\ntagger Demo <demo@example.com> ${when}\n${data(`release ${t}`)}`;
  });
  return `${stream}done\n`;
}

function run(title, args) {
  console.log(`\n$ relnotes ${args.join(" ")}    # ${title}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoDir, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

git(work, ["init", "-q", "--bare", "-b", "main", remoteDir]);
git(work, ["init", "-q", "-b", "main", repoDir]);
git(repoDir, ["fast-import", "--quiet", "--done"], fastImport());
git(repoDir, ["checkout", "-q", "-f", "main"]);
git(repoDir, ["remote", "add", "origin", remoteDir]);
git(repoDir, ["push", "-q", "origin", "main", "--tags"]);
console.log(`Example monorepo: ${repoDir}\n(${spec.description})`);

run("what each service would release, and why", ["preview"]);
run("the api release with the exact file edits", ["preview", "api", "--diff", "--no-notes"]);
run("api's whole changelog regenerated from its tags", ["changelog", "api"]);
run(
  "release api and vault: changelogs, manifest, release commit, one tag per push to the local origin (no GitHub here)",
  ["bump", "api", "vault", "--yes", "--no-log", "--no-github"],
);
console.log(
  `\n$ git ls-remote --tags origin    # the remote now has the new tags\n\n${git(repoDir, ["ls-remote", "--tags", "origin"])}`,
);
