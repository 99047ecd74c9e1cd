import type { ConventionalCommit } from "../commits/types.js";
import { RelnotesError } from "../errors.js";
import { buildReleaseContext, type RepositoryContext } from "../render/context.js";
import { createRenderer } from "../render/render.js";
import { LocatedError } from "../source-location.js";
import type { Checker, Problem } from "./types.js";

const SAMPLE_REPOSITORY: RepositoryContext = {
  url: "https://github.com/owner/repo",
  host: "github.com",
  owner: "owner",
  repo: "repo",
  forge: "github",
};

function sampleCommit(type: string, breaking: boolean): ConventionalCommit {
  return {
    sha: "0123456789abcdef0123456789abcdef01234567",
    type,
    scope: breaking ? null : "core",
    subject: "a sample change",
    body: "",
    breaking,
    breakingNotes: breaking ? ["a sample breaking change"] : [],
    footers: [],
    pr: breaking ? null : 12,
    releaseAs: null,
    authorName: "Sample Author",
    date: "2026-01-01T00:00:00Z",
  };
}

/**
 * Render the changelog and notes templates against sample releases (with and
 * without a forge, released and unreleased, first and later releases), so an
 * undefined variable is found before a release needs the template.
 */
export const checkTemplates: Checker = async (ctx) => {
  const types = Object.entries(ctx.config.commits.types)
    .filter(([, t]) => t.section !== null)
    .map(([type]) => type);
  const commits = [...types.map((t) => sampleCommit(t, false)), sampleCommit(types[0] ?? "feat", true)];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const renderer = await createRenderer(ctx.config);
  for (const repository of [ctx.repository ?? SAMPLE_REPOSITORY, null]) {
    for (const previous of [null, "1.2.2"]) {
      for (const unreleased of [false, true]) {
        const facts = {
          unreleased,
          service: ctx.config.services[0]?.name ?? null,
          version: "1.2.3",
          tag: "v1.2.3",
          previousTag: previous && `v${previous}`,
          previousVersion: previous,
          date: "2026-01-01",
          prerelease: false,
          commits,
        };
        const context = buildReleaseContext(facts, ctx.config, repository);
        for (const render of [renderer.changelogSection, renderer.notes]) {
          try {
            render(context);
          } catch (e) {
            if (!(e instanceof RelnotesError)) throw e;
            const key = e.message.split("\n")[0]!;
            if (seen.has(key)) continue;
            seen.add(key);
            problems.push(
              e instanceof LocatedError
                ? {
                    code: "template",
                    message: key.slice(`${e.file}:${e.line}:${e.column}: `.length),
                    file: e.file,
                    line: e.line,
                    column: e.column,
                  }
                : { code: "template", message: key },
            );
          }
        }
      }
    }
  }
  return problems;
};
