import { parse, satisfies, validRange } from "semver";
import { ManifestError } from "./types.js";

/**
 * Version requirements of dependents, moved to a released version in their own shape.
 *
 * A single-bound requirement (`^1.2.0`, `~1.2`, `>=1`, `1.2.x`, bare) keeps its
 * operator and its precision (`"1.2"` → `"1.3"`); it is moved on every release
 * unless `onlyOutOfRange` (then only when it no longer admits the new version).
 * A compound requirement (`>=1, <2`, `>=1.0.0 <2.0.0`) is moved only when it no
 * longer admits the new version, keeping its width; anything else that no longer
 * admits it (a union, an upper bound alone) cannot be moved safely: a RequirementError.
 */
export class RequirementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RequirementError";
  }
}

const PRE_BUILD = String.raw`(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
// Operator, spaces, 1–3 numeric parts (then optional .x/.* wildcards), pre-release/build.
const PART = String.raw`(\^|~|>=|=|v)?(\s*)(\d+(?:\.\d+){0,2})((?:\.[xX*]){0,2})(${PRE_BUILD})`;
const SINGLE = new RegExp(String.raw`^(\s*)${PART}(\s*)$`);

export interface MoveOptions {
  /** Leave a requirement that still admits the version (`dependents: "out-of-range"`). */
  onlyOutOfRange?: boolean;
}

/**
 * A peer dependency range moves only when it no longer admits the release:
 * peer ranges stay as broad as they are written (raising their floor at every
 * release would narrow what the dependent's users may install).
 */
export function peerMoveOptions(options: MoveOptions): MoveOptions {
  return { ...options, onlyOutOfRange: true };
}

/** `version` written with `parts` numeric components (the full version when it is a pre-release). */
function atPrecision(version: string, parts: number): string {
  const v = parse(version)!;
  if (v.prerelease.length > 0) return version;
  return [v.major, v.minor, v.patch].slice(0, parts).join(".");
}

function partsOf(numbers: string): number {
  return numbers.split(".").length;
}

/** A bound shifted so the range keeps its width: `>=1.2.0 <2.0.0` for 2.1.0 becomes `>=2.1.0 <3.0.0`. */
function shiftedUpper(lower: string, upper: string, version: string): string {
  const pad = (s: string) => [...s.split(".").map(Number), 0, 0].slice(0, 3) as [number, number, number];
  const [l, u, v] = [pad(lower), pad(upper), pad(atPrecision(version, 3).replace(/-.*$/, ""))];
  let shifted: number[];
  if (u[0] > l[0]) shifted = [v[0] + u[0] - l[0], 0, 0];
  else if (u[1] > l[1]) shifted = [v[0], v[1] + u[1] - l[1], 0];
  else shifted = [v[0], v[1], v[2] + Math.max(1, u[2] - l[2])];
  return shifted.slice(0, partsOf(upper)).join(".");
}

/** Move a compound `>=A <B` (npm) or `>=A, <B` (Cargo) requirement keeping its width; null when it has another shape. */
function moveCompound(requirement: string, version: string): string | null {
  const m = /^(\s*(?:>=|>)\s*)(\d+(?:\.\d+){0,2})(\s*,?\s*(?:<=|<)\s*)(\d+(?:\.\d+){0,2})(\s*)$/.exec(requirement);
  if (!m) return null;
  const [, lowOp, lower, between, upper, trail] = m;
  return `${lowOp}${atPrecision(version, partsOf(lower!))}${between}${shiftedUpper(lower!, upper!, version)}${trail}`;
}

function moveSingle(m: RegExpExecArray, version: string): string {
  const [, lead, op, space, numbers, wildcards, , trail] = m;
  const written = wildcards
    ? atPrecision(version, partsOf(numbers!)).replace(/-.*$/, "")
    : atPrecision(version, partsOf(numbers!));
  return `${lead}${op ?? ""}${space}${written}${wildcards}${trail}`;
}

/** Does an npm range (already valid) admit `version`? Pre-releases count as their own version. */
function admits(range: string, version: string): boolean {
  return satisfies(version, range, { includePrerelease: true });
}

function unmovable(requirement: string, version: string): RequirementError {
  return new RequirementError(
    `the requirement "${requirement}" does not admit the released version ${version} and relnotes cannot move ` +
      "it in its shape",
  );
}

/**
 * An npm dependency range moved to `version` in its shape; null: leave it
 * (`workspace:*`/`^`/`~`, `file:`, `link:`, `*`, or a range that still admits the version when only those move).
 * `workspace:<range>` moves its range and keeps the protocol.
 */
export function npmRange(range: string, version: string, options: MoveOptions = {}): string | null {
  if (range.startsWith("workspace:")) {
    const inner = range.slice("workspace:".length);
    if (inner === "*" || inner === "^" || inner === "~" || inner === "") return null;
    const moved = npmRange(inner, version, options);
    return moved === null ? null : `workspace:${moved}`;
  }
  if (/^[a-z]+:/i.test(range) || validRange(range) === null) return null;
  return moveRequirement(range, range, version, options);
}

/** The shared rule: single-bound requirements follow every release (or only when left behind), compound ones only when left behind. */
function moveRequirement(requirement: string, asNpm: string, version: string, options: MoveOptions): string | null {
  const inRange = admits(asNpm, version);
  const single = SINGLE.exec(requirement);
  if (single) return inRange && options.onlyOutOfRange ? null : moveSingle(single, version);
  if (inRange) return null;
  const moved = moveCompound(requirement, version);
  if (moved === null) throw unmovable(requirement, version);
  return moved;
}

/** A Cargo requirement (comparators joined by commas, bare = caret) as an npm range, for `admits`. */
export function cargoAsNpm(requirement: string): string | null {
  const parts = requirement.split(",").map((p) => p.trim());
  const out: string[] = [];
  for (const p of parts) {
    const m = /^(\^|=|~|>=|>|<=|<)?\s*(\d+(?:\.\d+){0,2}(?:\.\*){0,2}|\*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(
      p,
    );
    if (!m) return null;
    out.push(`${m[1] ?? "^"}${m[2]}${m[3] ?? ""}`.replace(/^\^\*$/, "*"));
  }
  return validRange(out.join(" ")) === null ? null : out.join(" ");
}

/** A Cargo version requirement moved to `version` in its shape (`"1.2"` → `"1.3"`, `~1.2.0` → `~1.3.0`); null: leave it. */
export function cargoRequirement(requirement: string, version: string, options: MoveOptions = {}): string | null {
  const asNpm = cargoAsNpm(requirement);
  if (asNpm === null) return null;
  return moveRequirement(requirement, asNpm, version, options);
}

/** Run a requirement move, turning a RequirementError into a ManifestError at the requirement. */
export function movedOrError(move: () => string | null, what: string, offset: number): string | null {
  try {
    return move();
  } catch (e) {
    if (e instanceof RequirementError)
      throw new ManifestError(`${what}: ${e.message}; edit it by hand, then run relnotes again`, offset);
    throw e;
  }
}

/**
 * A PEP 508 dependency string split where relnotes may edit it: the name, and
 * the version specifier's span (`lib[extra] >=1.2,<2 ; python_version>"3.9"`);
 * null when it is not one (a URL reference `lib @ https://…` has no specifier).
 */
export function pep508(text: string): { name: string; specifier: string; start: number; end: number } | null {
  const m = /^(\s*)([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(\s*(?:\[[^\]]*\])?\s*)([^;]*?)(\s*(?:;.*)?)$/s.exec(
    text,
  );
  if (!m) return null;
  const [, lead, name, extras, spec] = m;
  if (spec!.startsWith("@")) return null;
  let start = lead!.length + name!.length + extras!.length;
  let specifier = spec!;
  const paren = /^\(\s*(.*?)\s*\)$/.exec(specifier);
  if (paren) {
    start += specifier.indexOf(paren[1]!, 1);
    specifier = paren[1]!;
  }
  return { name: name!, specifier, start, end: start + specifier.length };
}

const CLAUSE = /^(\s*)(~=|===|==|!=|<=|>=|<|>)(\s*)v?(\d+(?:\.\d+)*)(\.\*)?(\s*)$/;

function release(version: string): { parts: number[]; pre: boolean } {
  const v = parse(version);
  if (v) return { parts: [v.major, v.minor, v.patch], pre: v.prerelease.length > 0 };
  return {
    parts: version.split(/[^\d]/)[0] === "" ? [] : version.split(".").map((p) => Number.parseInt(p, 10) || 0),
    pre: false,
  };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Does a PEP 440 specifier set (`>=1.2,<2`, `~=1.2`, `==1.2.*`) admit `version`? null: a clause relnotes cannot read. */
export function pep440Admits(specifier: string, version: string): boolean | null {
  if (specifier.trim() === "") return true;
  const v = release(version);
  for (const clause of specifier.split(",")) {
    const m = CLAUSE.exec(clause);
    if (!m) return null;
    const [, , op, , numbers, star] = m;
    const x = numbers!.split(".").map(Number);
    const prefix = (p: number[]) => p.every((n, i) => (v.parts[i] ?? 0) === n);
    // A pre-release sorts before its release: 2.0.0rc1 < 2.0.0.
    const c = compare(v.parts, x) || (v.pre ? -1 : 0);
    let ok: boolean;
    if (op === "===") ok = numbers === version;
    else if (star && (op === "==" || op === "!=")) ok = prefix(x) === (op === "==");
    else if (star) return null;
    else if (op === "==") ok = c === 0;
    else if (op === "!=") ok = c !== 0;
    else if (op === ">=") ok = c >= 0;
    else if (op === "<=") ok = c <= 0;
    else if (op === ">") ok = c > 0;
    else if (op === "<") ok = c < 0;
    else ok = x.length >= 2 && c >= 0 && prefix(x.slice(0, -1));
    if (!ok) return false;
  }
  return true;
}

/**
 * A PEP 440 specifier set moved to `version` in its shape, by the npm and
 * Cargo rules: one lower bound or pin (`>=1.2`, `~=1.2`, `==1.2.*`, `==1.2.3`)
 * keeps its operator and precision (`~=1.2` → `~=1.3`) and follows every
 * release (or only when left behind); `>=1.2,<2` moves only when left behind,
 * keeping its width; null: leave it (no specifier, or one relnotes cannot read).
 */
export function pep440Requirement(specifier: string, version: string, options: MoveOptions = {}): string | null {
  const inRange = pep440Admits(specifier, version);
  if (inRange === null || specifier.trim() === "") return null;
  const clauses = specifier.split(",");
  const single = clauses.length === 1 ? CLAUSE.exec(clauses[0]!) : null;
  if (single && ["~=", "==", ">="].includes(single[2]!)) {
    if (inRange && options.onlyOutOfRange) return null;
    const [, lead, op, space, numbers, star = "", trail] = single;
    const written = atPrecision(version, Math.min(3, partsOf(numbers!)));
    return `${lead}${op}${space}${star ? written.replace(/-.*$/, "") : written}${star}${trail}`;
  }
  if (inRange) return null;
  const moved = moveCompound(specifier, version);
  if (moved === null) throw unmovable(specifier, version);
  return moved;
}
