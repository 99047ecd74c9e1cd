const SEMVER = String.raw`\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
// Operators that name a lower bound or an exact version; upper bounds (<, <=) must not follow a bump.
const NPM_RANGE = new RegExp(String.raw`^(\^|~|>=|=|v)?(\s*)(${SEMVER})$`);
const CARGO_REQ = new RegExp(String.raw`^(\s*)(\^|=|~|>=)?(\s*)(\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)(\s*)$`);

/**
 * An npm dependency range moved to `version`, keeping its prefix (`^`, `~`, `>=`, exact).
 * null: the range is not a single version (`workspace:`, `file:`, `link:`, `*`, a union): leave it.
 */
export function npmRange(range: string, version: string): string | null {
  const m = NPM_RANGE.exec(range);
  return m ? `${m[1] ?? ""}${m[2]}${version}` : null;
}

/** A Cargo version requirement moved to `version`, keeping its operator (`^`, `=`, `~`, `>=`, bare); null: leave it. */
export function cargoRequirement(requirement: string, version: string): string | null {
  const m = CARGO_REQ.exec(requirement);
  return m ? `${m[1]}${m[2] ?? ""}${m[3]}${version}${m[5]}` : null;
}
