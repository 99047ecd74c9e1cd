import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Tables whose `version` key is the package's version, per root manifest. */
const TOML_TABLES: Record<string, string[]> = {
  "Cargo.toml": ["package", "workspace.package"],
  "pyproject.toml": ["project", "tool.poetry"],
};

function read(root: string, name: string): string | null {
  try {
    return readFileSync(join(root, name), "utf8");
  } catch {
    return null;
  }
}

/** Whether a TOML manifest sets a literal version in one of `tables` (a cheap line scan; the edit itself uses a real parser). */
function tomlDeclaresVersion(text: string, tables: string[]): boolean {
  let table = "";
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) table = header[1]!.trim().replace(/\s+/g, "");
    else if (tables.includes(table) && /^\s*version\s*=\s*["']/.test(line)) return true;
  }
  return false;
}

/**
 * The root manifests a single package without configured manifests releases:
 * package.json, Cargo.toml or pyproject.toml when it declares a version of its
 * own. Their lockfiles follow through workspace discovery.
 */
export function detectRootManifests(root: string): string[] {
  const found: string[] = [];
  const pkg = read(root, "package.json");
  if (pkg !== null) {
    try {
      if (typeof (JSON.parse(pkg.replace(/^\uFEFF/, "")) as { version?: unknown }).version === "string")
        found.push("package.json");
    } catch {
      // Not JSON: relnotes check reports it when it is listed; unlisted, it is not ours to judge.
    }
  }
  for (const [name, tables] of Object.entries(TOML_TABLES)) {
    const text = read(root, name);
    if (text !== null && tomlDeclaresVersion(text, tables)) found.push(name);
  }
  return found;
}
