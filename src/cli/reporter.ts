import type { Emit } from "../events.js";
import type { CliIO } from "./io.js";
import { paint } from "./style.js";

/** GitHub Actions workflow commands need %, CR and LF escaped. */
export function escapeAnnotation(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/**
 * Render core events on stderr: one line per step (updated in place on a
 * terminal), warnings in yellow; in GitHub Actions warnings also become annotations.
 */
export function reporter(io: CliIO, options: { quiet?: boolean } = {}): Emit {
  const actions = io.env.GITHUB_ACTIONS === "true";
  const c = paint(io.color.err);
  return (event) => {
    switch (event.type) {
      case "warning": {
        const where = event.file ? `${event.file}${event.line ? `:${event.line}` : ""}: ` : "";
        io.err(`${c(["yellow", "bold"], "warning:")} ${where}${event.message}`);
        if (actions) {
          const properties = event.file ? ` file=${event.file}${event.line ? `,line=${event.line}` : ""}` : "";
          io.out(`::warning${properties}::${escapeAnnotation(event.message)}`);
        }
        return;
      }
      case "info":
        if (!options.quiet) io.err(event.message);
        return;
      case "progress":
        if (!options.quiet)
          io.progress(`${c("cyan", "…")} ${event.step}${event.detail ? c("dim", `: ${event.detail}`) : ""}`);
        return;
      case "step-done":
        if (!options.quiet)
          io.done(`${c("green", "✓")} ${event.step}${event.detail ? c("dim", `: ${event.detail}`) : ""}`);
        return;
    }
  };
}
