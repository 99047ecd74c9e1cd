import { execFileSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { TOKEN } from "../helpers/github/fixture.js";
import { startFakeGitHub } from "../helpers/github/server.js";
import { cleanupTemp, gitIn, tempDir, writeFiles } from "../helpers/repo.js";
import { gpgKey, signedTag, useSigningKey, type GpgKey } from "../helpers/signing.js";
import { releasedRepo, type Released } from "../bump/setup.js";
import { ciCheckout, recipeRepoFiles, relnotesIn, runStep, stepScript, workflow, type Workflow } from "./harness.js";

const homes: string[] = [];
const keys: GpgKey[] = [];
afterAll(() => {
  for (const k of keys) k.dispose();
  for (const home of homes)
    execFileSync("gpgconf", ["--kill", "all"], { env: { ...process.env, GNUPGHOME: home }, stdio: "ignore" });
  cleanupTemp();
});

const RECIPE = "signed-aliases-hotfix";
const GITHUB_URL = "https://github.com/acme/share.git";
const IMAGE = "ghcr.io/acme/share-backend";
const CARGO = '[package]\nname = "share-backend"\nversion = "0.3.0"\nedition = "2021"\n';

function commit(r: Released, message: string, files: Record<string, string>): void {
  writeFiles(r.work.dir, files);
  r.work.git("add", "-A");
  r.work.git("commit", "-q", "-m", message);
}

/** A CI runner's empty keyring: the workflow's import step fills it from .github/release-signers.asc. */
function runnerKeyring(): Record<string, string> {
  const home = tempDir("rn-ci-gpg-");
  chmodSync(home, 0o700);
  homes.push(home);
  return { GNUPGHOME: home };
}

/** The release workflow's verify job as the runner runs it: import the keys, then verify the tag. */
async function verifyJob(wf: Workflow, r: Released, tag: string) {
  const checkout = ciCheckout(r.remote, tag, GITHUB_URL);
  const keyring = runnerKeyring();
  const imported = await runStep(stepScript(wf, "verify", "keys"), checkout, keyring);
  expect(imported.code, imported.stderr).toBe(0);
  return runStep(stepScript(wf, "verify", "tag"), checkout, { TAG: tag, ...keyring });
}

describe("recipe: signed tags, the full alias matrix and hotfix branches", () => {
  it("candidates unsigned, stable tags signed, a hotfix moves only its own line; CI accepts and refuses exactly", async () => {
    const maintainer = gpgKey("Share Maintainer", "author@example.com");
    const stranger = gpgKey("Someone Else", "author@example.com");
    keys.push(maintainer, stranger);
    const signers = execFileSync("gpg", ["--batch", "--armor", "--export", maintainer.fingerprint], {
      env: { ...process.env, ...maintainer.env },
      encoding: "utf8",
    });
    const r = releasedRepo({
      files: {
        ...recipeRepoFiles(RECIPE),
        "Cargo.toml": CARGO,
        "CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n",
        ".github/release-signers.asc": signers,
      },
      commits: [
        { message: "chore: share 0.3.0", files: { "src/main.rs": "fn main() {}\n" } },
        { message: "feat(links): expiring share links (#70)", files: { "src/links.rs": "pub fn expire() {}\n" } },
      ],
    });
    const dir = r.work.dir;
    useSigningKey(dir, maintainer);
    signedTag(dir, maintainer, "v0.3.0", "HEAD~1", "Release v0.3.0");
    r.work.git("push", "-q", "origin", "v0.3.0");
    // The maintainer tags; the tag workflow makes the GitHub release (bump --no-github).
    const dev = (args: string[]) =>
      relnotesIn(dir, args[0] === "bump" ? [...args, "--no-github"] : args, maintainer.env);
    const sha = (rev: string) => r.work.git("rev-parse", `${rev}^{commit}`).trim();

    // A release candidate: not signed, tagged "Release candidate …".
    let res = await dev(["bump", "--rc", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(r.work.git("cat-file", "-p", "v0.4.0-rc.1")).not.toContain("SIGNATURE");
    expect(r.work.git("cat-file", "-p", "v0.4.0-rc.1")).toContain("\nRelease candidate 0.4.0-rc.1\n");
    // Again, with nothing new: the next candidate, and the plan says why.
    res = await dev(["bump", "--rc", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(
      "0.4.0-rc.1 → 0.4.0-rc.2  (prerelease: no new commits since rc.1; rc.2 is tagged on a release commit that updates Cargo.toml)",
    );
    // The stable release: signed, on main, with the changelog dated.
    res = await dev(["bump", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(r.work.git("cat-file", "-p", "v0.4.0")).toContain("\nRelease v0.4.0\n-----BEGIN PGP SIGNATURE-----");

    // A hotfix of the 0.3 line, from a branch cut at v0.3.0.
    r.work.git("checkout", "-q", "-b", "hotfix/v0.3.1", "v0.3.0");
    commit(r, "fix(links): reject links to deleted files (#75)", { "src/links.rs": "pub fn check() {}\n" });
    r.work.git("push", "-q", "-u", "origin", "hotfix/v0.3.1");
    res = await dev(["bump", "--yes"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(
      "GitHub release: none by this run (--no-github); relnotes release v0.3.1 makes it published, not Latest (0.4.0 " +
        "is a higher stable release of the package)",
    );
    r.work.git("checkout", "-q", "main");

    const wf = workflow(RECIPE, "release.yml");
    const images = (...tags: string[]) => tags.map((t) => `${IMAGE}:${t}`).join("\n");
    const accepted: [string, string][] = [
      ["v0.4.0-rc.1", images("0.4.0-rc.1", `sha-${sha("v0.4.0-rc.1").slice(0, 7)}`)],
      ["v0.4.0-rc.2", images("0.4.0-rc.2", `sha-${sha("v0.4.0-rc.2").slice(0, 7)}`)],
      ["v0.4.0", images("0.4.0", "0.4", "latest", `sha-${sha("v0.4.0").slice(0, 7)}`)],
      ["v0.3.1", images("0.3.1", "0.3", `sha-${sha("v0.3.1").slice(0, 7)}`)],
    ];
    for (const [tag, expected] of accepted) {
      const ci = await verifyJob(wf, r, tag);
      expect(ci.code, `${tag}: ${ci.stderr}`).toBe(0);
      expect(ci.outputs.images, tag).toBe(expected);
    }

    // `relnotes tags` on the hotfix says why 0.3.1 leaves latest alone.
    const hotfix = JSON.parse((await dev(["tags", "v0.3.1", "--json"])).stdout) as { held: unknown };
    expect(hotfix.held).toEqual([{ alias: "latest", heldBy: "0.4.0" }]);

    // Main builds: edge, nightly, sha; never latest.
    const main = workflow(RECIPE, "main-images.yml");
    const checkout = ciCheckout(r.remote, "v0.4.0", GITHUB_URL);
    gitIn(checkout, ["checkout", "-q", "--detach", "origin/main"]);
    const edge = await runStep(stepScript(main, "edge", "tags"), checkout);
    expect(edge.code, edge.stderr).toBe(0);
    expect(edge.outputs).toEqual({
      images: images("edge", "nightly-2026-10-28", `sha-${sha("origin/main").slice(0, 7)}`),
    });

    // The release job: 0.4.0 becomes Latest, the later hotfix 0.3.1 does not.
    const github = await startFakeGitHub({ token: TOKEN, owner: "acme", repo: "share" });
    try {
      for (const tag of ["v0.4.0", "v0.3.1"]) {
        const ci = await runStep(stepScript(wf, "github-release", "release"), ciCheckout(r.remote, tag, GITHUB_URL), {
          TAG: tag,
          GITHUB_TOKEN: TOKEN,
          GITHUB_API_URL: github.url,
          RELNOTES_GITHUB_RETRY_MS: "1",
        });
        expect(ci.code, ci.stderr).toBe(0);
      }
      expect(github.writes().map((w) => [w.body?.tag_name, w.body?.make_latest])).toEqual([
        ["v0.4.0", "true"],
        ["v0.3.1", "false"],
      ]);
      expect(github.violations).toEqual([]);
    } finally {
      await github.close();
    }

    // Later, tags made by hand and pushed: CI accepts the unsigned candidate and refuses the rest.
    r.work.git("tag", "-a", "-m", "Release v0.4.1", "v0.4.1", "main");
    useSigningKey(dir, stranger);
    signedTag(dir, stranger, "v0.4.2", "main", "Release v0.4.2");
    useSigningKey(dir, maintainer);
    r.work.git("tag", "v0.4.3", "main");
    r.work.git("tag", "-a", "-m", "Release candidate 0.5.0-rc.1", "v0.5.0-rc.1", "main");
    for (const t of ["v0.4.1", "v0.4.2", "v0.4.3", "v0.5.0-rc.1"]) r.work.git("push", "-q", "origin", t);

    const candidate = await verifyJob(wf, r, "v0.5.0-rc.1");
    expect(candidate.code, candidate.stderr).toBe(0);
    expect(candidate.outputs.images).toBe(images("0.5.0-rc.1", `sha-${sha("main").slice(0, 7)}`));
    const refused: [string, string][] = [
      [
        "v0.4.1",
        'error: tag v0.4.1 is not signed, but the configuration requires signed stable tags (tag.sign.stable: "gpg")',
      ],
      ["v0.4.2", "error: the gpg signature of tag v0.4.2 does not verify"],
      [
        "v0.4.3",
        'error: tag v0.4.3 is a lightweight tag, and the configuration reads only annotated tags as releases (tag.annotated: "required")',
      ],
    ];
    for (const [tag, message] of refused) {
      const ci = await verifyJob(wf, r, tag);
      expect(ci.code, tag).toBe(1);
      expect(ci.stderr).toContain(message);
      expect(ci.outputs).toEqual({});
    }
  });
});
