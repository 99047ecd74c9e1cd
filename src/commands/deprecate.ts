import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { UsageError } from "../errors.js";
import { deprecateRelease } from "../release/forge/deprecate.js";
import { openReleases } from "../forge/open.js";
import { publishSettings } from "../forge/settings.js";
import { openSession } from "../session/session.js";
import type { Command } from "./command.js";

export const deprecate: Command = {
  summary: "mark a defective release deprecated on GitHub and in the changelog, pointing at its replacement",
  help: `Usage: relnotes deprecate <tag> --use <tag> [options]

Puts a "⚠️ Deprecated" banner naming the replacement at the top of the GitHub
release of <tag>, and below the version's heading in the service's changelog.
Running it again leaves one banner (it is replaced, not repeated). The tag and
the release stay: deleting them breaks downstream caches and mirrors. Commit
the changelog change afterwards.

Options:
  --use <tag>      the release to use instead (same service; required)
  --reason <text>  why it is deprecated, shown in the banner
  --no-changelog   only mark the GitHub release
  --json           print { tag, replacement, release, changelog }
  --cwd <dir>      run in this repository
  --debug          show stack traces on errors

Environment: GITHUB_TOKEN, GITLAB_TOKEN or GITEA_TOKEN and the API URL (see relnotes release --help)

Examples:
  relnotes deprecate api/v1.3.0 --use api/v1.3.1 --reason "drops requests under load"
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("deprecate", argv, {
      use: { type: "string" },
      reason: { type: "string" },
      changelog: { type: "boolean", default: true },
      json: { type: "boolean" },
    });
    if (positionals.length !== 1)
      throw new UsageError(
        "relnotes deprecate takes exactly one tag",
        "e.g. relnotes deprecate api/v1.3.0 --use api/v1.3.1",
      );
    if (!values.use)
      throw new UsageError(
        "--use <tag> is required: the release to use instead",
        "e.g. relnotes deprecate api/v1.3.0 --use api/v1.3.1",
      );
    const emit = reporter(io, { quiet: values.json });
    const ctx = await openSession(values.cwd ?? io.cwd, { emit, env: io.env }, { foreignConfigNote: true });
    const forge = await openReleases(publishSettings(ctx.config), { env: io.env, repository: ctx.repository, emit });
    const result = await deprecateRelease(ctx, forge, {
      tag: positionals[0]!,
      replacement: values.use,
      reason: values.reason ?? null,
      changelog: values.changelog ?? true,
    });
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    io.out(
      `${result.tag}: ${forge.host} release ` +
        `${result.release.action === "updated" ? "marked deprecated" : "already marked deprecated"}: ` +
        `${result.release.url}`,
    );
    if (result.changelog)
      io.out(
        `${result.tag}: ${result.changelog.path} ` +
          `${result.changelog.action === "updated" ? "marked deprecated (commit it)" : "already marked deprecated"}`,
      );
    return 0;
  },
};
