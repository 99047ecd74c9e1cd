import { afterAll, describe, expect, it } from "vitest";
import { relnotes } from "../helpers/cli.js";
import { cleanupTemp, repo } from "../helpers/repo.js";

afterAll(cleanupTemp);

/**
 * Links in rendered notes, per forge: the URL shapes (GitLab's `/-/` pages
 * with groups and subgroups, Gitea's pulls), self-hosted hosts named in config
 * or recognized from the CI job relnotes runs in, and the release page of a
 * slash-separated service tag.
 */

interface Case {
  name: string;
  remote: string;
  config?: object;
  env?: Record<string, string>;
  /** The repository's web home the links start with. */
  web: string;
  pr: string;
  compare: string;
}

const CASES: Case[] = [
  {
    name: "gitlab.com with a group and subgroups",
    remote: "git@gitlab.com:acme/platform/team/widgets.git",
    web: "https://gitlab.com/acme/platform/team/widgets",
    pr: "/-/merge_requests/7",
    compare: "/-/compare/api/v1.0.0...api/v1.1.0",
  },
  {
    name: "a self-hosted GitLab named in config",
    remote: "https://git.example.com/acme/platform/widgets.git",
    config: { repository: { forge: "gitlab" } },
    web: "https://git.example.com/acme/platform/widgets",
    pr: "/-/merge_requests/7",
    compare: "/-/compare/api/v1.0.0...api/v1.1.0",
  },
  {
    name: "a self-hosted GitLab recognized in its own CI job (CI_SERVER_URL)",
    remote: "https://gitlab-ci-token:secret@git.example.com/acme/platform/widgets.git",
    env: { GITLAB_CI: "true", CI_SERVER_URL: "https://git.example.com" },
    web: "https://git.example.com/acme/platform/widgets",
    pr: "/-/merge_requests/7",
    compare: "/-/compare/api/v1.0.0...api/v1.1.0",
  },
  {
    name: "a self-hosted GitLab whose web home is in config (another port, SSH remote)",
    remote: "ssh://git@git.example.com:2222/acme/platform/widgets.git",
    config: { repository: { url: "https://code.example.com/acme/platform/widgets", forge: "gitlab" } },
    web: "https://code.example.com/acme/platform/widgets",
    pr: "/-/merge_requests/7",
    compare: "/-/compare/api/v1.0.0...api/v1.1.0",
  },
  {
    name: "Codeberg",
    remote: "git@codeberg.org:acme/widgets.git",
    web: "https://codeberg.org/acme/widgets",
    pr: "/pulls/7",
    compare: "/compare/api/v1.0.0...api/v1.1.0",
  },
  {
    name: "a self-hosted Forgejo recognized in its own Actions job (not as GitHub Enterprise)",
    remote: "https://forge.example.org/acme/widgets.git",
    env: { FORGEJO_ACTIONS: "true", GITEA_ACTIONS: "true", GITHUB_SERVER_URL: "https://forge.example.org" },
    web: "https://forge.example.org/acme/widgets",
    pr: "/pulls/7",
    compare: "/compare/api/v1.0.0...api/v1.1.0",
  },
  {
    name: "a self-hosted Gitea named in config",
    remote: "git@git.example.net:acme/widgets.git",
    config: { repository: { forge: "gitea" } },
    web: "https://git.example.net/acme/widgets",
    pr: "/pulls/7",
    compare: "/compare/api/v1.0.0...api/v1.1.0",
  },
];

function changelog(c: Case) {
  const config = { services: { api: { paths: ["svc/api/"] } }, ...c.config };
  const r = repo({
    files: { "cliff.config.json": `${JSON.stringify(config)}\n` },
    commits: [
      { message: "feat(api): first", files: { "svc/api/a.go": "a\n" }, annotated: ["api/v1.0.0"] },
      { message: "feat(api): rotate keys (#7)", files: { "svc/api/b.go": "b\n" }, annotated: ["api/v1.1.0"] },
    ],
  });
  r.git("remote", "add", "origin", c.remote);
  const res = relnotes(r.dir, ["changelog", "api"], {
    GITLAB_CI: "",
    CI_SERVER_URL: "",
    GITEA_ACTIONS: "",
    FORGEJO_ACTIONS: "",
    ...c.env,
  });
  expect(res.code, res.stderr).toBe(0);
  return { text: res.stdout, sha: r.sha(1) };
}

describe("links follow each forge's URL shapes", () => {
  it.each(CASES)("$name", (c) => {
    const { text, sha } = changelog(c);
    expect(text).toContain(`([#7](${c.web}${c.pr}))`);
    expect(text).toContain(`${c.web}${c.compare}`);
    expect(text).toContain(`${c.web}${c.pr.startsWith("/-/") ? "/-/commit/" : "/commit/"}${sha}`);
    expect(text).not.toContain("secret");
    expect(text).not.toContain("github.com");
  });

  it("the GitHub Enterprise of GITHUB_SERVER_URL is still recognized outside Gitea/Forgejo Actions", () => {
    const { text } = changelog({
      name: "",
      remote: "https://github.corp.example/acme/widgets.git",
      env: { GITHUB_SERVER_URL: "https://github.corp.example" },
      web: "https://github.corp.example/acme/widgets",
      pr: "/pull/7",
      compare: "",
    });
    expect(text).toContain("(https://github.corp.example/acme/widgets/pull/7)");
  });
});
