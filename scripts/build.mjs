// npm run build: dist/ as it ships.
//   dist/cli.js, dist/index.js   one minified ESM file per entry (esbuild), with the rarely needed
//                                parts (manifest parsers, diff, Handlebars, Octokit, commands) in
//                                chunks loaded by dynamic import only on the paths that need them
//   dist/**/*.d.ts               the library's types (tsc), for `import { defineConfig } from "relnotes"`
//   bundled templates            precompiled into the render chunk (scripts/precompile-templates.mjs)
//   dist/meta.json               esbuild's metafile: which sources each file holds (not packed;
//                                test/core/fast-path.test.ts reads it)
// The output is flat (entries and chunks side by side) because src/package-root.ts finds
// package.json and templates/ one folder up from wherever its code lands.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { precompiledModule } from "./precompile-templates.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

/** TEMPLATE_OPTIONS from src/render/template-options.ts, read through esbuild (it is TypeScript). */
async function templateOptions() {
  const out = await build({
    absWorkingDir: root,
    entryPoints: ["src/render/template-options.ts"],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    logLevel: "warning",
  });
  const { TEMPLATE_OPTIONS } = await import(
    `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`
  );
  return TEMPLATE_OPTIONS;
}

/** Where semver keeps the names that are not `functions/<name>.js`. */
const SEMVER_FILES = { SemVer: "classes/semver", validRange: "ranges/valid" };

/** The names src/ imports from "semver" (a class or a function each), read from the sources. */
function semverNames() {
  const names = new Set();
  for (const file of readdirSync(join(root, "src"), { recursive: true })) {
    if (!String(file).endsWith(".ts")) continue;
    const text = readFileSync(join(root, "src", String(file)), "utf8");
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"semver"/g)) {
      for (const part of m[1].split(",")) {
        const name = part
          .trim()
          .split(/\s+as\s+/)[0]
          .trim();
        if (name && !name.startsWith("type ")) names.add(name);
      }
    }
  }
  return [...names].sort();
}

/** Put on every output file by esbuild, then kept only where the code refers to `require` (withRequire). */
const REQUIRE_BANNER =
  'import{createRequire as __relnotesRequire}from"node:module";const require=__relnotesRequire(import.meta.url);';
/** The same `require`, made on its first call: loading the file costs nothing until a package requires a built-in. */
const LAZY_REQUIRE =
  'import{createRequire as __relnotesRequire}from"node:module";let __relnotesRequired;' +
  "function require(){return(__relnotesRequired??=__relnotesRequire(import.meta.url)).apply(this,arguments)}";

/**
 * Only esbuild's runtime helper (`__require`, the chunk every bundled CommonJS package imports it from) refers
 * to `require`; in every other file the banner made a require function nobody calls (~0.05 ms each, and the
 * first one of a process more). Drop it there, and make it lazy where it stays; the metafile's sizes follow.
 */
function withRequire(metafile) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith(".js")) continue;
    const path = join(root, file);
    const text = readFileSync(path, "utf8");
    const at = text.indexOf(REQUIRE_BANNER);
    if (at === -1) throw new Error(`${file}: the require banner is missing`);
    const code = text.slice(at + REQUIRE_BANNER.length);
    const next = text.slice(0, at) + (/(?<![\w$.])require(?![\w$])/.test(code) ? LAZY_REQUIRE : "") + code;
    writeFileSync(path, next);
    output.bytes = Buffer.byteLength(next);
  }
}

rmSync(dist, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/cli.ts", "src/index.ts"],
  outdir: "dist",
  outbase: "src",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  // Prefer packages' ES builds: jsonc-parser's "main" is a UMD file whose require() calls a bundler cannot follow.
  mainFields: ["module", "main"],
  target: "node20.19",
  minify: true,
  chunkNames: "chunk-[hash]",
  metafile: true,
  logLevel: "warning",
  // jiti (config files in TypeScript) loads its own Babel build lazily by path: keep it a real package.
  external: ["jiti"],
  // Bundled CommonJS packages (Handlebars, toml-eslint-parser) call require() for Node built-ins; see withRequire below.
  banner: { js: REQUIRE_BANNER },
  plugins: [
    {
      // The bundled templates, precompiled with the options render.ts compiles with (see src/render/precompiled.ts).
      name: "precompiled-templates",
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]render[\\/]precompiled\.ts$/ }, async () => ({
          contents: precompiledModule(root, await templateOptions()),
          loader: "js",
        }));
      },
    },
    {
      // semver's main file requires the whole library (ranges, comparators, a cache) as CommonJS, which no
      // bundler can trim; relnotes uses a few functions, each its own file in the package.
      name: "semver-functions",
      setup(b) {
        b.onResolve({ filter: /^semver$/ }, (args) =>
          args.importer.includes(`${"node_modules"}/`) ? undefined : { path: "semver", namespace: "semver-functions" },
        );
        b.onLoad({ filter: /.*/, namespace: "semver-functions" }, () => ({
          resolveDir: root,
          loader: "js",
          contents: semverNames()
            .map(
              (name) => `export { default as ${name} } from "semver/${SEMVER_FILES[name] ?? `functions/${name}`}.js";`,
            )
            .join("\n"),
        }));
      },
    },
    {
      // Handlebars tries require("source-map") for template source maps, which relnotes never asks for;
      // without it Handlebars uses its own small stand-in, and start-up skips loading that library.
      name: "no-template-source-maps",
      setup(b) {
        b.onResolve({ filter: /^source-map$/ }, (args) =>
          args.importer.includes(`${"node_modules"}/handlebars/`)
            ? { path: "source-map", namespace: "empty" }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "module.exports = {};", loader: "js" }));
      },
    },
  ],
});
withRequire(result.metafile);
writeFileSync(join(dist, "meta.json"), JSON.stringify(result.metafile));

execFileSync(
  process.execPath,
  [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--emitDeclarationOnly"],
  { cwd: root, stdio: "inherit" },
);
