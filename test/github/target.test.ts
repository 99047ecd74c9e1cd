import { describe, expect, it } from "vitest";
import { apiBaseUrl, githubToken, resolveGitHubTarget } from "../../src/forge/github/target.js";

const github = {
  url: "https://github.com/acme/widgets",
  host: "github.com",
  owner: "acme",
  repo: "widgets",
  forge: "github" as const,
};
const enterprise = {
  url: "https://git.corp.example/acme/widgets",
  host: "git.corp.example",
  owner: "acme",
  repo: "widgets",
  forge: "github" as const,
};

describe("where relnotes calls GitHub", () => {
  it("takes GITHUB_API_URL, else api.github.com, else the enterprise host's /api/v3", () => {
    expect(apiBaseUrl({ GITHUB_API_URL: "https://ghe.example/api/v3/" }, github)).toBe("https://ghe.example/api/v3");
    expect(apiBaseUrl({}, github)).toBe("https://api.github.com");
    expect(apiBaseUrl({}, null)).toBe("https://api.github.com");
    expect(apiBaseUrl({}, enterprise)).toBe("https://git.corp.example/api/v3");
  });

  it("takes GITHUB_TOKEN before GH_TOKEN and ignores blank values", () => {
    expect(githubToken({ GITHUB_TOKEN: "a-token", GH_TOKEN: "b-token" })).toBe("a-token");
    expect(githubToken({ GITHUB_TOKEN: " ", GH_TOKEN: "b-token" })).toBe("b-token");
    expect(githubToken({})).toBeNull();
  });

  it("needs a repository: from config or the origin URL", () => {
    expect(resolveGitHubTarget({ GITHUB_TOKEN: "a-token" }, enterprise)).toEqual({
      token: "a-token",
      baseUrl: "https://git.corp.example/api/v3",
      owner: "acme",
      repo: "widgets",
    });
    expect(() => resolveGitHubTarget({ GITHUB_TOKEN: "a-token" }, null)).toThrow(
      "cannot tell which GitHub repository to use",
    );
  });
});
