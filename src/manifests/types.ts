/** What a release changes in one manifest. */
export interface ManifestChange {
  /** New version of the package the manifest declares; null: leave it (only requirements on released packages follow). */
  version: string | null;
  /** Packages this release bumps, name → new version: dependents' requirements and lockfile entries follow them. */
  released: ReadonlyMap<string, string>;
  /** Move a requirement only when it no longer admits the released version (`dependents: "out-of-range"`). */
  onlyOutOfRange?: boolean;
}

/** The version a manifest declares now, and where (offset into the text). */
export interface DeclaredVersion {
  version: string;
  offset: number;
}

/**
 * One manifest kind. Both functions are pure: text in, text (or facts) out.
 * `update` splices only the bytes of version values; everything else stays byte-identical.
 */
export interface ManifestUpdater {
  readonly kind: string;
  /** The version the manifest declares; null for kinds that declare none of their own (Cargo.lock). Throws ManifestError. */
  read(text: string): DeclaredVersion | null;
  /** The text with the change applied. Throws ManifestError on input it cannot edit. */
  update(text: string, change: ManifestChange): string;
}

/** Input a manifest updater cannot read or edit; `offset` points into the text (BOM excluded). */
export class ManifestError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "ManifestError";
  }
}

/** A ManifestError in a known file (found while discovering a workspace). */
export class ManifestFileError extends Error {
  constructor(
    readonly path: string,
    readonly text: string,
    readonly error: ManifestError,
  ) {
    super(`${path}: ${error.message}`);
    this.name = "ManifestFileError";
  }
}
