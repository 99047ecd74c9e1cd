import type { NamespaceMatch, TagFormat } from "./tag-format.js";

/**
 * One service's tag namespace: its tag format bound to its name, so that a
 * service's tags are written, recognized and listed the same way everywhere
 * (`api/v1.2.0`, prefix `api/v`, shown as `api/v*`).
 */
export class TagNamespace {
  constructor(
    readonly format: TagFormat,
    /** null for the single package (a format without {service}). */
    readonly service: string | null,
  ) {}

  /** The literal text before the version (`api/v`): what `git for-each-ref refs/tags/<prefix>*` lists. */
  get prefix(): string {
    return this.format.prefix(this.service);
  }

  /** The namespace as a message shows it: `api/v*`. */
  get pattern(): string {
    return `${this.prefix}*`;
  }

  /** The tag of a version: `api/v1.2.0`. */
  tag(version: string): string {
    return this.format.format(this.service, version);
  }

  /** Whether a tag name is a release of this namespace, a bad version in it, or something else. */
  match(tag: string): NamespaceMatch {
    return this.format.match(this.service, tag);
  }
}
