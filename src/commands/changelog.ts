import { join, resolve } from "node:path";
import { parseCommandArgs } from "../cli/args.js";
import { reporter } from "../cli/reporter.js";
import { readContexts } from "../changelog/from-context.js";
import { changelogContexts } from "../changelog/regenerate.js";
import { readExistingChangelog } from "../changelog/read.js";
import { contextsJson, renderChangelog, renderUnreleased } from "../changelog/render-file.js";
import { loadConfig } from "../config/load.js";
import { UsageError } from "../errors.js";
import { writeFileAtomic } from "../fs/atomic.js";
import { repositoryRoot } from "../git/repo.js";
import { selectServices } from "../plan/build.js";
import { openSession } from "../session/session.js";
import { createRenderer, withRenderer } from "../render/render.js";
import type { Command } from "./command.js";

export const changelog: Command = {
  summary: "render a service's whole changelog from its tags, or only the unreleased changes",
  help: `Usage: relnotes changelog [service] [options]

Renders every stable release of the service from its tags, newest first,
each dated by its tag and linked to its compare view, with the unreleased
changes on top. Replaces \`git-cliff -o CHANGELOG.md\`. Written over an
existing file (the -o file, else the service's changelog), it keeps that
file's header, what people wrote under its Unreleased heading, and its link
style (inline heading links or definitions at the bottom). Nothing else of
the file is lost either: what a release section says beyond the history's
entries (a note, an entry for a commit the history does not count) stays in
it, and releases the history has no tag for stay where their version puts
them; both are listed as they are kept. --replace writes the history's text
only for every tagged release.

Options:
  -o, --output <file>    write the changelog to this file (atomically) instead of stdout
  --unreleased           only the changes since the latest stable release
  --replace              release sections as the history writes them, dropping what the file added to them
  --context              print the JSON render contexts instead of markdown
  --from-context <file>  render contexts from a file (from --context) without reading git
  --notes                with --from-context: render the release-notes template instead
  --cwd <dir>            run in this repository

Examples:
  relnotes changelog -o CHANGELOG.md   regenerate a single package's changelog
  relnotes changelog api --unreleased  what api's next section would say
  relnotes changelog api --context > ctx.json && relnotes changelog --from-context ctx.json
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("changelog", argv, {
      output: { type: "string", short: "o" },
      unreleased: { type: "boolean" },
      context: { type: "boolean" },
      "from-context": { type: "string" },
      notes: { type: "boolean" },
      replace: { type: "boolean" },
    });
    const cwd = values.cwd ?? io.cwd;
    // Writing to a file, stdout is free: progress ("reading history") and the result line go to stderr.
    const emit = reporter(io, { quiet: values.output === undefined });
    const write = (text: string) => {
      if (values.output === undefined) return io.out(text);
      writeFileAtomic(resolve(cwd, values.output), text);
      io.err(`wrote ${values.output} (${text.split("\n").length} lines)`);
    };

    if (values["from-context"] !== undefined) {
      const contexts = readContexts(resolve(cwd, values["from-context"]));
      const renderer = await createRenderer(await loadConfig((await repositoryRoot(cwd)) ?? cwd), { plain: false });
      write(contexts.map((c) => (values.notes ? renderer.notes(c) : renderer.changelogSection(c))).join("\n"));
      return 0;
    }
    if (positionals.length > 1) throw new UsageError("relnotes changelog takes at most one service");
    const session = await openSession(cwd, { emit, env: io.env }, { services: positionals, foreignConfigNote: true });
    if (session.config.monorepo && positionals.length === 0) {
      throw new UsageError(
        "name the service whose changelog to render",
        `services: ${session.config.services.map((s) => s.name).join(", ")}`,
      );
    }
    const [service] = selectServices(session, positionals);
    const contexts = await changelogContexts(session, service!, { unreleasedOnly: values.unreleased ?? false });
    if (values.context) {
      write(contextsJson(contexts));
      return 0;
    }
    // Only now, when it renders: --context works even while a template is broken.
    const ctx = await withRenderer(session, { plain: false });
    // Written over the output file, else the service's changelog: their header and hand-written Unreleased notes are kept.
    const output =
      values.output && !values.unreleased ? { path: resolve(cwd, values.output), display: values.output } : null;
    const file = service!.changelog
      ? { path: join(ctx.config.root, service!.changelog), display: service!.changelog }
      : null;
    const target = output ?? file;
    const existing = target ? readExistingChangelog(target.path, target.display) : { display: "", text: null };
    write(
      values.unreleased
        ? renderUnreleased(ctx, contexts, existing)
        : renderChangelog(ctx, contexts, existing, { replace: values.replace ?? false }),
    );
    return 0;
  },
};
