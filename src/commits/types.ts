/** A commit as git gives it: one record of `git log`. */
export interface RawCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Author date, ISO 8601 with offset. */
  date: string;
  /** The whole message: subject line, blank line, body, footers. */
  message: string;
}

export interface Footer {
  token: string;
  value: string;
}

/** A commit read as a Conventional Commit (or kept as-is when unconventional). */
export interface ConventionalCommit {
  sha: string;
  /** `feat`, `fix`, … ; null for an unconventional commit kept by `commits.unconventional: "keep"`. */
  type: string | null;
  scope: string | null;
  /** Description after `type(scope): `, without a trailing `(#123)` PR reference. */
  subject: string;
  body: string;
  breaking: boolean;
  /** Descriptions of the breaking change: BREAKING CHANGE footers, or the subject for `!`. */
  breakingNotes: string[];
  footers: Footer[];
  pr: number | null;
  /** Version forced by a `Release-As:` footer. */
  releaseAs: string | null;
  authorName: string;
  date: string;
  /** Why a commit that touches none of the service's paths counts for it (a shared root entry it uses). */
  counted?: string;
}
