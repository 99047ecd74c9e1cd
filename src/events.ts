/**
 * The core never prints. It reports what it does as events; the CLI decides
 * how to show them (human text on stderr, nothing in --json mode, annotations in CI).
 */
export type RelnotesEvent =
  | { type: "warning"; message: string; file?: string; line?: number }
  | { type: "info"; message: string }
  | { type: "progress"; step: string; detail?: string }
  | { type: "step-done"; step: string; detail?: string };

export type Emit = (event: RelnotesEvent) => void;

export const silent: Emit = () => {};
