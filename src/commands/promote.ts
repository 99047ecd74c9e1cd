import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { promoteOutputs, writeGithubOutput } from "../distribution/github-output.js";
import { UsageError } from "../errors.js";
import { openReleases } from "../forge/open.js";
import { publishSettings } from "../forge/settings.js";
import { promoteRelease } from "../release/forge/promote.js";
import { openSession } from "../session/session.js";
import type { Command } from "./command.js";

export const promote: Command = {
  summary: "publish a draft GitHub release after checking it and its assets; mark it latest per config",
  help: `Usage: relnotes promote <tag> [options]

Checks the draft release of <tag> and publishes it:
  - the draft exists (create it with: relnotes release <tag> --draft)
  - its notes are not empty and contain no "TBD"
  - the version's changelog heading is dated (no "TBD")
  - every glob in config github.requiredAssets matches an attached asset
    ({version}, {tag}, {service} in a glob stand for this release's)
Any failed check: exit 1 with the list, and nothing is changed on GitHub.
Then the release is published and "Latest" is set per config github.latest
(never for a pre-release). An already published release is left as it is.
Finally it prints the image aliases to move now: those of config
distribution.promote (e.g. ["latest"]) that no newer release holds.

Options:
  --json       print { action, tag, version, url, makeLatest, assets, tags, images, held }
  --github-output
               also append tag, version, tags and images (one per line) to $GITHUB_OUTPUT
  --image <name>
               image for full references (default: services.<name>.image)
  --cwd <dir>  run in this repository
  --debug      show stack traces on errors

Environment: GITHUB_TOKEN, GITLAB_TOKEN or GITEA_TOKEN and the API URL (see relnotes release --help)

Examples:
  relnotes promote v2.0.0
  relnotes promote api/v1.3.0 --json
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("promote", argv, {
      json: { type: "boolean" },
      "github-output": { type: "boolean" },
      image: { type: "string" },
    });
    if (positionals.length !== 1)
      throw new UsageError("relnotes promote takes exactly one tag", "e.g. relnotes promote v1.3.0");
    const emit = reporter(io, { quiet: values.json });
    const ctx = await openSession(values.cwd ?? io.cwd, { emit, env: io.env }, { foreignConfigNote: true });
    const forge = await openReleases(publishSettings(ctx.config), { env: io.env, repository: ctx.repository, emit });
    const result = await promoteRelease(ctx, forge, positionals[0]!, { image: values.image });
    if (values["github-output"]) {
      const file = writeGithubOutput(io.env, promoteOutputs(result));
      if (!values.json) io.err(`outputs written to ${file}`);
    }
    if (values.json) {
      const { action, tag, version, url, latest, assets, tags, images, held } = result;
      // `makeLatest` ("true"/"false") is the public name of the JSON output.
      io.out(
        JSON.stringify(
          { action, tag, version, url, makeLatest: latest ? "true" : "false", assets, tags, images, held },
          null,
          2,
        ),
      );
      return 0;
    }
    if (result.action === "already-published") io.out(`${result.tag} is already published: ${result.url}`);
    else io.out(`published ${result.tag}${result.latest ? " (latest)" : ""}: ${result.url}`);
    const moving = result.images.length > 0 ? result.images : result.tags;
    if (moving.length > 0) io.out(`move image aliases: ${moving.join(" ")}`);
    for (const h of result.held) io.err(`not moved: ${h.alias} (held by ${h.heldBy})`);
    return 0;
  },
};
