import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";
import type { ConventionalCommit } from "../../src/commits/types.js";
import { buildReleaseContext, repositoryContext } from "../../src/render/context.js";
import { PRECOMPILED } from "../../src/render/precompiled.js";
import { createRenderer } from "../../src/render/render.js";
import { TEMPLATE_OPTIONS } from "../../src/render/template-options.js";

// dist/ carries the bundled templates precompiled (scripts/build.mjs): here the module the
// build generates stands in for src/render/precompiled.ts, so the renderer uses it.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "rn-precompiled-"));

vi.mock("../../src/render/precompiled.js", async () => {
  // Hoisted above the imports: it brings its own.
  const fs = await import("node:fs");
  const { tmpdir: tmp } = await import("node:os");
  const path = await import("node:path");
  const url = await import("node:url");
  const { precompiledModule } = await import("../../scripts/precompile-templates.mjs");
  const { TEMPLATE_OPTIONS: options } = await import("../../src/render/template-options.js");
  const dir = fs.mkdtempSync(path.join(tmp(), "rn-precompiled-module-"));
  const file = path.join(dir, "precompiled.mjs");
  fs.writeFileSync(file, precompiledModule(url.fileURLToPath(new URL("../../", import.meta.url)), options));
  try {
    return await import(url.pathToFileURL(file).href);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function commit(i: number, fields: Partial<ConventionalCommit>): ConventionalCommit {
  return {
    sha: `${i}`.padStart(40, "c"),
    type: "feat",
    scope: null,
    subject: `change ${i}`,
    body: "",
    breaking: false,
    breakingNotes: [],
    footers: [],
    pr: null,
    releaseAs: null,
    authorName: "Ada",
    date: "2026-01-01T00:00:00Z",
    ...fields,
  };
}

describe("precompiled bundled templates", () => {
  it("cover every bundled template, from its current text, with the options templates compile with", () => {
    const files = readdirSync(join(ROOT, "templates"))
      .filter((f) => f.endsWith(".hbs"))
      .sort();
    expect(Object.keys(PRECOMPILED).sort()).toEqual(files);
    for (const file of files) {
      expect(PRECOMPILED[file]!.source).toBe(readFileSync(join(ROOT, "templates", file), "utf8"));
      // render.ts uses a precompiled template only when both match; otherwise every run would compile again.
      expect(PRECOMPILED[file]!.options).toBe(JSON.stringify(TEMPLATE_OPTIONS));
    }
  });

  it("render what compiling the same files renders, also through Handlebars' runtime alone (plain: false)", async () => {
    const precompiled = await createRenderer(resolveConfig({}, null, work));
    const runtimeOnly = await createRenderer(resolveConfig({}, null, work), { plain: false });
    // Naming the same files in config makes the renderer compile them instead (copies: config paths stay inside the repository).
    for (const file of ["changelog.hbs", "release-notes.hbs"])
      copyFileSync(join(ROOT, "templates", file), join(work, file));
    const templates = { changelog: "changelog.hbs", notes: "release-notes.hbs" };
    const compiled = await createRenderer(resolveConfig({ templates }, "cliff.config.json", work));
    const commits = [
      commit(1, { scope: "api", pr: 12 }),
      commit(2, { type: "fix", subject: "a *starred* | piped subject" }),
      commit(3, { breaking: true, breakingNotes: ["tokens expire\nafter a day"], scope: "auth" }),
    ];
    const repository = repositoryContext({ host: "github.com", owner: "acme", repo: "platform", forge: "github" });
    for (const previousTag of [null, "v1.1.0"]) {
      const facts = {
        service: null,
        version: "1.2.0",
        tag: "v1.2.0",
        previousTag,
        previousVersion: previousTag && "1.1.0",
        date: "2026-01-02",
        prerelease: false,
        commits,
      };
      const context = buildReleaseContext(facts, resolveConfig({}, null, work), repository);
      expect(precompiled.changelogSection(context)).toBe(compiled.changelogSection(context));
      expect(precompiled.notes(context)).toBe(compiled.notes(context));
      expect(runtimeOnly.changelogSection(context)).toBe(compiled.changelogSection(context));
      expect(runtimeOnly.notes(context)).toBe(compiled.notes(context));
      expect(precompiled.changelogSection(context)).toContain("**auth:** tokens expire");
    }
    // Tag and commit messages compile at run time: a renderer made without the compiler is not asked for them.
    expect(precompiled.plain("v{{version}}", { version: "1.2.0" })).toBe("v1.2.0");
    expect(() => runtimeOnly.plain("v{{version}}", { version: "1.2.0" })).toThrow(/plain: false/);
  });
});
