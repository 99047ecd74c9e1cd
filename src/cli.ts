#!/usr/bin/env node
import * as nodeModule from "node:module";

// Node >= 22.1 can keep V8's compiled code on disk (in the OS temp folder), so the modules
// imported below are not parsed and compiled again on every start; Node 20 has no such API.
// It only applies to modules loaded after this call, hence the dynamic imports.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// One import: main.js hands on processIO from the module it already loads (a second import would be a file more).
const { main, processIO } = await import("./cli/main.js");
const code = await main(process.argv.slice(2), processIO());
// Exit once output is flushed, even if a user's config left a timer or socket open.
let pending = 2;
const exit = () => --pending === 0 && process.exit(code);
process.stdout.write("", exit);
process.stderr.write("", exit);
