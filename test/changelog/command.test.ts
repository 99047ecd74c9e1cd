import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { relnotes } from "../helpers/cli.js";
import { cleanupTemp, gitIn, repo } from "../helpers/repo.js";

const REPO = "https://github.com/acme/platform";

/** A service changelog in Keep a Changelog's reference style, with its own header and hand-written Unreleased notes. */
const CHANGELOG = `# api changelog

Owned by the [API team][team].

## [Unreleased]

- Operators: set \`API_KEYS_TTL\` before upgrading.

## [1.0.0] - 2025-12-01

- first release, described by hand

[Unreleased]: ${REPO}/compare/api/v1.0.0...HEAD
[1.0.0]: ${REPO}/releases/tag/api/v1.0.0
[team]: https://example.com/teams/api
`;

function fixture() {
  const r = repo({
    files: {
      "cliff.config.json": JSON.stringify({
        services: { api: { paths: ["svc/api/"], changelog: "svc/api/CHANGELOG.md" } },
      }),
      "svc/api/CHANGELOG.md": CHANGELOG,
    },
    commits: [
      { message: "feat(api): first release", files: { "svc/api/main.go": "1" }, annotated: ["api/v1.0.0"] },
      { message: "fix(api): expire keys on time (#7)", files: { "svc/api/keys.go": "k" }, annotated: ["api/v1.0.1"] },
      { message: "feat(api): key scopes", files: { "svc/api/scopes.go": "s" } },
    ],
  });
  gitIn(r.dir, ["remote", "add", "origin", `${REPO}.git`]);
  return r;
}

afterAll(cleanupTemp);

describe("relnotes changelog over an existing file", () => {
  it("-o keeps the file's header, hand-written notes (Unreleased and releases), reference style and other definitions; a second run changes nothing", () => {
    const r = fixture();
    const first = relnotes(r.dir, ["changelog", "api", "-o", "svc/api/CHANGELOG.md"]);
    expect(first.code, first.stderr).toBe(0);
    const written = readFileSync(join(r.dir, "svc/api/CHANGELOG.md"), "utf8");
    expect(written).toBe(`# api changelog

Owned by the [API team][team].

## [Unreleased]

- Operators: set \`API_KEYS_TTL\` before upgrading.

### Features

- **api:** key scopes ([${r.sha(2).slice(0, 7)}](${REPO}/commit/${r.sha(2)}))

## [1.0.1] - 2026-01-01

### Bug Fixes

- **api:** expire keys on time ([#7](${REPO}/pull/7)) ([${r.sha(1).slice(0, 7)}](${REPO}/commit/${r.sha(1)}))

## [1.0.0] - 2026-01-01

- first release, described by hand

### Features

- **api:** first release ([${r.sha(0).slice(0, 7)}](${REPO}/commit/${r.sha(0)}))

[Unreleased]: ${REPO}/compare/api/v1.0.1...HEAD
[1.0.1]: ${REPO}/compare/api/v1.0.0...api/v1.0.1
[1.0.0]: ${REPO}/releases/tag/api/v1.0.0
[team]: https://example.com/teams/api
`);
    expect(first.stderr).toContain(
      "svc/api/CHANGELOG.md: kept what the history does not write in 1 release section: 1.0.0 (line 9) (--replace writes only the " +
        "history's text)",
    );
    expect(relnotes(r.dir, ["changelog", "api"]).stdout).toBe(written);
    expect(relnotes(r.dir, ["changelog", "api", "-o", "svc/api/CHANGELOG.md"]).code).toBe(0);
    expect(readFileSync(join(r.dir, "svc/api/CHANGELOG.md"), "utf8")).toBe(written);
  });

  it("-o over another tool's file: its entries are not written twice, and releases the history lacks stay in place", () => {
    // Written by another tool: `*` bullets, links to issues, a release made before the project moved here (0.9.0, no
    // tag), a deprecation notice, and an entry for a chore the history does not count.
    const other = `# Changelog

## [1.0.1](${REPO}/compare/api/v1.0.0...api/v1.0.1) (2026-01-01)

> **Deprecated:** use 1.0.2.

### Bug Fixes

* **api:** expire keys on time ([#7](${REPO}/issues/7)) ([abc1234](${REPO}/commit/abc1234))
* **deps:** bump the key store client

## [1.0.0](${REPO}/releases/tag/api/v1.0.0) (2026-01-01)

### Features

* **api:** first release

## [0.9.0] (2025-06-01)

### Features

* **api:** preview, imported with the code
`;
    const r = fixture();
    writeFileSync(join(r.dir, "CHANGELOG.md"), other);
    const res = relnotes(r.dir, ["changelog", "api", "-o", "CHANGELOG.md"]);
    expect(res.code, res.stderr).toBe(0);
    const written = readFileSync(join(r.dir, "CHANGELOG.md"), "utf8");
    // Each entry once: the other tool's copy of a generated entry is left out.
    expect(written.match(/expire keys on time/g)).toHaveLength(1);
    expect(written.match(/first release/g)).toHaveLength(1);
    // What only the file says stays: the notice, the chore entry, the release before the history.
    expect(written).toContain("> **Deprecated:** use 1.0.2.");
    expect(written).toContain("* **deps:** bump the key store client");
    expect(written).toMatch(
      /## \[1\.0\.0\][^\n]*\n[\s\S]*## \[0\.9\.0\] \(2025-06-01\)\n\n### Features\n\n\* \*\*api:\*\* preview, imported/,
    );
    expect(res.stderr).toContain(
      "CHANGELOG.md: kept what the history does not write in 1 release section: 1.0.1 (line 3) (--replace writes " +
        "only the history's text)",
    );
    expect(res.stderr).toContain(
      "CHANGELOG.md: kept as written 1 release section the history does not render (pre-releases, releases with no " +
        "tag): 0.9.0 (line 18)",
    );
    // Running again changes nothing.
    expect(relnotes(r.dir, ["changelog", "api", "-o", "CHANGELOG.md"]).code).toBe(0);
    expect(readFileSync(join(r.dir, "CHANGELOG.md"), "utf8")).toBe(written);
    // --replace: tagged releases as the history writes them; the release the history lacks still stays.
    const replaced = relnotes(r.dir, ["changelog", "api", "-o", "CHANGELOG.md", "--replace"]);
    expect(replaced.code, replaced.stderr).toBe(0);
    const plain = readFileSync(join(r.dir, "CHANGELOG.md"), "utf8");
    expect(plain).not.toContain("bump the key store client");
    expect(plain).not.toContain("Deprecated");
    expect(plain).toContain("## [0.9.0] (2025-06-01)");
  });

  it("an unknown changelog.links value is a config error naming the key", () => {
    const r = repo({
      files: { "cliff.config.json": JSON.stringify({ changelog: { links: "footnotes" } }) },
      commits: [{ message: "feat: first", annotated: ["v1.0.0"] }],
    });
    const out = relnotes(r.dir, ["changelog"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("changelog.links");
    expect(out.stderr).toContain('"references"');
  });

  it("-o to a new file starts it with the configured header", () => {
    const r = fixture();
    expect(relnotes(r.dir, ["changelog", "api", "-o", "out.md"]).code).toBe(0);
    expect(readFileSync(join(r.dir, "out.md"), "utf8")).toMatch(
      /^# Changelog\n\nAll notable changes to this project are documented in this file\.\n[\s\S]*\n## \[Unreleased\]\n\n### Features\n/,
    );
  });

  it("--unreleased shows what people wrote under Unreleased with the generated entries", () => {
    const r = fixture();
    const out = relnotes(r.dir, ["changelog", "api", "--unreleased"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(
      `## [Unreleased]\n\n- Operators: set \`API_KEYS_TTL\` before upgrading.\n\n### Features\n\n- **api:** key scopes ([${r.sha(2).slice(0, 7)}](${REPO}/commit/${r.sha(2)}))\n`,
    );
  });
});
