import { confine } from "../fs/confine.js";
import { normalizeUserVersion } from "../tags/semver-strict.js";
import { PACKAGE_TAG_FORMAT, SERVICE_TAG_FORMAT, TagFormat } from "../tags/tag-format.js";
import { TagNamespace } from "../tags/namespace.js";
import type { BumpLevel, ResolvedCommitType, ResolvedConfig, ResolvedManifest, ResolvedService } from "./types.js";
import { resolveDistribution, resolveSigning } from "./release-policy.js";
import { SchemaContext } from "./validate.js";

const LEVELS = ["major", "minor", "patch"] as const;

export const DEFAULT_COMMIT_TYPES: Record<string, ResolvedCommitType> = {
  feat: { section: "Features", bump: "minor" },
  fix: { section: "Bug Fixes", bump: "patch" },
  perf: { section: "Performance", bump: "patch" },
  revert: { section: "Reverts", bump: "patch" },
  refactor: { section: null, bump: null },
  docs: { section: null, bump: null },
  style: { section: null, bump: null },
  test: { section: null, bump: null },
  build: { section: null, bump: null },
  ci: { section: null, bump: null },
  chore: { section: null, bump: null },
};

export const DEFAULT_CHANGELOG_HEADER =
  "# Changelog\n\nAll notable changes to this project are documented in this file.\n\nThe format is based on " +
  "[Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\nand this project adheres to [Semantic " +
  "Versioning](https://semver.org/spec/v2.0.0.html).\n";

/** The top-level keys of a config (the loader also uses them to tell a CommonJS config from a named export). */
export const TOP_LEVEL_KEYS = [
  "services",
  "package",
  "tag",
  "branches",
  "repository",
  "bump",
  "commits",
  "changelog",
  "templates",
  "github",
  "release",
  "hooks",
  "distribution",
  "groups",
  "dependents",
  "timeouts",
];
/** Seconds: one git network command (fetch, ls-remote, push), one GitHub request, one hook. */
export const DEFAULT_TIMEOUTS = { network: 120, github: 30, hooks: 300 } as const;

const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The one runtime schema: validates what a user wrote and fills every
 * default. Errors name the file and key and say what was expected.
 */
export function resolveConfig(
  raw: unknown,
  file: string | null,
  root: string,
  detected: { rootManifests?: readonly string[] } = {},
): ResolvedConfig {
  const s = new SchemaContext(file ?? "relnotes defaults");
  const top = s.object(raw ?? {}, "", ["$schema", ...TOP_LEVEL_KEYS]);
  const strings = s.array((v, k) => s.nonEmptyString(v, k));

  const tag = top.tag === undefined ? {} : s.object(top.tag, "tag", ["format", "sign", "message", "annotated"]);
  const globalFormat = s.optional(tag, "format", "tag", (v, k) => s.nonEmptyString(v, k));
  const checkFormat = (pattern: string, key: string): TagFormat => {
    try {
      return new TagFormat(pattern);
    } catch (e) {
      return s.fail(key, (e as Error).message);
    }
  };

  const manifest = (v: unknown, k: string): ResolvedManifest => {
    if (typeof v === "string") return { path: s.nonEmptyString(v, k), kind: null, pattern: null, fields: null };
    const m = s.object(v, k, ["path", "kind", "pattern", "fields"]);
    if (m.path === undefined) s.fail(`${k}.path`, "is required");
    const pattern = s.optional(m, "pattern", k, (x, kk) => s.nonEmptyString(x, kk)) ?? null;
    if (pattern !== null) {
      let re: RegExp;
      try {
        re = new RegExp(pattern);
      } catch (e) {
        return s.fail(`${k}.pattern`, `not a valid regular expression: ${(e as Error).message}`);
      }
      if (!re.source.includes("(?<version>")) s.fail(`${k}.pattern`, "needs a named group (?<version>…)");
    }
    return {
      path: s.nonEmptyString(m.path, `${k}.path`),
      kind: s.optional(m, "kind", k, (x, kk) => s.nonEmptyString(x, kk)) ?? (pattern !== null ? "pattern" : null),
      pattern,
      fields: s.optional(m, "fields", k, strings) ?? null,
    };
  };

  const service = (v: unknown, k: string, name: string | null, allowTagFormat: boolean): ResolvedService => {
    const known = ["paths", "changelog", "manifests", "image", ...(allowTagFormat ? ["tagFormat"] : [])];
    const o = s.object(v ?? {}, k, known);
    const changelog = s.optional(o, "changelog", k, (x, kk) => (x === false ? false : s.nonEmptyString(x, kk)));
    const defaultFormat = globalFormat ?? (name === null ? PACKAGE_TAG_FORMAT : SERVICE_TAG_FORMAT);
    const format =
      (allowTagFormat ? s.optional(o, "tagFormat", k, (x, kk) => s.nonEmptyString(x, kk)) : undefined) ?? defaultFormat;
    const tagFormat = checkFormat(
      format,
      allowTagFormat && o.tagFormat !== undefined ? `${k}.tagFormat` : "tag.format",
    );
    if (name !== null && !tagFormat.hasService && o.tagFormat === undefined) {
      s.fail(
        "tag.format",
        `"${format}" has no {service} placeholder, so services' tags would collide`,
        'use a format like "{service}/v{version}", or give each service its own tagFormat',
      );
    }
    return {
      name,
      paths: (s.optional(o, "paths", k, strings) ?? []).map((p) => p.replace(/^\.\//, "")),
      changelog: changelog === false ? null : (changelog ?? (name === null ? "CHANGELOG.md" : null)),
      // A single package that lists no manifests releases the root manifests found beside the config.
      manifests:
        s.optional(o, "manifests", k, s.array(manifest)) ??
        (name === null ? (detected.rootManifests ?? []).map((path) => manifest(path, k)) : []),
      tagFormat,
      tags: new TagNamespace(tagFormat, name),
      image: s.optional(o, "image", k, (x, kk) => s.nonEmptyString(x, kk)) ?? null,
    };
  };

  let services: ResolvedService[];
  if (top.services !== undefined) {
    if (top.package !== undefined)
      s.fail("package", "cannot be used together with services", "move the package's settings into a service");
    const record = s.object(top.services, "services", Object.keys(top.services as object));
    services = Object.entries(record).map(([name, v]) => {
      if (!SERVICE_NAME.test(name))
        s.fail(
          `services.${name}`,
          "a service name uses letters, digits, '.', '_' and '-' and starts with a letter or digit",
        );
      return service(v, `services.${name}`, name, true);
    });
    if (services.length === 0) s.fail("services", "expected at least one service");
  } else {
    services = [service(top.package, "package", null, false)];
  }

  const branches = top.branches === undefined ? {} : s.object(top.branches, "branches", ["stable", "remote"]);
  const repository = top.repository === undefined ? {} : s.object(top.repository, "repository", ["url", "forge"]);
  const repositoryUrl = s.optional(repository, "url", "repository", (v, k) => {
    const text = s.nonEmptyString(v, k);
    let parsed: URL | null = null;
    try {
      parsed = new URL(text);
    } catch {
      parsed = null;
    }
    if (
      parsed === null ||
      (parsed.protocol !== "https:" && parsed.protocol !== "http:") ||
      parsed.pathname.replace(/\/+$/, "").split("/").length < 3
    ) {
      return s.fail(
        k,
        `expected the repository's web URL like "https://gitlab.example.com/group/project", got ` +
          `${JSON.stringify(text)}`,
      );
    }
    return text.replace(/\/+$/, "").replace(/\.git$/, "");
  });
  const bump = top.bump === undefined ? {} : s.object(top.bump, "bump", ["default", "zeroMajor", "initialVersion"]);
  const initialVersion = s.optional(bump, "initialVersion", "bump", (v, k) => {
    const version = normalizeUserVersion(s.nonEmptyString(v, k));
    return version ?? s.fail(k, `expected a SemVer version like "0.1.0", got ${JSON.stringify(v)}`);
  });

  const commits =
    top.commits === undefined
      ? {}
      : s.object(top.commits, "commits", ["types", "unconventional", "merges", "scopes", "headerMaxLength"]);
  const types: Record<string, ResolvedCommitType> = { ...DEFAULT_COMMIT_TYPES };
  if (commits.types !== undefined) {
    const record = s.object(commits.types, "commits.types", Object.keys(commits.types as object));
    for (const [type, v] of Object.entries(record)) {
      const k = `commits.types.${type}`;
      const t = s.object(v, k, ["section", "bump"]);
      const section = s.optional(t, "section", k, (x, kk) => (x === false ? false : s.nonEmptyString(x, kk)));
      const level = s.optional(t, "bump", k, (x, kk) => (x === false ? false : s.oneOf(LEVELS)(x, kk)));
      const base = types[type] ?? { section: null, bump: null };
      types[type.toLowerCase()] = {
        section: section === undefined ? base.section : section === false ? null : section,
        bump: level === undefined ? base.bump : level === false ? null : (level as BumpLevel),
      };
    }
  }

  const changelog =
    top.changelog === undefined
      ? {}
      : s.object(top.changelog, "changelog", ["header", "breakingSection", "timeZone", "links"]);
  const timeZone = s.optional(changelog, "timeZone", "changelog", (v, k) => {
    const zone = s.nonEmptyString(v, k);
    try {
      new Intl.DateTimeFormat("en-CA", { timeZone: zone });
    } catch {
      s.fail(k, `unknown time zone ${JSON.stringify(zone)}; use an IANA name like "UTC" or "Europe/Berlin"`);
    }
    return zone;
  });

  const templates =
    top.templates === undefined ? {} : s.object(top.templates, "templates", ["changelog", "notes", "partials"]);
  const partials: Record<string, string> = {};
  if (templates.partials !== undefined) {
    const record = s.object(templates.partials, "templates.partials", Object.keys(templates.partials as object));
    for (const [name, v] of Object.entries(record)) partials[name] = s.nonEmptyString(v, `templates.partials.${name}`);
  }

  const github =
    top.github === undefined
      ? {}
      : s.object(top.github, "github", ["release", "owner", "repo", "latest", "requiredAssets"]);
  const names = services.map((x) => x.name);
  const single = services.length === 1 && services[0]!.name === null;
  let latest: { service: string | null } | null = single ? { service: null } : null;
  if (github.latest === null || github.latest === false) latest = null;
  else if (github.latest !== undefined) {
    const name = s.nonEmptyString(github.latest, "github.latest");
    if (single || !names.includes(name))
      s.fail(
        "github.latest",
        `names no configured service; known: ${single ? "(none: single package)" : names.join(", ")}`,
      );
    latest = { service: name };
  }

  const release = top.release === undefined ? {} : s.object(top.release, "release", ["commitMessage"]);
  const hooks = top.hooks === undefined ? {} : s.object(top.hooks, "hooks", ["beforeCommit"]);
  const timeouts = top.timeouts === undefined ? {} : s.object(top.timeouts, "timeouts", ["network", "github", "hooks"]);
  const seconds = (v: unknown, k: string): number => {
    const n = s.number(v, k);
    return n > 0 && n <= 86_400 ? n : s.fail(k, `expected a number of seconds between 0 and 86400, got ${n}`);
  };
  const command = (v: unknown, k: string): string | string[] =>
    Array.isArray(v)
      ? v.length === 0
        ? s.fail(k, "expected a non-empty argument array")
        : strings(v, k)
      : s.nonEmptyString(v, k);

  const groupsRaw = top.groups === undefined ? {} : s.object(top.groups, "groups", ["fixed", "linked"]);
  const inGroup = new Map<string, string>();
  const groupList = (kind: "fixed" | "linked") =>
    (s.optional(groupsRaw, kind, "groups", s.array(strings)) ?? []).map((members, i) => {
      const k = `groups.${kind}[${i}]`;
      if (members.length < 2) s.fail(k, "expected at least two service names");
      for (const m of members) {
        if (single || !names.includes(m))
          s.fail(
            k,
            `"${m}" names no configured service; known: ${single ? "(none: single package)" : names.join(", ")}`,
          );
        const other = inGroup.get(m);
        if (other !== undefined) s.fail(k, `"${m}" is already in ${other}; a service belongs to one group at most`);
        inGroup.set(m, k);
      }
      return members;
    });
  const groups = { fixed: groupList("fixed"), linked: groupList("linked") };

  const resolved: ResolvedConfig = {
    root,
    file,
    monorepo: services.length > 1 || services[0]!.name !== null,
    services,
    tag: {
      signing: resolveSigning(s, tag.sign),
      message:
        s.optional(tag, "message", "tag", (v, k) => s.nonEmptyString(v, k)) ??
        "{{#if service}}{{service}} {{/if}}v{{version}}",
      annotated: s.optional(tag, "annotated", "tag", s.oneOf(["required", "allowed"] as const)) ?? "allowed",
    },
    branches: {
      stable: s.optional(branches, "stable", "branches", strings) ?? ["main"],
      remote: s.optional(branches, "remote", "branches", (v, k) => s.nonEmptyString(v, k)) ?? "origin",
    },
    repository: {
      url: repositoryUrl ?? null,
      forge:
        s.optional(repository, "forge", "repository", s.oneOf(["github", "gitlab", "gitea", "bitbucket"] as const)) ??
        null,
    },
    bump: {
      default: s.optional(bump, "default", "bump", s.oneOf(["auto", ...LEVELS] as const)) ?? "auto",
      zeroMajor:
        s.optional(bump, "zeroMajor", "bump", s.oneOf(["minor-for-breaking", "major"] as const)) ??
        "minor-for-breaking",
      initialVersion: initialVersion ?? null,
    },
    commits: {
      types,
      unconventional:
        s.optional(commits, "unconventional", "commits", s.oneOf(["skip", "keep", "fail"] as const)) ?? "skip",
      merges: s.optional(commits, "merges", "commits", s.oneOf(["skip", "keep"] as const)) ?? "skip",
      scopes: s.optional(commits, "scopes", "commits", strings) ?? [],
      headerMaxLength: s.optional(commits, "headerMaxLength", "commits", (v, k) => s.number(v, k)) ?? 100,
    },
    changelog: {
      header: s.optional(changelog, "header", "changelog", (v, k) => s.string(v, k)) ?? DEFAULT_CHANGELOG_HEADER,
      breakingSection:
        s.optional(changelog, "breakingSection", "changelog", (v, k) => s.nonEmptyString(v, k)) ?? "Breaking Changes",
      timeZone: timeZone ?? "UTC",
      links: s.optional(changelog, "links", "changelog", s.oneOf(["inline", "references"] as const)) ?? "inline",
    },
    templates: {
      changelog: s.optional(templates, "changelog", "templates", (v, k) => s.nonEmptyString(v, k)) ?? null,
      notes: s.optional(templates, "notes", "templates", (v, k) => s.nonEmptyString(v, k)) ?? null,
      partials,
    },
    github: {
      release: s.optional(github, "release", "github", s.oneOf(["publish", "draft", false] as const)) ?? "publish",
      owner: s.optional(github, "owner", "github", (v, k) => s.nonEmptyString(v, k)) ?? null,
      repo: s.optional(github, "repo", "github", (v, k) => s.nonEmptyString(v, k)) ?? null,
      latest,
      requiredAssets: s.optional(github, "requiredAssets", "github", strings) ?? [],
    },
    release: {
      commitMessage:
        s.optional(release, "commitMessage", "release", (v, k) => s.nonEmptyString(v, k)) ??
        "chore(release): {releases}",
    },
    hooks: { beforeCommit: s.optional(hooks, "beforeCommit", "hooks", s.array(command)) ?? [] },
    distribution: resolveDistribution(s, top.distribution, services.length > 1 || services[0]!.name !== null),
    groups,
    dependents: s.optional(top, "dependents", "", s.oneOf(["patch", "out-of-range", "none"] as const)) ?? "patch",
    timeouts: {
      network: s.optional(timeouts, "network", "timeouts", seconds) ?? DEFAULT_TIMEOUTS.network,
      github: s.optional(timeouts, "github", "timeouts", seconds) ?? DEFAULT_TIMEOUTS.github,
      hooks: s.optional(timeouts, "hooks", "timeouts", seconds) ?? DEFAULT_TIMEOUTS.hooks,
    },
  };
  for (const { key, path } of configPaths(resolved)) {
    const { problem } = confine(root, path);
    if (problem !== null)
      s.fail(
        key,
        `${problem}: every path in the config must stay inside the repository`,
        "use a path relative to the repository root, inside it (and no symbolic link pointing outside)",
      );
  }
  return resolved;
}

/** Every file path the config names, with its key: all must stay inside the work tree. */
function configPaths(config: ResolvedConfig): { key: string; path: string }[] {
  const paths: { key: string; path: string }[] = [];
  for (const service of config.services) {
    const k = service.name === null ? "package" : `services.${service.name}`;
    if (service.changelog !== null) paths.push({ key: `${k}.changelog`, path: service.changelog });
    for (const [i, m] of service.manifests.entries()) paths.push({ key: `${k}.manifests[${i}]`, path: m.path });
  }
  if (config.templates.changelog !== null) paths.push({ key: "templates.changelog", path: config.templates.changelog });
  if (config.templates.notes !== null) paths.push({ key: "templates.notes", path: config.templates.notes });
  for (const [name, path] of Object.entries(config.templates.partials))
    paths.push({ key: `templates.partials.${name}`, path });
  return paths;
}
