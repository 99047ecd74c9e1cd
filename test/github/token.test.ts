import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openReleasesClient } from "../../src/forge/github/client.js";
import { GitHubApiError } from "../../src/forge/github/errors.js";
import { TOKEN, closeGitHubFixtures, githubFixture } from "../helpers/github/fixture.js";
import type { Fault } from "../helpers/github/server.js";

afterEach(closeGitHubFixtures);

/** Every way an error could carry text out: message, hint, stack, enumerable fields, cause. */
function everything(e: unknown): string {
  const err = e as Error & { hint?: string; cause?: unknown };
  return [
    String(e),
    err.message,
    err.hint ?? "",
    err.stack ?? "",
    inspect(e, { depth: 20, showHidden: true }),
    JSON.stringify(e),
    inspect(err.cause, { depth: 20 }),
  ].join("\n");
}

describe("the GitHub token", () => {
  it("never appears in stdout or stderr, on success or failure, with --debug or --json", async () => {
    const fx = await githubFixture();
    const runs = [
      await fx.run(["release", "api/v1.3.0", "--debug"]),
      await fx.run(["release", "api/v1.3.0", "--json", "--debug"]),
      await fx.run(["release", "api/v1.3.0", "--debug"], { GITHUB_TOKEN: `${TOKEN}-wrong` }),
      await fx.run(["promote", "api/v1.3.0", "--debug"]),
      await fx.run(["deprecate", "api/v1.3.0", "--use", "api/v1.2.0", "--debug"], {
        GITHUB_TOKEN: "",
        GH_TOKEN: `${TOKEN}-gh`,
      }),
    ];
    fx.github.fail({ fault: { kind: "status", status: 500 }, times: 50 });
    runs.push(await fx.run(["release", "api/v1.2.0", "--debug"]));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 1, 0, 1, 1]);
    expect(runs[2]!.stderr).toContain(
      "error: GitHub rejected the token while looking up the release of api/v1.3.0 (401 Bad credentials)",
    );
    for (const r of runs) {
      expect(r.stdout).not.toContain(TOKEN);
      expect(r.stderr).not.toContain(TOKEN);
      expect(r.stderr).not.toContain(TOKEN.slice(4, 20));
    }
  });

  it("reads GH_TOKEN when GITHUB_TOKEN is unset, and says what to set when both are", async () => {
    const fx = await githubFixture();
    const gh = await fx.run(["release", "api/v1.3.0"], { GITHUB_TOKEN: "", GH_TOKEN: TOKEN });
    expect(gh.code, gh.stderr).toBe(0);
    const none = await fx.run(["release", "api/v1.3.0"], { GITHUB_TOKEN: "", GH_TOKEN: "" });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("error: no GitHub token: GITHUB_TOKEN and GH_TOKEN are both unset");
  });

  it("never appears in the errors the client throws, whatever the failure", async () => {
    const fx = await githubFixture();
    const faults: (Fault | "bad-token")[] = [
      "bad-token",
      { kind: "forbidden" },
      { kind: "status", status: 502 },
      { kind: "reset" },
      { kind: "already-exists" },
      { kind: "rate-limit" },
    ];
    for (const fault of faults) {
      const token = fault === "bad-token" ? `${TOKEN}-wrong` : TOKEN;
      if (fault !== "bad-token") fx.github.fail({ fault, times: 50 });
      const client = await openReleasesClient(
        { token, baseUrl: fx.github.url, owner: "acme", repo: "widgets" },
        { emit: () => {}, userAgent: "relnotes-test", retryBaseMs: 1 },
      );
      // Creates are spaced 3 s apart (GitHub's advice for requests that notify); a lookup fails the same way, faster.
      const request =
        fault !== "bad-token" && fault.kind === "already-exists"
          ? client.create({
              tag: "api/v1.3.0",
              title: "api v1.3.0",
              notes: "",
              draft: false,
              prerelease: false,
              latest: false,
            })
          : client.findByTag("api/v1.3.0");
      const error = await request.then(
        () => null,
        (e: unknown) => e,
      );
      fx.github.clearFaults();
      expect(error, JSON.stringify(fault)).toBeInstanceOf(GitHubApiError);
      expect(everything(error)).not.toContain(TOKEN);
    }
  });
});
