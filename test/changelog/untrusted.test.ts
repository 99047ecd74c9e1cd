import MarkdownIt from "markdown-it";
import { afterAll, describe, expect, test } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";
import type { ConventionalCommit } from "../../src/commits/types.js";
import { buildReleaseContext } from "../../src/render/context.js";
import { createRenderer } from "../../src/render/render.js";
import { cleanupTemp, tempDir, writeFiles } from "../helpers/repo.js";

// CommonMark with raw HTML enabled and GFM tables, as GitHub renders release notes.
const md = new MarkdownIt({ html: true, linkify: false });

const NASTY = [
  "<script>alert(1)</script>",
  "a | b | c",
  "*emphasis* and **strong**",
  "_under_ and __double__",
  "&amp; & &lt;",
  "[x](https://evil.example)",
  "{{x}} {{{y}}} {{> partial}}",
  "`code` ~~strike~~ \\backslash",
  "# heading? 1. list? - item? > quote?",
  "<img src=x onerror=alert(1)> ![img](y)",
];

function commit(subject: string, i: number): ConventionalCommit {
  return {
    sha: `${i}`.padStart(40, "a"), type: "feat", scope: i % 2 ? "x|y*z" : null, subject, body: "", breaking: false,
    breakingNotes: [], footers: [], pr: null, releaseAs: null, authorName: "<b>Mallory</b>", date: "2026-01-01T00:00:00Z",
  };
}

/** Text content of markdown-it inline tokens, as a reader sees it (HTML tokens would show up as html_inline). */
function inlineText(tokens: ReturnType<typeof md.parse>, kind: "list" | "table"): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type !== "inline") continue;
    for (const child of t.children ?? []) expect(child.type, `unexpected ${child.type} in ${t.content}`).not.toMatch(/html_inline|link_open|em_open|strong_open|image|code_inline|s_open/);
    out.push((t.children ?? []).map((c) => c.content).join(""));
  }
  return kind === "table" ? out : out;
}

afterAll(cleanupTemp);

describe("untrusted commit text", () => {
  test("renders literally in lists and tables and is never expanded by Handlebars", async () => {
    const root = tempDir();
    writeFiles(root, {
      "list.hbs": "{{#each commits}}\n- {{#if scope}}{{scope}}: {{/if}}{{subject}} by {{author}}\n{{/each}}\n",
      "table.hbs": "| scope | subject |\n| --- | --- |\n{{#each commits}}\n| {{scope}} | {{subject}} |\n{{/each}}\n",
    });
    const config = resolveConfig({ templates: { changelog: "list.hbs", notes: "table.hbs" } }, "cliff.config.json", root);
    const renderer = await createRenderer(config);
    const commits = NASTY.map(commit);
    const context = buildReleaseContext(
      { service: null, version: "1.0.0", tag: "v1.0.0", previousTag: null, previousVersion: null, date: "2026-01-01", prerelease: false, commits },
      config,
      null,
    );

    const listTokens = md.parse(renderer.changelogSection(context), {});
    expect(listTokens.filter((t) => t.type === "list_item_open")).toHaveLength(NASTY.length);
    expect(inlineText(listTokens, "list")).toEqual(commits.map((c) => `${c.scope ? `${c.scope}: ` : ""}${c.subject} by <b>Mallory</b>`));

    const tableTokens = md.parse(renderer.notes(context), {});
    expect(tableTokens.filter((t) => t.type === "tr_open")).toHaveLength(NASTY.length + 1);
    expect(tableTokens.filter((t) => t.type === "td_open")).toHaveLength(NASTY.length * 2);
    const cells = inlineText(tableTokens, "table").slice(2);
    expect(cells).toEqual(commits.flatMap((c) => [c.scope ?? "", c.subject]));
  });
});
