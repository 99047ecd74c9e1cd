import { readFileSync } from "node:fs";
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
  it("-o keeps the file's header, hand-written Unreleased notes, reference style and other definitions; a second run changes nothing", () => {
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

### Features

- **api:** first release ([${r.sha(0).slice(0, 7)}](${REPO}/commit/${r.sha(0)}))

[Unreleased]: ${REPO}/compare/api/v1.0.1...HEAD
[1.0.1]: ${REPO}/compare/api/v1.0.0...api/v1.0.1
[1.0.0]: ${REPO}/releases/tag/api/v1.0.0
[team]: https://example.com/teams/api
`);
    expect(relnotes(r.dir, ["changelog", "api"]).stdout).toBe(written);
    expect(relnotes(r.dir, ["changelog", "api", "-o", "svc/api/CHANGELOG.md"]).code).toBe(0);
    expect(readFileSync(join(r.dir, "svc/api/CHANGELOG.md"), "utf8")).toBe(written);
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
