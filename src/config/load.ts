import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RelnotesError } from "../errors.js";
import { LIBRARY_ENTRY } from "../package-root.js";
import { LocatedError, lineColumn } from "../source-location.js";
import { resolveConfig, TOP_LEVEL_KEYS } from "./schema.js";
import type { ResolvedConfig } from "./types.js";
import { detectRootManifests } from "./root-manifests.js";
import { settle } from "./settle.js";
import { agree } from "../text/words.js";

export const CONFIG_FILES = [
  "cliff.config.ts",
  "cliff.config.mts",
  "cliff.config.mjs",
  "cliff.config.js",
  "cliff.config.json",
];

/** How long a config module may take to evaluate (and its exported promise or function to settle). */
const EVALUATION_TIMEOUT_MS = 10_000;
const WRITE_IT = "write: export default defineConfig({ … }) (or run relnotes init to write one)";

/** The config file at `root`; two of them is an error, since relnotes would silently read only one. */
export function findConfigFile(root: string): string | null {
  const found = CONFIG_FILES.filter((name) => existsSync(join(root, name)));
  if (found.length > 1) {
    throw new RelnotesError(
      `found ${found.length} config files: ${found.join(", ")}; relnotes reads exactly one`,
      `keep the one you use and delete the ${agree(found.length - 1, "other", "others")}`,
    );
  }
  return found[0] ?? null;
}

async function parseJson(name: string, text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    // Only a broken file loads the position-aware parser, to say where.
  }
  const { parse, printParseErrorCode } = await import("jsonc-parser");
  const errors: { error: number; offset: number; length: number }[] = [];
  const value: unknown = parse(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first) {
    const { line, column } = lineColumn(text, first.offset);
    const what = printParseErrorCode(first.error as Parameters<typeof printParseErrorCode>[0])
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase();
    throw new LocatedError(
      name,
      line,
      column,
      `invalid JSON: ${what}`,
      text,
      "JSON allows no trailing commas and no comments; cliff.config.ts allows both",
    );
  }
  return value;
}

/** Where in the config file an evaluation error was thrown: the first stack frame in that file. */
function frameIn(error: unknown, path: string): { line: number; column: number } | null {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  for (const location of [path, pathToFileURL(path).href]) {
    const at = stack.indexOf(`${location}:`);
    if (at === -1) continue;
    const m = /^:(\d+):(\d+)/.exec(stack.slice(at + location.length));
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
  }
  return null;
}

/** The module's default export, boxed: returning a promise from an async function would wait on it outside `settle`. */
async function importModule(name: string, path: string, source: string): Promise<{ value: unknown }> {
  // Loaded only when a config file exists, so commands without one start fast.
  const { createJiti } = await import("jiti");
  // Stack frames of errors thrown by config code then point at the TypeScript the user wrote.
  process.setSourceMapsEnabled(true);
  // `import { defineConfig } from "relnotes"` must resolve to the running relnotes,
  // even under npx or a global install where the project has no node_modules/relnotes.
  const jiti = createJiti(import.meta.url, {
    alias: { relnotes: LIBRARY_ENTRY },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
    sourceMaps: true,
  });
  let mod: unknown;
  try {
    mod = await settle(jiti.import(path), name, EVALUATION_TIMEOUT_MS);
  } catch (e) {
    if (e instanceof RelnotesError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    // The loader's syntax errors end with " <path>:<line>:<column>".
    const parse = /^(?:\w*Error: )?([\s\S]*?)\s+(\S+):(\d+):(\d+)\s*$/.exec(message);
    if (parse && parse[2] === path) {
      // Its column is 0-based.
      throw new LocatedError(
        name,
        Number(parse[3]),
        Number(parse[4]) + 1,
        `syntax error: ${parse[1]!.trim()}`,
        source,
        "fix the syntax at that position",
        { cause: e },
      );
    }
    const where = frameIn(e, path);
    const text = `evaluating the config threw ${e instanceof Error ? `${e.name}: ` : ""}${message.split("\n")[0]}`;
    const hint = "fix the config; run with --debug to see the error's own stack";
    if (where) throw new LocatedError(name, where.line, where.column, text, source, hint, { cause: e });
    throw new RelnotesError(`${name}: ${text}`, hint, { cause: e });
  }
  const record = (mod ?? {}) as Record<string, unknown>;
  if ("default" in record) return { value: record.default };
  const keys = Object.keys(record);
  if (keys.length === 0) throw new RelnotesError(`${name} has no default export`, WRITE_IT);
  // A CommonJS `module.exports = { … }` has config keys; anything else is a named export by mistake.
  if (keys.every((k) => TOP_LEVEL_KEYS.includes(k))) return { value: record };
  throw new RelnotesError(
    `${name} has no default export (it exports ${keys.map((k) => `"${k}"`).join(", ")})`,
    `relnotes reads the default export: ${WRITE_IT.slice("write: ".length)}`,
  );
}

async function evaluate(name: string, path: string, source: string): Promise<unknown> {
  let raw = (await importModule(name, path, source)).value;
  if (
    typeof raw === "function" ||
    (typeof raw === "object" && raw !== null && typeof (raw as { then?: unknown }).then === "function")
  ) {
    const exported = raw;
    try {
      raw = await settle(
        Promise.resolve().then(() => (typeof exported === "function" ? (exported as () => unknown)() : exported)),
        name,
        EVALUATION_TIMEOUT_MS,
      );
    } catch (e) {
      if (e instanceof RelnotesError) throw e;
      const where = frameIn(e, path);
      const text =
        `the exported config ${typeof exported === "function" ? "function threw" : "promise was rejected with"} ` +
        `${e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e)}`;
      if (where)
        throw new LocatedError(
          name,
          where.line,
          where.column,
          text,
          source,
          "run with --debug to see the error's own stack",
          { cause: e },
        );
      throw new RelnotesError(`${name}: ${text}`, "run with --debug to see the error's own stack", { cause: e });
    }
  }
  if (raw === undefined || raw === null)
    throw new RelnotesError(`${name}: the default export is ${String(raw)}`, WRITE_IT);
  return raw;
}

/** Find, load, validate and resolve the configuration of the repository at `root`. */
export async function loadConfig(root: string): Promise<ResolvedConfig> {
  const name = findConfigFile(root);
  if (name === null) return resolveConfig({}, null, root, { rootManifests: detectRootManifests(root) });
  const path = join(root, name);
  const source = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  if (source.trim() === "")
    throw new RelnotesError(`${name} is empty`, `delete it to use the defaults, or ${WRITE_IT}`);
  const raw = name.endsWith(".json") ? await parseJson(name, source) : await evaluate(name, path, source);
  return resolveConfig(raw, name, root, { rootManifests: detectRootManifests(root) });
}
