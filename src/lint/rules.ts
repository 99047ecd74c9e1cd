import type { ResolvedConfig } from "../config/types.js";

/** What a commit header must satisfy, taken from the resolved config. */
export interface LintRules {
  /** Allowed types: the keys of `commits.types`. */
  types: string[];
  /** Allowed scopes (`commits.scopes`); empty: any scope. */
  scopes: string[];
  headerMaxLength: number;
  merges: ResolvedConfig["commits"]["merges"];
}

export function lintRules(config: ResolvedConfig): LintRules {
  const { types, scopes, headerMaxLength, merges } = config.commits;
  return { types: Object.keys(types), scopes, headerMaxLength, merges };
}
