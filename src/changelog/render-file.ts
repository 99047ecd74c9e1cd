import type { RenderSession } from "../render/render.js";
import type { ReleaseContext } from "../render/context.js";
import { composeChangelog, type RenderedSection } from "./compose.js";
import { parseChangelogDocument } from "./document.js";
import { mergeHandWritten } from "./hand-written.js";
import type { ExistingChangelog } from "./read.js";

/**
 * The whole changelog regenerated from history (`relnotes changelog [-o FILE]`),
 * written over the existing file as a release would write into it: its header,
 * its hand-written notes (under Unreleased and under each release), its
 * releases the history has no tag for, its link style stay.
 */
export function renderChangelog(
  ctx: RenderSession,
  contexts: Iterable<ReleaseContext>,
  existing: ExistingChangelog,
  options: { replace: boolean } = { replace: false },
): string {
  // One context at a time: a lazy sequence (src/changelog/regenerate.ts) never holds the whole history's commits.
  const sections: RenderedSection[] = [];
  for (const c of contexts)
    sections.push({ text: ctx.renderer.changelogSection(c), unreleased: c.unreleased, url: c.compareUrl });
  return composeChangelog(existing.text, sections, {
    path: existing.display,
    header: ctx.config.changelog.header,
    linkStyle: ctx.config.changelog.links,
    note: (message) => ctx.emit({ type: "info", message }),
    replace: options.replace,
  });
}

/** Only the unreleased changes (`relnotes changelog --unreleased`), with what people wrote under the file's Unreleased heading. */
export function renderUnreleased(
  ctx: RenderSession,
  contexts: Iterable<ReleaseContext>,
  existing: ExistingChangelog,
): string {
  const generated = Array.from(contexts, (c) => ctx.renderer.changelogSection(c)).join("\n");
  const own = existing.text === null ? null : parseChangelogDocument(existing.text).unreleased;
  if (!own) return generated;
  const body = existing.text!.slice(own.bodyStart, own.end);
  return mergeHandWritten(generated, body, { path: existing.display, line: own.line + 1, version: "Unreleased" }).text;
}

/** `JSON.stringify([...contexts], null, 2)`, one context at a time. */
export function contextsJson(contexts: Iterable<ReleaseContext>): string {
  const parts: string[] = [];
  for (const c of contexts) parts.push(`  ${JSON.stringify(c, null, 2).replace(/\n/g, "\n  ")}`);
  return parts.length === 0 ? "[]" : `[\n${parts.join(",\n")}\n]`;
}
