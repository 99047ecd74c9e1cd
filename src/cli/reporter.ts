import type { Emit } from "../events.js";
import type { CliIO } from "./io.js";

/** GitHub Actions workflow commands need %, CR and LF escaped. */
export function escapeAnnotation(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Render core events on stderr; in GitHub Actions warnings also become annotations. */
export function reporter(io: CliIO, options: { quiet?: boolean } = {}): Emit {
  const actions = io.env.GITHUB_ACTIONS === "true";
  return (event) => {
    switch (event.type) {
      case "warning": {
        const where = event.file ? `${event.file}${event.line ? `:${event.line}` : ""}: ` : "";
        io.err(`warning: ${where}${event.message}`);
        if (actions) io.out(`::warning${event.file ? ` file=${event.file}${event.line ? `,line=${event.line}` : ""}` : ""}::${escapeAnnotation(event.message)}`);
        return;
      }
      case "info":
        if (!options.quiet) io.err(event.message);
        return;
      case "progress":
        if (!options.quiet) io.err(`… ${event.step}${event.detail ? `: ${event.detail}` : ""}`);
        return;
      case "step-done":
        if (!options.quiet) io.err(`✓ ${event.step}${event.detail ? `: ${event.detail}` : ""}`);
        return;
    }
  };
}
