import { parseCommandArgs } from "../cli/args.js";
import { escapeAnnotation, reporter } from "../cli/reporter.js";
import { lintMessageInput } from "../lint/message-input.js";
import type { Problem } from "../check/types.js";
import type { Command } from "./command.js";
import { count } from "../text/words.js";

function location(p: Problem): string {
  return p.file ? `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ""}` : ""}: ` : "";
}

export const check: Command = {
  summary: "lint commits since the last tags, changelog files, and manifest versions against tags",
  help: `Usage: relnotes check [options]

Runs every release check and lists the problems found, with file and line.
Exits 1 when there is any problem, 0 when everything is in order.

Options:
  --message <file>  lint one commit message instead (- reads stdin): for a
                    commit-msg hook (check --message "$1") or a PR title;
                    needs no repository
  --json            print the problems as a JSON array
  --cwd <dir>       run in this repository

Examples:
  relnotes check                       everything, before a release or in CI
  relnotes check --message .git/COMMIT_EDITMSG
  printf '%s\\n' "$PR_TITLE" | relnotes check --message -
`,
  async run(argv, io) {
    const { values } = parseCommandArgs("check", argv, { json: { type: "boolean" }, message: { type: "string" } });
    const problems: Problem[] = [];
    if (values.message !== undefined)
      problems.push(...(await lintMessageInput(values.message, values.cwd ?? io.cwd, io.readStdin)));
    else {
      // Loaded here, not above: the checks bring the manifest parsers, which the commit-msg hook (--message) never needs.
      const [{ openSession }, { checkers }] = await Promise.all([
        import("../session/session.js"),
        import("../check/index.js"),
      ]);
      const emit = reporter(io, { quiet: values.json });
      const session = await openSession(values.cwd ?? io.cwd, { emit, env: io.env }, { foreignConfigNote: true });
      for (const checker of checkers) problems.push(...(await checker(session)));
    }
    if (values.json) io.out(JSON.stringify(problems, null, 2));
    else if (problems.length === 0) io.out("No problems found.");
    else {
      for (const p of problems) io.out(`${location(p)}${p.message} [${p.code}]`);
      io.err(`${count(problems.length, "problem")} found`);
    }
    if (io.env.GITHUB_ACTIONS === "true") {
      for (const p of problems)
        io.out(
          `::error${p.file ? ` file=${p.file}${p.line ? `,line=${p.line}` : ""}` : ""}::${escapeAnnotation(p.message)}`,
        );
    }
    return problems.length > 0 ? 1 : 0;
  },
};
