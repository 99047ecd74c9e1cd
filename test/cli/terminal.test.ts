import { spawn } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import { apiVaultSpec, PINNED_DATES, releasedRepo } from "../bump/setup.js";
import { CLI, relnotes } from "../helpers/cli.js";
import { BASE_EPOCH, cleanupTemp, TEST_ENV } from "../helpers/repo.js";

afterAll(cleanupTemp);

interface PtyRun {
  code: number;
  output: string;
}

/**
 * Run the built CLI in a pseudo-terminal (util-linux `script`): stdin, stdout
 * and stderr are one terminal, as for a person. `answer` types keys once the
 * output contains `when`.
 */
function inTerminal(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  answer?: { when: string; keys: string },
): Promise<PtyRun> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  return new Promise((resolve) => {
    // A terminal of 100 columns (script's own has none), so prompts and status lines are not wrapped.
    const child = spawn("script", ["-qfec", `stty cols 100 rows 40; exec ${command}`, "/dev/null"], {
      cwd,
      env: {
        ...process.env,
        ...TEST_ENV,
        ...PINNED_DATES,
        SOURCE_DATE_EPOCH: String(BASE_EPOCH),
        GITHUB_TOKEN: "",
        GH_TOKEN: "",
        GITHUB_ACTIONS: "",
        NO_COLOR: undefined,
        FORCE_COLOR: undefined,
        TERM: "xterm-256color",
        COLUMNS: "100",
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let answered = false;
    child.stdout.on("data", (b: Buffer) => {
      output += b.toString("utf8");
      if (answer && !answered && output.includes(answer.when)) {
        answered = true;
        // Give the prompt a moment to switch the terminal to raw mode.
        setTimeout(() => child.stdin.write(answer.keys), 300);
      }
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code: code ?? -1, output });
    });
  });
}

const ESC = "\x1b[";

describe("on a terminal", () => {
  test("errors and hints are coloured; NO_COLOR, --no-color and a pipe turn colour off, FORCE_COLOR on", async () => {
    const r = releasedRepo(apiVaultSpec());
    const tty = await inTerminal(r.work.dir, ["preview", "nope"]);
    expect(tty.code).toBe(2);
    expect(tty.output).toContain(`${ESC}31m${ESC}1merror:`);
    expect(tty.output).toContain(`${ESC}36mhint:`);
    for (const off of [
      await inTerminal(r.work.dir, ["preview", "nope"], { NO_COLOR: "1" }),
      await inTerminal(r.work.dir, ["preview", "nope", "--no-color"]),
    ]) {
      expect(off.output).toContain('error: unknown service "nope"');
      expect(off.output).not.toContain(ESC);
    }
    const piped = relnotes(r.work.dir, ["preview", "nope"]);
    expect(piped.stderr).not.toContain(ESC);
    expect(relnotes(r.work.dir, ["preview", "nope"], { FORCE_COLOR: "1" }).stderr).toContain(`${ESC}31m${ESC}1merror:`);
  });

  test("each release step is one line, updated in place; in CI each step is one plain line", async () => {
    const r = releasedRepo(apiVaultSpec());
    const tty = await inTerminal(r.work.dir, ["bump", "api", "--yes", "--no-color"]);
    expect(tty.code, tty.output).toBe(0);
    // "… tag api/v1.3.0" is drawn, then replaced in place by "✓ tag api/v1.3.0".
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's erase-line sequence is what is checked
    expect(tty.output).toMatch(/\r\x1b\[2K… create tag api\/v1\.3\.0\r\x1b\[2K✓ create tag api\/v1\.3\.0\r?\n/);
    const ci = releasedRepo(apiVaultSpec()).run(["bump", "api", "--yes"]);
    expect(ci.code, ci.stderr).toBe(0);
    expect(ci.stderr).toContain("✓ create tag api/v1.3.0\n");
    expect(ci.stderr).not.toMatch(/… create tag/);
    expect(ci.stderr).not.toContain("\x1b");
  });

  test("Ctrl-C or Ctrl-D at the confirmation: Cancelled, nothing was written, exit 130", async () => {
    for (const key of ["\x03", "\x04"]) {
      const r = releasedRepo(apiVaultSpec());
      const before = r.snapshot();
      const run = await inTerminal(
        r.work.dir,
        ["bump", "api", "--no-color"],
        {},
        { when: "Release api/v1.3.0?", keys: key },
      );
      expect(run.code, run.output).toBe(130);
      expect(run.output).toContain("Cancelled: nothing was written.");
      expect(run.output).not.toContain("unexpected");
      expect(r.snapshot()).toBe(before);
    }
  });

  test("answering yes at the prompt releases", async () => {
    const r = releasedRepo(apiVaultSpec());
    const run = await inTerminal(
      r.work.dir,
      ["bump", "api", "--no-color"],
      {},
      { when: "Release api/v1.3.0?", keys: "y" },
    );
    expect(run.code, run.output).toBe(0);
    expect(r.work.git("tag", "--list", "api/*")).toContain("api/v1.3.0");
  });
});
