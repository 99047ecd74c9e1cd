import MarkdownIt from "markdown-it";
import { afterAll, describe, expect, test } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";
import type { ConventionalCommit } from "../../src/commits/types.js";
import { buildReleaseContext } from "../../src/render/context.js";
import { createRenderer } from "../../src/render/render.js";
import { cleanupTemp, tempDir, writeFiles } from "../helpers/repo.js";

// CommonMark with raw HTML enabled and GFM tables and strikethrough, as GitHub renders release notes.
const md = new MarkdownIt({ html: true, linkify: false });

const NASTY = [
  "<script>alert(1)</script>",
  "a | b | c",
  "*emphasis* and **strong**",
  "_under_ and __double__",
  "&amp; & &lt; &#65; &#x41;",
  "[x](https://evil.example) and [1.2.0] and [ref][x]",
  "{{x}} {{{y}}} {{> partial}} {% raw %}",
  "`code` ~~strike~~ ~single~ \\backslash \\* \\_",
  "# heading? 1. list? - item? > quote?",
  "<img src=x onerror=alert(1)> ![img](y) <https://autolink.example>",
  "# a heading",
  "1. an ordered item",
  "3) another one",
  "- a nested item",
  "+ plus item",
  "* star item",
  "> a quote",
  "---",
  "***",
  "___",
  "=",
  "~~~",
  "```js",
  "``double`` and `single` and `unbalanced",
  "x*y*z and a * b and 2*3*4",
  "trailing backslash \\",
  "`a | b` in code and <b> in `<b>code</b>`",
];

/** Commit text whose raw Markdown must read exactly as written (nothing needs escaping). */
const READABLE = [
  "set make_latest from GITHUB_REF (the tag) in verify-tag",
  "read FILE|- and a | b, call fn(a, b) or fn_name()",
  "rename snake_case_name and init_py_path to x_y_z",
  "a -> b => c >= d, 50% off, C:\\Users\\me and `new Session(url)`",
  "cost is 3 * 4, 1.0.0 and -foo, #12 and issue #13",
];

function commit(subject: string, i: number): ConventionalCommit {
  return {
    sha: `${i}`.padStart(40, "a"),
    type: "feat",
    scope: i % 2 ? "x|y*z" : null,
    subject,
    body: "",
    breaking: false,
    breakingNotes: [],
    footers: [],
    pr: null,
    releaseAs: null,
    authorName: "<b>Mallory</b>",
    date: "2026-01-01T00:00:00Z",
  };
}

const ALLOWED_BLOCKS =
  /^(bullet_list_open|bullet_list_close|list_item_open|list_item_close|paragraph_open|paragraph_close|inline|table_open|table_close|thead_open|thead_close|tbody_open|tbody_close|tr_open|tr_close|th_open|th_close|td_open|td_close)$/;

/** Text of markdown-it inline tokens as a reader sees it; code spans shown with their backticks, line breaks as "\n". */
function inlineText(tokens: ReturnType<typeof md.parse>): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    expect(t.type, `unexpected block ${t.type} at ${JSON.stringify(t.content)}`).toMatch(ALLOWED_BLOCKS);
    if (t.type !== "inline") continue;
    for (const child of t.children ?? [])
      expect(child.type, `unexpected ${child.type} in ${t.content}`).not.toMatch(
        /html_inline|link_open|em_open|strong_open|image|s_open/,
      );
    out.push(
      (t.children ?? [])
        .map((c) =>
          c.type === "code_inline" ? `${c.markup}${c.content}${c.markup}` : c.type === "softbreak" ? "\n" : c.content,
        )
        .join(""),
    );
  }
  return out;
}

/** Reference definitions a Keep a Changelog file may hold below the rendered text: `[1.2.0]` must stay text. */
const DEFINITIONS = "\n\n[1.2.0]: https://evil.example/a\n[x]: https://evil.example/b\n[ref]: https://evil.example/c\n";

afterAll(cleanupTemp);

async function renderer() {
  const root = tempDir();
  writeFiles(root, {
    "list.hbs": "{{#each commits}}\n- {{#if scope}}{{scope}}: {{/if}}{{subject}} by {{author}}\n{{/each}}\n",
    "table.hbs":
      '| scope | subject |\n| --- | --- |\n{{#each commits}}\n| {{scope}} | {{subject}} |\n{{/each}}\n\n{{#each commits}}\n- {{indent body "  "}}\n{{/each}}\n',
  });
  const config = resolveConfig({ templates: { changelog: "list.hbs", notes: "table.hbs" } }, "cliff.config.json", root);
  const render = await createRenderer(config);
  return (commits: ConventionalCommit[]) => {
    const context = buildReleaseContext(
      {
        service: null,
        version: "1.0.0",
        tag: "v1.0.0",
        previousTag: null,
        previousVersion: null,
        date: "2026-01-01",
        prerelease: false,
        commits,
      },
      config,
      null,
    );
    return { list: render.changelogSection(context), notes: render.notes(context) };
  };
}

describe("untrusted commit text", () => {
  test("renders literally in lists and tables and is never expanded by Handlebars", async () => {
    const render = await renderer();
    const commits = NASTY.map(commit);
    const { list, notes } = render(commits);

    const listTokens = md.parse(list + DEFINITIONS, {});
    expect(listTokens.filter((t) => t.type === "list_item_open")).toHaveLength(NASTY.length);
    expect(inlineText(listTokens)).toEqual(
      commits.map((c) => `${c.scope ? `${c.scope}: ` : ""}${c.subject} by <b>Mallory</b>`),
    );

    const tableTokens = md.parse(notes, {});
    expect(tableTokens.filter((t) => t.type === "tr_open")).toHaveLength(NASTY.length + 1);
    expect(tableTokens.filter((t) => t.type === "td_open")).toHaveLength(NASTY.length * 2);
    const cells = inlineText(
      tableTokens.slice(
        0,
        tableTokens.findIndex((t) => t.type === "table_close"),
      ),
    ).slice(2);
    expect(cells).toEqual(commits.flatMap((c) => [c.scope ?? "", c.subject]));
  });

  test("multi-line bodies stay inside their list item: no rule, setext heading, fence or table starts in them", async () => {
    const render = await renderer();
    const bodies = [
      "first\n---\nafter",
      "title\n===",
      "a | b\n--- | ---\nc | d",
      "```sh\nrm -rf /\n```",
      "line\n> quoted\n# heading\n1. one\n- two",
      "ends with a backslash \\\nnext",
    ];
    const commits = bodies.map((body, i) => ({ ...commit(`s${i}`, i), body }));
    const { notes } = render(commits);
    const tokens = md.parse(notes.slice(notes.indexOf("\n- ") + 1), {});
    expect(tokens.filter((t) => t.type === "list_item_open")).toHaveLength(bodies.length);
    expect(inlineText(tokens)).toEqual(bodies);
  });

  test("a template that puts a value between backticks of its own gets no HTML, link or emphasis from it", async () => {
    const root = tempDir();
    writeFiles(root, { "code.hbs": "{{#each commits}}\n- `{{subject}}` and {{scope}}\n{{/each}}\n" });
    const config = resolveConfig({ templates: { changelog: "code.hbs" } }, "cliff.config.json", root);
    const render = await createRenderer(config);
    const subjects = ["a`<img src=x onerror=alert(1)>`b", "x`[y](https://evil.example)`z", "p`*q*`r", "`<b>bold</b>`"];
    const commits = subjects.map((s, i) => ({ ...commit(s, i), scope: "`<i>`" }));
    const context = buildReleaseContext(
      {
        service: null,
        version: "1.0.0",
        tag: "v1.0.0",
        previousTag: null,
        previousVersion: null,
        date: "2026-01-01",
        prerelease: false,
        commits,
      },
      config,
      null,
    );
    const tokens = md.parse(render.changelogSection(context), {});
    expect(tokens.filter((t) => t.type === "list_item_open")).toHaveLength(subjects.length);
    for (const t of tokens.filter((x) => x.type === "inline")) {
      for (const child of t.children ?? [])
        expect(child.type, t.content).not.toMatch(/html_inline|link_open|em_open|strong_open|image/);
    }
  });

  test("what needs no escaping is written as is: (, ), |, in-word _, arrows, paths", async () => {
    const render = await renderer();
    const commits = READABLE.map((s, i) => ({ ...commit(s, i), scope: null }));
    const { list, notes } = render(commits);
    expect(list).toBe(READABLE.map((s) => `- ${s} by &lt;b&gt;Mallory&lt;/b&gt;\n`).join(""));
    expect(inlineText(md.parse(list, {}))).toEqual(READABLE.map((s) => `${s} by <b>Mallory</b>`));
    // Inside a table the same pipes are escaped, or the row would gain cells.
    expect(notes).toContain("| read FILE\\|- and a \\| b, call fn(a, b) or fn_name() |");
  });
});
