/** Small wording helpers for messages: counts with agreeing nouns, and example command lines. */

/** `count(1, "commit")` → "1 commit", `count(3, "commit")` → "3 commits"; irregular plurals are passed in. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** The word that agrees with `n`: `agree(n, "is", "are")`, `agree(n, "it", "them")`. */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/**
 * A command line shown in a hint, from its words; absent words (a service name that is null) leave no double space.
 * Only ever printed for a person to read and run: nothing executes it.
 */
export function commandLine(...words: (string | null | undefined | false)[]): string {
  return words.filter((w): w is string => typeof w === "string" && w !== "").join(" ");
}
