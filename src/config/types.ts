import type { TagSigning } from "../git/tag.js";
import type { TagFormat } from "../tags/tag-format.js";
import type { TagNamespace } from "../tags/namespace.js";

export type BumpLevel = "major" | "minor" | "patch";

export interface CommitTypeConfig {
  /** Changelog section title; false hides the type from changelogs and notes. */
  section?: string | false;
  /** The bump a commit of this type asks for; false: none. */
  bump?: BumpLevel | false;
}

/** A manifest to update: a path (kind from its file name), or a path with an explicit kind or pattern. */
export type ManifestEntry =
  | string
  | {
      path: string;
      /** Updater name (`cargo-toml`, `package-json`, `chart-yaml`, `pattern`, …); default from the file name. */
      kind?: string;
      /** For kind `pattern`: a regular expression with a named `version` group. */
      pattern?: string;
      /** For Chart.yaml: which keys carry the version (`version`, `appVersion`). */
      fields?: string[];
    };

export interface ServiceConfig {
  /** Path prefixes (git pathspecs) whose commits belong to the service. None: every commit. */
  paths?: string[];
  /** The service's changelog file; false for none. */
  changelog?: string | false;
  manifests?: ManifestEntry[];
  /** Tag pattern for this service, overriding `tag.format`. */
  tagFormat?: string;
  /** Container image name for `relnotes tags --image` and verify-tag output. */
  image?: string;
}

/** The configuration as a user writes it in `cliff.config.ts`. Every key is optional. */
export interface RelnotesConfig {
  services?: Record<string, ServiceConfig>;
  /** The single package of a repository without `services`. */
  package?: Omit<ServiceConfig, "tagFormat">;
  tag?: {
    format?: string;
    /** Sign release tags: one value for every tag, or per kind (`{ stable: "gpg", prerelease: false }`). */
    sign?: TagSigning | { stable?: TagSigning; prerelease?: TagSigning };
    /** Handlebars template of the annotated tag's message. */
    message?: string;
    /**
     * Whether a lightweight tag can be a release: "allowed" (default; hand-made
     * `git tag api/v1.2.3` tags count) or "required" (only annotated tags are
     * releases, in every command).
     */
    annotated?: "required" | "allowed";
  };
  branches?: { stable?: string[]; remote?: string };
  repository?: RepositoryConfig;
  bump?: {
    default?: "auto" | BumpLevel;
    zeroMajor?: "minor-for-breaking" | "major";
    /** Version of a first release when none is given on the command line. */
    initialVersion?: string;
  };
  commits?: {
    types?: Record<string, CommitTypeConfig>;
    unconventional?: "skip" | "keep" | "fail";
    merges?: "skip" | "keep";
    /** Allowed scopes for `relnotes check`; empty: any. */
    scopes?: string[];
    headerMaxLength?: number;
  };
  changelog?: {
    /** Text written at the top of a new changelog file. */
    header?: string;
    /** Section for breaking changes, shown first. */
    breakingSection?: string;
    /** IANA time zone of release dates; default UTC. */
    timeZone?: string;
    /**
     * How a new changelog links its release headings: "inline" (`## [1.2.0](compare-url) - date`, default)
     * or "references" (`## [1.2.0] - date` with `[1.2.0]: compare-url` at the bottom). An existing file keeps its own style.
     */
    links?: "inline" | "references";
  };
  templates?: {
    changelog?: string;
    notes?: string;
    /** Extra partials: name → file. */
    partials?: Record<string, string>;
  };
  github?: {
    release?: "publish" | "draft" | false;
    owner?: string;
    repo?: string;
    /** Which service may carry the "Latest" badge in a monorepo; default: the single package, or none. null/false: never. */
    latest?: string | null | false;
    requiredAssets?: string[];
  };
  release?: {
    /** Release commit subject; `{releases}` becomes `api v1.3.0, vault v0.4.1`. */
    commitMessage?: string;
  };
  hooks?: {
    /** Commands run after files are written, before the release commit. A string runs in a shell. */
    beforeCommit?: (string | string[])[];
  };
  /** Image (distribution) tags: a preset, or tag templates per kind of build. */
  distribution?: {
    tags?:
      | DistributionPreset
      | { preset?: DistributionPreset; stable?: string[]; prerelease?: string[]; main?: string[] };
    /** Moving aliases of the stable list that `relnotes promote` moves instead of the release, e.g. ["latest"]. */
    promote?: string[];
  };
  /** Version groups of services: fixed (always one version, released together), linked (released together share the highest). */
  groups?: { fixed?: string[][]; linked?: string[][] };
  /** Which internal dependents a release also releases (patch): every one ("patch", default), those it leaves out of range, or none. */
  dependents?: "patch" | "out-of-range" | "none";
  /** Seconds before a wait is given up (a timed-out release step can be resumed). */
  timeouts?: {
    /** One git command that talks to the remote: fetch, ls-remote, push. Default 120. */
    network?: number;
    /** One GitHub API request; its retries together get at most three times this. Default 30. */
    github?: number;
    /** One hooks.beforeCommit command. Default 300. */
    hooks?: number;
  };
}

export type DistributionPreset = "semver-aliases" | "immutable";

/** `distribution` resolved: the tag templates of each kind of build. */
export interface DistributionPolicy {
  /** The preset the lists come from, or null when every list is written out. */
  preset: DistributionPreset | null;
  stable: string[];
  prerelease: string[];
  main: string[];
  /** Moving aliases of `stable` that `relnotes promote` moves, not the release (`["latest"]`). */
  promote: string[];
}

export interface ResolvedManifest {
  path: string;
  kind: string | null;
  pattern: string | null;
  fields: string[] | null;
}

export interface ResolvedService {
  /** null for the single package of a repository without services. */
  name: string | null;
  paths: string[];
  changelog: string | null;
  manifests: ResolvedManifest[];
  tagFormat: TagFormat;
  /** The service's tag namespace (its format bound to its name): how its tags are written, listed and recognized. */
  tags: TagNamespace;
  image: string | null;
}

export interface ResolvedCommitType {
  section: string | null;
  bump: BumpLevel | null;
}

/** How tags are read as releases: the same rule in every command. */
export interface TagPolicy {
  annotated: "required" | "allowed";
}

/** A repository's web home, overriding what the remote URL says. */
export interface RepositoryConfig {
  /** Web URL of the repository, e.g. `https://git.example.com/group/team/svc`. */
  url?: string;
  /** The forge's URL shapes for that host: needed for self-hosted forges on hosts relnotes cannot recognize. */
  forge?: ForgeKind;
}

export type ForgeKind = "github" | "gitlab" | "gitea" | "bitbucket";

/** The configuration after validation, with every default filled in. */
export interface ResolvedConfig {
  /** Repository root the config was resolved for. */
  root: string;
  /** The config file, or null when defaults are used. */
  file: string | null;
  monorepo: boolean;
  services: ResolvedService[];
  /** `signing`: what signs a stable and a pre-release tag (config key `tag.sign`). */
  tag: { signing: { stable: TagSigning; prerelease: TagSigning }; message: string } & TagPolicy;
  branches: { stable: string[]; remote: string };
  repository: { url: string | null; forge: ForgeKind | null };
  bump: { default: "auto" | BumpLevel; zeroMajor: "minor-for-breaking" | "major"; initialVersion: string | null };
  commits: {
    types: Record<string, ResolvedCommitType>;
    unconventional: "skip" | "keep" | "fail";
    merges: "skip" | "keep";
    scopes: string[];
    headerMaxLength: number;
  };
  changelog: { header: string; breakingSection: string; timeZone: string; links: "inline" | "references" };
  templates: { changelog: string | null; notes: string | null; partials: Record<string, string> };
  github: {
    release: "publish" | "draft" | false;
    owner: string | null;
    repo: string | null;
    /** The service whose stable releases become "Latest" (name null: the single package); null: none. */
    latest: { service: string | null } | null;
    requiredAssets: string[];
  };
  release: { commitMessage: string };
  hooks: { beforeCommit: (string | string[])[] };
  distribution: DistributionPolicy;
  groups: { fixed: string[][]; linked: string[][] };
  dependents: "patch" | "out-of-range" | "none";
  timeouts: { network: number; github: number; hooks: number };
}
