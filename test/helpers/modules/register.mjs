// Preload (`node --import <this file> …`) that records every module a process loads,
// one file URL a line, into the file named by RELNOTES_MODULE_LOG: ES modules through a
// loader hook (it sees each module once, when it is loaded), CommonJS ones from
// require.cache at exit (Node 20's hooks do not see a require() made inside CommonJS).
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const log = process.env.RELNOTES_MODULE_LOG;
if (log) {
  register("./hooks.mjs", import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on("exit", () => {
    const cjs = Object.keys(cache).map((path) => pathToFileURL(path).href);
    if (cjs.length > 0) appendFileSync(log, `${cjs.join("\n")}\n`);
  });
}
