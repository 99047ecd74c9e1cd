import type { RenderSession } from "../render/render.js";
import type { ReleaseContext } from "../render/context.js";
import { composeChangelog } from "./compose.js";
import { parseChangelogDocument } from "./document.js";
import { mergeHandWritten } from "./hand-written.js";
import type { ExistingChangelog } from "./read.js";

/**
 * The whole changelog regenerated from history (`relnotes changelog [-o FILE]`),
 * written over the existing file as a release would write into it: its header,
 * its hand-written Unreleased notes, its link style stay.
 */
export function renderChangelog(
  ctx: RenderSession,
  contexts: readonly ReleaseContext[],
  existing: ExistingChangelog,
): string {
  const sections = contexts.map((c) => ({
    text: ctx.renderer.changelogSection(c),
    unreleased: c.unreleased,
    url: c.compareUrl,
  }));
  return composeChangelog(existing.text, sections, {
    path: existing.display,
    header: ctx.config.changelog.header,
    linkStyle: ctx.config.changelog.links,
  });
}

/** Only the unreleased changes (`relnotes changelog --unreleased`), with what people wrote under the file's Unreleased heading. */
export function renderUnreleased(
  ctx: RenderSession,
  contexts: readonly ReleaseContext[],
  existing: ExistingChangelog,
): string {
  const generated = contexts.map((c) => ctx.renderer.changelogSection(c)).join("\n");
  const own = existing.text === null ? null : parseChangelogDocument(existing.text).unreleased;
  if (!own) return generated;
  const body = existing.text!.slice(own.bodyStart, own.end);
  return mergeHandWritten(generated, body, { path: existing.display, line: own.line + 1, version: "Unreleased" }).text;
}
