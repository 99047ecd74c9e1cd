import { ConfigError } from "../errors.js";

/**
 * A tiny schema vocabulary: each checker returns the value with its type or
 * throws a ConfigError naming the key and what was expected.
 */
export type Checker<T> = (value: unknown, key: string) => T;

export class SchemaContext {
  constructor(readonly file: string) {}

  fail(key: string, expected: string, hint?: string): never {
    throw new ConfigError(this.file, key, expected, hint);
  }

  string(value: unknown, key: string): string {
    if (typeof value !== "string") this.fail(key, `expected a string, got ${describe(value)}`);
    return value;
  }

  nonEmptyString(value: unknown, key: string): string {
    const s = this.string(value, key);
    if (s.trim() === "") this.fail(key, "expected a non-empty string");
    return s;
  }

  number(value: unknown, key: string): number {
    if (typeof value !== "number" || !Number.isFinite(value))
      this.fail(key, `expected a number, got ${describe(value)}`);
    return value;
  }

  oneOf<const T extends readonly unknown[]>(choices: T): Checker<T[number]> {
    return (value, key) => {
      if (!choices.includes(value))
        this.fail(key, `expected one of ${choices.map((c) => JSON.stringify(c)).join(", ")}, got ${describe(value)}`);
      return value as T[number];
    };
  }

  array<T>(item: Checker<T>): Checker<T[]> {
    return (value, key) => {
      if (!Array.isArray(value)) this.fail(key, `expected an array, got ${describe(value)}`);
      return value.map((v, i) => item(v, `${key}[${i}]`));
    };
  }

  /** A plain object whose keys are all in `known`; returns it typed loosely for field checks. */
  object(value: unknown, key: string, known: readonly string[]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      this.fail(key, `expected an object, got ${describe(value)}`);
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      if (!known.includes(k))
        this.fail(`${key ? `${key}.` : ""}${k}`, `unknown key; known keys here: ${known.join(", ")}`);
    }
    return record;
  }

  /** Optional field: the checker runs only when the key is present (and not undefined). */
  optional<T>(record: Record<string, unknown>, field: string, key: string, check: Checker<T>): T | undefined {
    const v = record[field];
    return v === undefined ? undefined : check(v, key ? `${key}.${field}` : field);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
