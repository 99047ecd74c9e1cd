import type { RelnotesConfig } from "../config/types.js";
import type { Proposal } from "./propose.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function comment(text: string, pad: string): string {
  return text
    .split("\n")
    .map((l) => `${`${pad}// ${l}`.trimEnd()}\n`)
    .join("");
}

/** A value as TypeScript source, with the proposal's comments above the keys they explain. */
function literal(value: unknown, pad: string, path: string, comments: Map<string, string>): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, `${pad}  `, path, comments));
    return items.join(", ").length < 80 && !items.some((i) => i.includes("\n"))
      ? `[${items.join(", ")}]`
      : `[\n${items.map((i) => `${pad}  ${i},\n`).join("")}${pad}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const inner = `${pad}  `;
    const body = entries.map(([k, v]) => {
      const key = path ? `${path}.${k}` : k;
      const note = comments.get(key);
      return (
        `${note ? comment(note, inner) : ""}${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ` +
        `${literal(v, inner, key, comments)},\n`
      );
    });
    return `{\n${body.join("")}${pad}}`;
  }
  return JSON.stringify(value);
}

/** cliff.config.ts: typed by defineConfig, commented with what init found. */
export function configTypeScript(proposal: Proposal): string {
  const heading = [
    "relnotes configuration, written by `relnotes init`. What it found:",
    ...proposal.facts.map((f) => `- ${f}`),
    "Every key is optional; see `relnotes help init` and the README for the rest.",
  ].join("\n");
  const untranslated = proposal.comments.get("");
  return (
    "import { defineConfig } from " +
    `"relnotes";\n\n${comment(heading, "")}${untranslated ? `//\n${comment(untranslated, "")}` : ""}export ` +
    `default defineConfig(${literal(proposal.config, "", "", proposal.comments)});\n`
  );
}

/** cliff.config.json: with `$schema` so editors complete and check it. */
export function configJson(config: RelnotesConfig, schema: string): string {
  return `${JSON.stringify({ $schema: schema, ...config }, null, 2)}\n`;
}
