/** Fenced code blocks (CommonMark): what is inside one is text, never a heading, list item or definition. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The marker (```` ``` ````, `~~~~`) when the line opens or could close a fenced block, else null. */
export function fenceMarker(line: string): string | null {
  return FENCE.exec(line)?.[1] ?? null;
}

/** Whether `line` closes the block opened by `marker`: the same character, at least as many, nothing after. */
export function closesFence(line: string, marker: string): boolean {
  const m = fenceMarker(line);
  return m !== null && m[0] === marker[0] && m.length >= marker.length && line.trim() === m;
}
