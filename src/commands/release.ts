import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { UsageError } from "../errors.js";
import { openReleases } from "../forge/open.js";
import { publishSettings } from "../forge/settings.js";
import { createOrUpdateRelease, releaseName, wantsDraft } from "../release/forge/create-or-update.js";
import { releaseInputForTag } from "../release/forge/tag-input.js";
import { openRenderSession } from "../render/render.js";
import type { Command } from "./command.js";

export const release: Command = {
  summary: "create or update the GitHub release of an existing tag (--draft for a draft)",
  help: `Usage: relnotes release <tag> [options]

Renders the release notes of <tag> (its commits since the previous release of
the same service) and creates the GitHub release, or updates the release the
tag already has: never a second release for one tag. Re-running after a
failure completes the job.

Name "api v1.3.0" (single package: "v1.3.0"); pre-release versions are marked
pre-release. "Latest" is set explicitly: only for a stable release of the
service named by config github.latest, never for drafts or pre-releases.
It runs even with config github.release: false (which only turns off the
releases bump creates).

Options:
  --draft      create it as a draft (also config github.release: "draft");
               an already published release stays published
  --json       print { action, tag, id, url, draft, prerelease, makeLatest }
  --cwd <dir>  run in this repository
  --debug      show stack traces on errors

Environment (the forge is the repository's: docs/forges.md):
  GITHUB_TOKEN or GH_TOKEN   token with write access to the repository's releases
  GITHUB_API_URL             API base URL (default https://api.github.com)
  GITLAB_TOKEN or CI_JOB_TOKEN, CI_API_V4_URL          the same for GitLab
  GITEA_TOKEN or FORGEJO_TOKEN, GITEA_API_URL          the same for Gitea and Forgejo

Examples:
  relnotes release api/v1.3.0          in the tag-triggered workflow
  relnotes release v2.0.0 --draft      a draft, published later with relnotes promote
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("release", argv, {
      draft: { type: "boolean" },
      json: { type: "boolean" },
    });
    if (positionals.length !== 1)
      throw new UsageError("relnotes release takes exactly one tag", "e.g. relnotes release api/v1.3.0");
    const emit = reporter(io, { quiet: values.json });
    const ctx = await openRenderSession(values.cwd ?? io.cwd, { emit, env: io.env }, { foreignConfigNote: true });
    const { input, superseded } = await releaseInputForTag(ctx, positionals[0]!);
    const forge = await openReleases(publishSettings(ctx.config), { env: io.env, repository: ctx.repository, emit });
    const result = await createOrUpdateRelease(forge, ctx.config, input, {
      draft: wantsDraft(ctx.config, values.draft),
      superseded,
      emit,
    });
    if (values.json) {
      const { latest, ...shown } = result;
      // `makeLatest` ("true"/"false") is the public name of the JSON output.
      io.out(JSON.stringify({ ...shown, makeLatest: latest ? "true" : "false" }, null, 2));
      return 0;
    }
    const kind = [
      result.draft ? "draft" : null,
      result.prerelease ? "pre-release" : null,
      result.latest ? "latest" : null,
    ]
      .filter(Boolean)
      .join(", ");
    io.out(`${result.action} ${releaseName(input.service, input.version)}${kind ? ` (${kind})` : ""}: ${result.url}`);
    return 0;
  },
};
