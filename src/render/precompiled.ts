export interface PrecompiledTemplate {
  /** The template text it was compiled from, and the options (JSON): it is used only while both still match. */
  source: string;
  options: string;
  /** What Handlebars.precompile produced, for Handlebars.template. */
  spec: object;
}

/**
 * The bundled templates (templates/*.hbs), by file name. The build replaces this module in
 * dist/ with the templates precompiled (scripts/precompile-templates.mjs), which spares each
 * run Handlebars' parser and code generator; run from source, there are none to use.
 */
export const PRECOMPILED: Readonly<Record<string, PrecompiledTemplate>> = {};
