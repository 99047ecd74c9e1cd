// Loader hooks for register.mjs: runs off the main thread, so it appends to the log file directly.
import { appendFileSync } from "node:fs";

const log = process.env.RELNOTES_MODULE_LOG;

export async function load(url, context, nextLoad) {
  if (log && !url.startsWith("node:")) appendFileSync(log, `${url}\n`);
  return nextLoad(url, context);
}
