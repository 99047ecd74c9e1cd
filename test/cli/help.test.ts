import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { relnotes } from "../helpers/cli.js";
import { cleanupTemp, repo, tempDir } from "../helpers/repo.js";

afterAll(cleanupTemp);

const dir = tempDir("rn-help-");
const commands = relnotes(dir, ["--help"])
  .stdout.split("Commands:\n")[1]!
  .split("\n\n")[0]!
  .split("\n")
  .map((l) => l.trim().split(/\s+/)[0]!);

describe("help", () => {
  test("lists every command", () => {
    expect(commands).toEqual([
      "preview",
      "bump",
      "pr",
      "tag-merged",
      "next",
      "version",
      "changelog",
      "check",
      "release",
      "promote",
      "deprecate",
      "verify-tag",
      "tags",
      "init",
      "completion",
    ]);
  });

  test.each(commands)("relnotes help %s: usage, aligned options, examples", (name) => {
    const out = relnotes(dir, ["help", name]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^Usage: relnotes ${name}`));
    expect(out.stdout).toMatch(/\nExamples:\n {2}\S/);
    expect(relnotes(dir, [name, "--help"]).stdout).toBe(out.stdout);
    // Every option's description starts in one column.
    const options = out.stdout.split("\nOptions:\n")[1]!.split("\n\n")[0]!.split("\n");
    const columns = new Set(
      options
        .filter((l) => /^ {2}-/.test(l) && /\S {2,}\S/.test(l.trim()))
        .map((l) => /^ {2}\S.*? {2,}(?=\S)/.exec(l)![0].length),
    );
    expect(columns.size, options.join("\n")).toBe(1);
  });
});

describe("completion", () => {
  const r = repo({
    files: {
      "cliff.config.json": JSON.stringify({
        services: { api: { paths: ["svc/api/"] }, vault: { paths: ["svc/vault/"] } },
      }),
    },
    commits: [{ message: "chore: init" }],
  });

  /** What bash offers for the words typed so far, with the script `relnotes completion bash` prints. */
  function complete(words: string[]): string[] {
    const bin = tempDir("rn-bin-");
    const cli = new URL("../../dist/cli.js", import.meta.url).pathname;
    writeFileSync(join(bin, "relnotes"), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`, { mode: 0o755 });
    const script = relnotes(r.dir, ["completion", "bash"]).stdout;
    const words_ = ["relnotes", ...words].map((w) => `'${w}'`).join(" ");
    const r2 = spawnSync(
      "bash",
      [
        "-c",
        `${script}\nCOMP_WORDS=(${words_}); COMP_CWORD=${words.length}; _relnotes; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      {
        cwd: r.dir,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
        encoding: "utf8",
      },
    );
    expect(r2.status, r2.stderr).toBe(0);
    return r2.stdout.split("\n").filter(Boolean);
  }

  test("bash completes commands, a command's options and the repository's services", () => {
    expect(complete(["pre"])).toEqual(["preview"]);
    expect(complete(["bump", "--dry"])).toEqual(["--dry-run"]);
    expect(complete(["--debug", "next", "--t"])).toEqual(["--tag"]);
    expect(complete(["bump", ""])).toEqual(["api", "vault"]);
    expect(complete(["help", "ver"])).toEqual(["version", "verify-tag"]);
  });

  test("zsh and fish scripts; an unknown shell is a usage error", () => {
    const zsh = relnotes(r.dir, ["completion", "zsh"]);
    expect(zsh.stdout).toContain("bashcompinit");
    const fish = relnotes(r.dir, ["completion", "fish"]).stdout;
    expect(fish).toContain("complete -c relnotes -n __fish_use_subcommand -a bump");
    expect(fish).toContain("complete -c relnotes -n '__fish_seen_subcommand_from bump' -l dry-run");
    expect(relnotes(r.dir, ["completion", "tcsh"]).code).toBe(2);
    expect(relnotes(r.dir, ["completion", "--services"]).stdout).toBe("api\nvault\n");
  });
});
