import { RelnotesError } from "../errors.js";
import { isStrictSemver } from "./semver-strict.js";

export const SERVICE_TAG_FORMAT = "{service}/v{version}";
export const PACKAGE_TAG_FORMAT = "v{version}";

export interface ParsedTag {
  service: string | null;
  version: string;
}

/** What a tag name is with respect to one service's namespace. */
export type NamespaceMatch =
  | { kind: "release"; version: string }
  | { kind: "invalid-version"; version: string }
  | { kind: "other" };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A tag pattern such as `{service}/v{version}` or `v{version}`: formats and
 * parses tag names. The pattern is always passed in, never read from a global.
 */
export class TagFormat {
  readonly hasService: boolean;

  constructor(readonly pattern: string) {
    if (!pattern.includes("{version}")) throw new Error(`tag format "${pattern}" has no {version} placeholder`);
    if (pattern.split("{version}").length !== 2) throw new Error(`tag format "${pattern}" has more than one {version}`);
    this.hasService = pattern.includes("{service}");
  }

  format(service: string | null, version: string): string {
    if (this.hasService && service === null) throw new Error(`tag format "${this.pattern}" needs a service name`);
    return this.pattern.replaceAll("{service}", service ?? "").replace("{version}", version);
  }

  /** The literal text before {version} for a service: `api/v`. */
  prefix(service: string | null): string {
    return this.format(service, "\u0000").split("\u0000")[0] ?? "";
  }

  /** Classify a tag name for one service's namespace. */
  match(service: string | null, tag: string): NamespaceMatch {
    const [before = "", after = ""] = this.format(service, "\u0000").split("\u0000");
    if (!tag.startsWith(before) || !tag.endsWith(after) || tag.length < before.length + after.length)
      return { kind: "other" };
    const version = tag.slice(before.length, tag.length - after.length);
    if (version === "") return { kind: "other" };
    if (isStrictSemver(version)) {
      const huge = /^\d+\.\d+\.\d+/
        .exec(version)![0]
        .split(".")
        .find((n) => !Number.isSafeInteger(Number(n)));
      if (huge !== undefined) {
        // SemVer allows it, but no SemVer library orders it: ignoring it could ignore the latest release.
        throw new RelnotesError(
          `tag ${tag}: version number ${huge} is too large to compare (more than ${Number.MAX_SAFE_INTEGER})`,
          `if the tag is a mistake, delete it (git tag -d ${tag}, and on the remote: git push origin ` +
            `:refs/tags/${tag})`,
        );
      }
      return { kind: "release", version };
    }
    // With nothing before {version} ("{version}") every other namespace's tag (api/v1.0.0, nightly) would match:
    // then only what looks like a version attempt is reported as a bad one.
    if (before === "" && (!/^v?\d/.test(version) || version.includes("/"))) return { kind: "other" };
    return { kind: "invalid-version", version };
  }

  /**
   * Parse a tag whose service is unknown: tries each known service (longest
   * first, so `control-api` wins over `control`); with no {service} in the
   * pattern the service is null.
   */
  parse(tag: string, services: readonly string[] = []): ParsedTag | null {
    if (!this.hasService) {
      const m = this.match(null, tag);
      return m.kind === "release" ? { service: null, version: m.version } : null;
    }
    const sorted = [...services].sort((a, b) => b.length - a.length);
    for (const service of sorted) {
      const m = this.match(service, tag);
      if (m.kind === "release") return { service, version: m.version };
    }
    return null;
  }

  /** A regular expression matching any tag of this shape, capturing service and version text. */
  shape(): RegExp {
    const parts = this.pattern.split(/(\{service\}|\{version\})/);
    const body = parts
      .map((p) => (p === "{service}" ? "(?<service>.+?)" : p === "{version}" ? "(?<version>.+)" : escapeRegExp(p)))
      .join("");
    return new RegExp(`^${body}$`);
  }
}
