import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// This module sits one folder below the package root both in src/ (tests, tsx) and in
// dist/, whose bundle is flat (entries and chunks side by side), so one relative path
// finds the files shipped beside the code wherever the bundler put this code.
const ROOT = new URL("../", import.meta.url);

/** The package's bundled templates folder (templates/ beside src/ and dist/). */
export const TEMPLATES_DIR = fileURLToPath(new URL("templates/", ROOT));

/** The library entry (`import … from "relnotes"`): src/index.ts when run from source, dist/index.js when built. */
export const LIBRARY_ENTRY = fileURLToPath(
  new URL(import.meta.url.endsWith(".ts") ? "index.ts" : "index.js", import.meta.url),
);

let version: string | undefined;

/** relnotes' own version, from its package.json. */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL("package.json", ROOT), "utf8")) as { version: string }).version;
  return version;
}
