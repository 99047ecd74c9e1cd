import { resolve } from "node:path";
import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { writeGithubOutput } from "../distribution/github-output.js";
import { writeGitlabDotenv } from "../distribution/gitlab-dotenv.js";
import { UsageError } from "../errors.js";
import { openSession } from "../session/session.js";
import type { ResolvedConfig } from "../config/types.js";
import { signingSetting } from "../verify/signature.js";
import { verifiedTagJson, verifiedTagOutputs } from "../verify/outputs.js";
import { verifyTag, type VerifiedTag } from "../verify/verify-tag.js";
import type { Command } from "./command.js";

function signatureText(v: VerifiedTag, config: ResolvedConfig): string {
  if (v.signature.verified === true) return `${v.signature.kind}, verified`;
  const setting = signingSetting(config, v.prerelease ? "prerelease" : "stable");
  return v.signature.kind ? `${v.signature.kind} (not checked: ${setting})` : `none (not required: ${setting})`;
}

function describe(v: VerifiedTag, config: ResolvedConfig): string {
  const rows: [string, string][] = [
    ["service", v.service ?? "(single package)"],
    ["version", v.version],
    ["prerelease", v.prerelease ? "yes" : "no"],
    ["previous tag", v.previousTag ?? "(none: first release)"],
    ["commit", v.commit],
    ["signature", signatureText(v, config)],
    ["stable branch", v.stableBranch ?? "(not required for a pre-release)"],
    ["image tags", v.distribution.tags.join(" ")],
    ...v.distribution.held.map((h): [string, string] => ["not moved", `${h.alias} (held by ${h.heldBy})`]),
    ...(v.distribution.deferred.length > 0
      ? [["at promote", v.distribution.deferred.join(" ")] as [string, string]]
      : []),
    ...(v.distribution.image
      ? [["images", v.distribution.images.join(`\n${" ".repeat(16)}`)] as [string, string]]
      : []),
  ];
  return [`✓ ${v.tag} is a valid release tag`, ...rows.map(([k, val]) => `  ${k.padEnd(14)}${val}`)].join("\n");
}

export const verifyTagCommand: Command = {
  summary: "CI-side checks of a pushed release tag; prints service, version, pre-release, image tags",
  help: `Usage: relnotes verify-tag <tag> [options]

What a tag-triggered workflow runs before it publishes anything. Checks that:
  - the tag is in a configured service's namespace, with a strict SemVer version;
  - it is a release by the one tag rule (with tag.annotated: "required" a
    lightweight tag is not), and the history back to its previous release is
    in the clone (a too-shallow clone stops with the fetch to run);
  - it is signed and verifiable when tag.sign asks for it for its kind (tag.sign: "gpg", or { stable: "gpg", prerelease: false });
    git verify-tag checks it (gpg keyring, or gpg.ssh.allowedSignersFile);
  - a stable version's commit is on <remote>/<stable branch> (branches.stable,
    globs allowed); pre-releases may come from any branch.
Then prints the service, version, pre-release flag, previous tag, commit and
the distribution tags (config distribution.tags; aliases in
distribution.promote are left to relnotes promote). Works on a detached HEAD.

Options:
  --json            print an object: service, version, prerelease, tag,
                    previousTag, commit, tags, images, …
  --github-output   also append service, version, prerelease, tag, previousTag,
                    commit, tags, images to the file named by $GITHUB_OUTPUT
                    (lists one item per line)
  --gitlab-dotenv <file>
                    also append them to a GitLab CI dotenv report, as
                    RELEASE_SERVICE, RELEASE_VERSION, RELEASE_PRERELEASE,
                    RELEASE_TAG, RELEASE_PREVIOUS_TAG, RELEASE_COMMIT,
                    RELEASE_TAGS, RELEASE_IMAGES (lists space separated)
  --image <name>    image for full references (default: services.<name>.image)
  --cwd <dir>       run in this repository

Examples:
  relnotes verify-tag api/v1.3.0
  relnotes verify-tag "$GITHUB_REF_NAME" --github-output
  relnotes verify-tag "$CI_COMMIT_TAG" --gitlab-dotenv release.env
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("verify-tag", argv, {
      json: { type: "boolean" },
      "github-output": { type: "boolean" },
      "gitlab-dotenv": { type: "string" },
      image: { type: "string" },
    });
    if (positionals.length !== 1)
      throw new UsageError(
        "give exactly one tag to verify",
        "e.g. relnotes verify-tag api/v1.3.0 (in GitHub Actions: ${{ github.ref_name }})",
      );
    const ctx = await openSession(
      values.cwd ?? io.cwd,
      { emit: reporter(io, { quiet: values.json }), env: io.env },
      { locate: false },
    );
    const verified = await verifyTag(ctx, positionals[0]!, { image: values.image });
    if (values["github-output"]) {
      const file = writeGithubOutput(io.env, verifiedTagOutputs(verified));
      if (!values.json) io.err(`outputs written to ${file}`);
    }
    if (values["gitlab-dotenv"] !== undefined) {
      const report = resolve(values.cwd ?? io.cwd, values["gitlab-dotenv"]);
      const file = writeGitlabDotenv(report, verifiedTagOutputs(verified));
      if (!values.json) io.err(`dotenv report written to ${file}`);
    }
    io.out(values.json ? JSON.stringify(verifiedTagJson(verified), null, 2) : describe(verified, ctx.config));
    return 0;
  },
};
