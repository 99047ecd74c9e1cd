// The regular expression published with SemVer 2.0.0 (semver.org), anchored.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** True when `version` is a strict SemVer 2.0.0 version (no `v`, no leading zeros). */
export function isStrictSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** Accepts `1.2.3` or `v1.2.3` from a user; returns the bare version or null. */
export function normalizeUserVersion(input: string): string | null {
  const bare = input.startsWith("v") ? input.slice(1) : input;
  return isStrictSemver(bare) ? bare : null;
}
