import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { distributionOfMain, distributionOfTag } from "../distribution/for-ref.js";
import { UsageError } from "../errors.js";
import { openSession } from "../session/session.js";
import type { Command } from "./command.js";

export const tags: Command = {
  summary: "print the distribution (image) tag matrix of a release tag or a main-branch build",
  help: `Usage: relnotes tags <tag> [options]
       relnotes tags --main [--service <name>] [options]

Prints the image tags to publish, one per line, from config
distribution.tags. The default ("semver-aliases"):
  stable X.Y.Z   X.Y.Z, X.Y, X (from 1.0.0 on), latest, sha-<short>
  pre-release    X.Y.Z-rc.N, sha-<short>
  --main         edge, nightly-YYYY-MM-DD (UTC, SOURCE_DATE_EPOCH when set), sha-<short>
"immutable": vX.Y.Z for a release, sha-<short> for a main build.
Rolling aliases only move forward: X.Y, X and latest are left alone when a
newer release of the service already holds them. Aliases listed in
distribution.promote are not printed: relnotes promote moves them.

Options:
  --main            the tags of a main-branch build of HEAD
  --service <name>  with --main: the service whose configured image to use
  --image <name>    print full references, e.g. ghcr.io/org/api:1.3.0
                    (default: services.<name>.image when configured)
  --json            print an object with service, version, commit, tags, images
  --cwd <dir>       run in this repository

Examples:
  relnotes tags api/v1.3.0             1.3.0 1.3 1 latest sha-1a2b3c4
  relnotes tags --main --service api --image ghcr.io/acme/api
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("tags", argv, {
      main: { type: "boolean" },
      service: { type: "string" },
      image: { type: "string" },
      json: { type: "boolean" },
    });
    if (values.main ? positionals.length > 0 : positionals.length !== 1) {
      throw new UsageError(
        "give exactly one release tag, or --main",
        "e.g. relnotes tags api/v1.3.0, or relnotes tags --main",
      );
    }
    if (values.service !== undefined && !values.main)
      throw new UsageError("--service goes with --main", "for a release tag the service comes from the tag");
    const emit = reporter(io, { quiet: values.json });
    const ctx = await openSession(values.cwd ?? io.cwd, { emit, env: io.env }, { foreignConfigNote: true });
    const d = values.main
      ? distributionOfMain(ctx, { image: values.image, service: values.service })
      : await distributionOfTag(ctx, positionals[0]!, values.image);
    if (values.json) {
      const { tag, service, version, prerelease, commit, tags: list, image, images, held, deferred } = d;
      io.out(
        JSON.stringify(
          { tag, service, version, prerelease, commit, tags: list, image, images, held, deferred },
          null,
          2,
        ),
      );
      return 0;
    }
    io.out((d.image ? d.images : d.tags).join("\n"));
    for (const h of d.held) io.err(`not moved: ${h.alias} (held by ${h.heldBy})`);
    for (const alias of d.deferred) io.err(`moved by relnotes promote: ${alias}`);
    return 0;
  },
};
