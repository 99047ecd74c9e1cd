/**
 * How relnotes compiles changelog and notes templates; the build precompiles the bundled ones
 * with the same options. Frozen: Handlebars' precompile() fills defaults into the object it gets.
 */
export const TEMPLATE_OPTIONS = Object.freeze({ strict: false, preventIndent: true });
