import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { relnotes } from "../helpers/cli.js";
import { cleanupTemp, repo, type TestRepo } from "../helpers/repo.js";

afterAll(cleanupTemp);

let r: TestRepo;
beforeAll(() => {
  r = repo({
    commits: [
      { message: "feat: first", tags: ["v1.0.0"] },
      { message: "feat: rotate keys (#7)" },
      { message: "fix: trim input" },
    ],
  });
});

/** Write only these config/template files (removing the others), then run relnotes. */
function withFiles(files: Record<string, string>, args: string[] = ["preview"]) {
  for (const name of ["cliff.config.ts", "cliff.config.json", "cliff.config.mjs", "templates"])
    rmSync(join(r.dir, name), { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    const path = join(r.dir, name);
    if (name.includes("/")) mkdirSync(join(r.dir, name.split("/")[0]!), { recursive: true });
    writeFileSync(path, text);
  }
  return relnotes(r.dir, args);
}

describe("config errors point at file:line:column", () => {
  test("a syntax error in cliff.config.ts: the loader's position and a code frame", () => {
    const out = withFiles({
      "cliff.config.ts": 'export default {\n  tag: { format: "v{version}" }\n  bump: { default: "auto" },\n};\n',
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('error: cliff.config.ts:3:3: syntax error: Unexpected token, expected ","');
    expect(out.stderr).toContain('> 3 |   bump: { default: "auto" },');
    expect(out.stderr).toMatch(/\n {4}\| {3}\^\n/);
  });

  test("a runtime error names the config and the line; --debug shows the cause's own stack", () => {
    const files = {
      "cliff.config.ts": "const tags: any = undefined;\nexport default {\n  tag: { format: tags.format },\n};\n",
    };
    const out = withFiles(files);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      "error: cliff.config.ts:3:23: evaluating the config threw TypeError: Cannot read properties of undefined (reading 'format')",
    );
    expect(out.stderr).not.toContain("syntax");
    const debug = withFiles(files, ["--debug", "preview"]);
    expect(debug.stderr).toMatch(
      /TypeError: Cannot read properties of undefined[^\n]*\n\s+at .*cliff\.config\.ts:3:23/,
    );
    expect(debug.stderr).not.toContain("at loadConfig");
  });

  test("a config function that throws, and one whose promise never settles", () => {
    const threw = withFiles({ "cliff.config.ts": 'export default () => {\n  throw new Error("no token");\n};\n' });
    expect(threw.stderr).toContain("error: cliff.config.ts:2:9: the exported config function threw Error: no token");
    const started = Date.now();
    const never = withFiles({ "cliff.config.ts": "export default new Promise(() => {});\n" });
    expect(never.code).toBe(1);
    expect(never.stderr).toContain(
      "error: cliff.config.ts never finished evaluating: it waits on a promise that nothing will ever resolve",
    );
    expect(Date.now() - started).toBeLessThan(8000);
  });

  test("an empty config, a named export, and two config files are errors, not silent defaults", () => {
    const empty = withFiles({ "cliff.config.ts": "\n" });
    expect([empty.code, empty.stderr]).toEqual([1, expect.stringContaining("error: cliff.config.ts is empty")]);
    const named = withFiles({ "cliff.config.ts": 'export const config = { tag: { format: "v{version}" } };\n' });
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('error: cliff.config.ts has no default export (it exports "config")');
    expect(named.stderr).toContain("export default defineConfig(");
    const both = withFiles({ "cliff.config.ts": "export default {};\n", "cliff.config.json": "{}\n" });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(
      "error: found 2 config files: cliff.config.ts, cliff.config.json; relnotes reads exactly one",
    );
  });

  test("a trailing comma in cliff.config.json: line and column, not a character position", () => {
    const out = withFiles({ "cliff.config.json": '{\n  "tag": { "format": "v{version}", },\n  "bump": {}\n}\n' });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("error: cliff.config.json:2:36: invalid JSON: property name expected");
    expect(out.stderr).toContain('> 2 |   "tag": { "format": "v{version}", },');
    expect(out.stderr).not.toContain("position");
  });
});

describe("templates are strict", () => {
  const config = JSON.stringify({ templates: { notes: "templates/notes.hbs" } });

  test("an undefined variable fails with template:line:column before anything is written; check finds it", () => {
    const files = { "cliff.config.json": config, "templates/notes.hbs": "## {{version}}\n\n### {{titel}}\n" };
    const out = withFiles(files);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      'error: templates/notes.hbs:3:7: "titel" is not defined in the data this template receives',
    );
    expect(out.stderr).toContain("> 3 | ### {{titel}}");
    const dry = withFiles(files, ["bump", "--dry-run", "--no-fetch"]);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain("templates/notes.hbs:3:7");
    const check = withFiles(files, ["check"]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      'templates/notes.hbs:3:7: "titel" is not defined in the data this template receives [template]',
    );
  });

  test("an unknown helper and a syntax error are found when the template loads", () => {
    const helper = withFiles({
      "cliff.config.json": config,
      "templates/notes.hbs": "{{#each commits}}\n- {{uper subject}}\n{{/each}}\n",
    });
    expect(helper.code).toBe(1);
    expect(helper.stderr).toContain('error: templates/notes.hbs:2:3: unknown helper "uper"; did you mean "upper"?');
    const syntax = withFiles(
      { "cliff.config.json": config, "templates/notes.hbs": "## {{version}}\n{{#if breaking}}\nbreaking\n" },
      ["check"],
    );
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain(
      "error: templates/notes.hbs:2:17: template syntax error: a block opened here is never closed (a {{/…}} is missing)",
    );
    const brace = withFiles({ "cliff.config.json": config, "templates/notes.hbs": "## {{version}\n" });
    expect(brace.stderr).toMatch(
      /error: templates\/notes\.hbs:1:6: template syntax error: expected .*"}}".*, got "}"\n/,
    );
  });

  test("a missing template names the path it looked for", () => {
    const out = withFiles({ "cliff.config.json": config });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      `error: templates.notes: the template templates/notes.hbs does not exist (looked for ${join(r.dir, "templates/notes.hbs")})`,
    );
    expect(out.stderr).not.toContain("ENOENT");
  });
});

describe("usage errors exit 2 everywhere, with a suggestion", () => {
  test("unknown options, commands and services", () => {
    withFiles({});
    const option = relnotes(r.dir, ["bump", "--dry-rn"]);
    expect([option.code, option.stderr]).toEqual([
      2,
      expect.stringContaining('error: unknown option --dry-rn for relnotes bump; did you mean "--dry-run"?'),
    ]);
    const command = relnotes(r.dir, ["previw"]);
    expect([command.code, command.stderr]).toEqual([
      2,
      expect.stringContaining('error: unknown command "previw"; did you mean "preview"?'),
    ]);
    const service = relnotes(r.dir, ["preview", "api"]);
    expect(service.code).toBe(2);
    const changelog = relnotes(r.dir, ["changelog", "a", "b"]);
    const version = relnotes(r.dir, ["version", "a", "b"]);
    expect([changelog.code, version.code]).toEqual([2, 2]);
    const cwd = relnotes(r.dir, ["preview", "--cwd", join(r.dir, "nope")]);
    expect([cwd.code, cwd.stderr]).toEqual([
      2,
      expect.stringContaining(`error: --cwd ${join(r.dir, "nope")}: no such directory`),
    ]);
    expect(cwd.stderr).not.toContain("ENOENT");
  });

  test("bare relnotes prints help on stderr with exit 2; help <command>; global options before the command", () => {
    const bare = relnotes(r.dir, []);
    expect([bare.code, bare.stdout]).toEqual([2, ""]);
    expect(bare.stderr).toContain("Usage: relnotes <command>");
    const help = relnotes(r.dir, ["help", "bump"]);
    expect([help.code, help.stdout.split("\n")[0]]).toEqual([0, "Usage: relnotes bump [service…] [options]"]);
    const debugFirst = relnotes(r.dir, ["--debug", "--cwd", r.dir, "next"]);
    expect([debugFirst.code, debugFirst.stdout]).toEqual([0, "1.1.0\n"]);
  });
});
