import * as Handlebars from "handlebars";
import { afterAll, describe, expect, test } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";
import { createRenderer } from "../../src/render/render.js";
import { buildReleaseContext } from "../../src/render/context.js";
import type { ConventionalCommit } from "../../src/commits/types.js";
import { cleanupTemp, tempDir, writeFiles } from "../helpers/repo.js";

afterAll(cleanupTemp);

const commit: ConventionalCommit = {
  sha: "0123456789abcdef0123456789abcdef01234567",
  type: "feat",
  scope: null,
  subject: 'say "hi" *now*',
  body: "",
  breaking: false,
  breakingNotes: [],
  footers: [],
  pr: null,
  releaseAs: null,
  authorName: "A",
  date: "2026-01-01T00:00:00Z",
};

describe("relnotes' Markdown escaping stays inside its own Handlebars environment", () => {
  test("after relnotes renders, Handlebars elsewhere in the process still escapes HTML", async () => {
    const root = tempDir();
    writeFiles(root, {
      "notes.hbs": "{{#each commits}}\n- {{subject}}{{> tail}}\n{{/each}}\n",
      "tail.hbs": " ({{author}})",
    });
    const config = resolveConfig(
      { templates: { notes: "notes.hbs", partials: { tail: "tail.hbs" } } },
      "cliff.config.json",
      root,
    );
    const renderer = await createRenderer(config);
    const context = buildReleaseContext(
      {
        service: null,
        version: "1.0.0",
        tag: "v1.0.0",
        previousTag: null,
        previousVersion: null,
        date: "2026-01-01",
        prerelease: false,
        commits: [{ ...commit, authorName: "O'Neil = *A*" }],
      },
      config,
      null,
    );
    // Markdown escaping in relnotes' templates, their sub-programs and partials (bundled and configured).
    // (Handlebars' own escaping would write &quot;, &#x27; and &#x3D;, and leave the stars alone.)
    expect(renderer.notes(context)).toBe('- say "hi" \\*now\\* (O\'Neil = \\*A\\*)\n');
    expect(renderer.changelogSection(context)).toContain('say "hi" \\*now\\*');

    // Nothing global changed: the shared utilities and any other environment escape HTML as Handlebars does.
    expect(Handlebars.Utils.escapeExpression("<b>*x*</b>")).toBe("&lt;b&gt;*x*&lt;/b&gt;");
    expect(Handlebars.compile("{{x}}")({ x: "<b>*x*</b>" })).toBe("&lt;b&gt;*x*&lt;/b&gt;");
    expect(Handlebars.create().compile("{{#if y}}{{x}}{{/if}}")({ x: "<i>", y: true })).toBe("&lt;i&gt;");
  });
});
