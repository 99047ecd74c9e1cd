// The build's replacement for src/render/precompiled.ts: every bundled template
// (templates/*.hbs) precompiled by the Handlebars that gets bundled, with the options
// relnotes compiles templates with at run time.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** JavaScript source of a module exporting PRECOMPILED, as src/render/precompiled.ts declares it. */
export function precompiledModule(root, options) {
  const handlebars = createRequire(join(root, "package.json"))("handlebars");
  const entries = readdirSync(join(root, "templates"))
    .filter((f) => f.endsWith(".hbs"))
    .sort()
    .map((file) => {
      const source = readFileSync(join(root, "templates", file), "utf8");
      // precompile() fills defaults into the options object it is given: hand it a copy.
      const spec = handlebars.precompile(source, { ...options });
      return `  ${JSON.stringify(file)}: { source: ${JSON.stringify(source)}, options: ${JSON.stringify(JSON.stringify(options))}, spec: ${spec} },`;
    });
  return `export const PRECOMPILED = {\n${entries.join("\n")}\n};\n`;
}
