#!/usr/bin/env node
import { processIO } from "./cli/io.js";
import { main } from "./cli/main.js";

const code = await main(process.argv.slice(2), processIO());
process.exitCode = code;
