import type { ManifestUpdater } from "./types.js";

const BOM = "\uFEFF";

/** Parsers see the text without its byte-order mark; offsets are relative to this body. */
export function stripBom(text: string): { bom: string; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: "", body: text };
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Replace byte ranges of `body` (non-overlapping); everything outside them is kept as is. */
export function applySplices(body: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start);
  let out = body;
  for (const s of sorted) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** Run an edit on the BOM-less body and put the BOM back. */
export function editBody(text: string, edit: (body: string) => Splice[]): string {
  const { bom, body } = stripBom(text);
  return bom + applySplices(body, edit(body));
}

/** Where a file's one version sits: its text and the span it occupies in the body (BOM removed). */
export type VersionSpanFinder = (body: string) => { version: string; offset: number; end: number };

/** An updater for files whose version is a single span found by `find` (VERSION files, user patterns). */
export function singleSpanUpdater(kind: string, find: VersionSpanFinder): ManifestUpdater {
  return {
    kind,
    read(text) {
      const { version, offset } = find(stripBom(text).body);
      return { version, offset };
    },
    update(text, change) {
      const version = change.version;
      if (version === null) return text;
      return editBody(text, (body) => {
        const s = find(body);
        return [{ start: s.offset, end: s.end, text: version }];
      });
    },
  };
}
