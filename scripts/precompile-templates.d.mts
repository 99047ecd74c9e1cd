// Types for the build's template precompiler (plain ESM JavaScript, run by scripts/build.mjs).
export function precompiledModule(root: string, options: object): string;
