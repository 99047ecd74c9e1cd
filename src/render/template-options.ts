/** The helpers templates may call (src/render/helpers.ts defines them); any other is an error when a template loads. */
export const HELPER_NAMES = ["eq", "empty", "indent", "upper", "raw"] as const;

/**
 * How relnotes compiles changelog and notes templates: strict (an undefined variable is an
 * error) and with only known helpers. The build precompiles the bundled ones with the same
 * options. Frozen: Handlebars' precompile() fills defaults into the object it gets.
 */
export const TEMPLATE_OPTIONS = Object.freeze({
  strict: true,
  preventIndent: true,
  knownHelpersOnly: true,
  knownHelpers: Object.freeze(Object.fromEntries(HELPER_NAMES.map((name) => [name, true]))),
});
