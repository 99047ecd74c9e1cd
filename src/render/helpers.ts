import type { HelperDelegate } from "handlebars";
import { escapeMarkdown } from "./markdown.js";

/**
 * Every Handlebars helper relnotes offers to templates. `{{x}}` already
 * escapes for Markdown; these cover the rest.
 */
export function helpers(SafeString: new (s: string) => unknown): Record<string, HelperDelegate> {
  return {
    /** `{{eq a b}}` */
    eq: (a: unknown, b: unknown) => a === b,
    /** `{{#unless (empty list)}}` */
    empty: (list: unknown) => !Array.isArray(list) || list.length === 0,
    /** `{{indent text "  "}}`: escape multi-line text and indent continuation lines (for list items). */
    indent: (text: unknown, prefix: unknown) =>
      new SafeString(escapeMarkdown(String(text ?? ""), typeof prefix === "string" ? prefix : "  ")),
    /** `{{upper text}}` */
    upper: (text: unknown) => String(text ?? "").toUpperCase(),
    /** `{{raw text}}`: no escaping, for trusted template data only. */
    raw: (text: unknown) => new SafeString(String(text ?? "")),
  };
}
