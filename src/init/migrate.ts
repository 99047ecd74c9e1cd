import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { CommitTypeConfig, RelnotesConfig, ServiceConfig } from "../config/types.js";
import { UsageError } from "../errors.js";

/** What a git-cliff or cocogitto config translates to, and what it holds that relnotes does not take over. */
export interface Migration {
  from: string;
  config: RelnotesConfig;
  /** Settings left behind, each with why: printed by init and written as comments. */
  untranslated: string[];
}

type Table = Record<string, unknown>;
const STANDARD_TYPES = ["feat", "fix", "docs", "perf", "refactor", "style", "test", "build", "ci", "chore", "revert"];
const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

async function readToml(path: string): Promise<Table> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(
      `--from ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`,
      "name a git-cliff cliff.toml or a cocogitto cog.toml",
    );
  }
  const { parseTOML, getStaticTOMLValue } = await import("toml-eslint-parser");
  try {
    return getStaticTOMLValue(parseTOML(text)) as Table;
  } catch (e) {
    const err = e as { message: string; lineNumber?: number; column?: number };
    throw new UsageError(
      `${path}${err.lineNumber ? `:${err.lineNumber}:${(err.column ?? 0) + 1}` : ""}: not valid TOML: ${err.message}`,
    );
  }
}

/** A section title without git-cliff's sort-order comments and emoji: "<!-- 0 -->🚀 Features" → "Features". */
function sectionTitle(group: string): string {
  return (
    group
      .replace(/<!--.*?-->/g, "")
      .replace(/^[^\p{L}\p{N}]+/u, "")
      .trim() || group.trim()
  );
}

/** git-cliff's tag_pattern as a relnotes tag format, when it is one of the usual shapes. */
function tagFormatOf(pattern: string): string | null {
  const m = /^\^?([A-Za-z0-9/_@.-]*?)(?:\[0-9\]|\\d)/.exec(pattern);
  if (!m) return null;
  return `${m[1]!.replace(/\\/g, "")}{version}`;
}

function fromCliff(doc: Table, untranslated: string[]): RelnotesConfig {
  const config: RelnotesConfig = {};
  const git = isTable(doc.git) ? doc.git : {};
  const types: Record<string, CommitTypeConfig> = {};
  const parsers = Array.isArray(git.commit_parsers) ? git.commit_parsers : [];
  for (const parser of parsers) {
    if (!isTable(parser)) continue;
    const type = /^\^?\(?([a-z]+)(?:\|[a-z|]+)?\)?(?:\\\(|\(|$)/.exec(str(parser.message) ?? "");
    if (!type || parser.body !== undefined || parser.field !== undefined) {
      untranslated.push(
        `git.commit_parsers: ${JSON.stringify(parser)} — only "message = \\"^type\\"" parsers map to commit types`,
      );
      continue;
    }
    // git-cliff matches by prefix: "^doc" catches docs commits.
    const name = STANDARD_TYPES.find((t) => t.startsWith(type[1]!)) ?? type[1]!;
    if (parser.skip === true) {
      // A skip rule on a scope (e.g. ^chore\(release\)) would hide the whole type: relnotes skips its own release commits anyway.
      if (/\\\(|\(/.test(str(parser.message)!.slice(name.length + 1)))
        untranslated.push(
          `git.commit_parsers: skip ${JSON.stringify(parser.message)} — relnotes leaves its own release ` +
            "commits out of changelogs already",
        );
      else types[name] = { ...types[name], section: false };
    } else if (str(parser.group)) {
      if (types[name]?.section === undefined)
        types[name] = { ...types[name], section: sectionTitle(str(parser.group)!) };
    }
  }
  if (Object.keys(types).length > 0) config.commits = { types };
  if (git.filter_unconventional === false) config.commits = { ...config.commits, unconventional: "keep" };
  if (git.conventional_commits === false)
    untranslated.push("git.conventional_commits = false — relnotes reads Conventional Commits only");
  const tagPattern = str(git.tag_pattern);
  if (tagPattern) {
    const format = tagFormatOf(tagPattern);
    if (format) config.tag = { format };
    else {
      const pattern = JSON.stringify(tagPattern);
      untranslated.push(`git.tag_pattern = ${pattern} — write it as tag.format, e.g. "v{version}"`);
    }
  }
  const include = Array.isArray(git.include_paths)
    ? git.include_paths.filter((p): p is string => typeof p === "string")
    : [];
  if (include.length > 0) config.package = { paths: include.map((p) => p.replace(/\*\*?(\/\*+)?$/, "")) };
  for (const key of [
    "skip_tags",
    "ignore_tags",
    "exclude_paths",
    "commit_preprocessors",
    "link_parsers",
    "protect_breaking_commits",
    "split_commits",
    "sort_commits",
    "limit_commits",
    "topo_order",
  ]) {
    if (git[key] !== undefined) untranslated.push(`git.${key} — no relnotes equivalent`);
  }
  const changelog = isTable(doc.changelog) ? doc.changelog : {};
  const header = str(changelog.header);
  if (header && !header.includes("{{") && !header.includes("{%")) config.changelog = { header: header.trimStart() };
  else if (header) untranslated.push("changelog.header — a Tera template; relnotes' header is plain text");
  for (const key of ["body", "footer", "postprocessors"]) {
    if (changelog[key] !== undefined)
      untranslated.push(
        `changelog.${key} — Tera templates do not carry over; relnotes templates are Handlebars ` +
          "(templates.changelog, see docs/render-context.md)",
      );
  }
  const bump = isTable(doc.bump) ? doc.bump : {};
  const initial = str(bump.initial_tag);
  if (initial) config.bump = { initialVersion: initial.replace(/^v/, "") };
  if (bump.breaking_always_bump_major === true) config.bump = { ...config.bump, zeroMajor: "major" };
  if (bump.features_always_bump_minor === false)
    untranslated.push("bump.features_always_bump_minor = false — below 1.0.0 relnotes bumps the minor for features");
  return config;
}

function fromCog(doc: Table, untranslated: string[]): RelnotesConfig {
  const config: RelnotesConfig = {};
  const prefix = str(doc.tag_prefix) ?? "";
  const packages = isTable(doc.packages) ? doc.packages : null;
  const separator = str(doc.monorepo_version_separator) ?? "-";
  if (packages && Object.keys(packages).length > 0) {
    const services: Record<string, ServiceConfig> = {};
    for (const [name, p] of Object.entries(packages)) {
      if (!isTable(p)) continue;
      const path = str(p.path);
      services[name] = {
        ...(path ? { paths: [`${path.replace(/\/$/, "")}/`] } : {}),
        changelog: str(p.changelog_path) ?? (path ? `${path.replace(/\/$/, "")}/CHANGELOG.md` : false),
      };
      for (const key of ["pre_bump_hooks", "post_bump_hooks", "bump_profiles", "public_api", "include", "ignore"]) {
        if (p[key] !== undefined) untranslated.push(`packages.${name}.${key} — not per service in relnotes`);
      }
    }
    config.services = services;
    config.tag = { format: `{service}${separator}${prefix}{version}` };
  } else if (prefix !== "v") config.tag = { format: `${prefix}{version}` };
  const branches = Array.isArray(doc.branch_whitelist)
    ? doc.branch_whitelist.filter((b): b is string => typeof b === "string")
    : [];
  if (branches.length > 0) config.branches = { stable: branches };
  const types: Record<string, CommitTypeConfig> = {};
  if (isTable(doc.commit_types)) {
    for (const [name, t] of Object.entries(doc.commit_types)) {
      if (!isTable(t)) continue;
      const type: CommitTypeConfig = {};
      if (t.omit_from_changelog === true || t.changelog_title === "") type.section = false;
      else if (str(t.changelog_title)) type.section = str(t.changelog_title)!;
      if (t.bump_minor === true) type.bump = "minor";
      else if (t.bump_patch === true) type.bump = "patch";
      types[name] = type;
    }
  }
  if (Object.keys(types).length > 0) config.commits = { types };
  if (doc.ignore_merge_commits === false) config.commits = { ...config.commits, merges: "keep" };
  const hooks = Array.isArray(doc.pre_bump_hooks)
    ? doc.pre_bump_hooks.filter((h): h is string => typeof h === "string")
    : [];
  // cog fills {{version}} in hooks; relnotes gives the version in the environment (a string hook runs in sh).
  const kept = hooks.filter((h) => !/\{\{\s*(?!version\b)\w+/.test(h));
  if (kept.length > 0)
    config.hooks = { beforeCommit: kept.map((h) => h.replace(/\{\{\s*version\s*\}\}/g, "$RELNOTES_VERSION")) };
  for (const h of hooks.filter((x) => !kept.includes(x)))
    untranslated.push(
      `pre_bump_hooks: ${JSON.stringify(h)} — relnotes gives hooks RELNOTES_VERSION and RELNOTES_TAG only`,
    );
  if (doc.post_bump_hooks !== undefined)
    untranslated.push(
      "post_bump_hooks — relnotes pushes the commit and each tag itself and creates the GitHub release; drop " +
        "git push steps",
    );
  const changelog = isTable(doc.changelog) ? doc.changelog : {};
  const path = str(changelog.path);
  if (path && !packages) config.package = { changelog: path };
  // cog links its changelog to https://<remote>/<owner>/<repository>: the same repository, in relnotes' words.
  const [remote, owner, repository] = [str(changelog.remote), str(changelog.owner), str(changelog.repository)];
  const linked = remote !== undefined && owner !== undefined && repository !== undefined;
  if (linked) config.repository = { url: `https://${remote}/${owner}/${repository}` };
  for (const key of ["template", "remote", "owner", "repository", "authors"]) {
    if (linked && ["remote", "owner", "repository"].includes(key)) continue;
    if (changelog[key] !== undefined)
      untranslated.push(
        `changelog.${key} — relnotes links commits and PRs from the origin remote; templates are Handlebars`,
      );
  }
  for (const key of [
    "skip_ci",
    "skip_untracked",
    "disable_changelog",
    "disable_bump_commit",
    "generate_mono_repository_global_tag",
    "bump_profiles",
  ]) {
    if (doc[key] !== undefined) untranslated.push(`${key} — no relnotes equivalent`);
  }
  return config;
}

/** Translate git-cliff's cliff.toml or cocogitto's cog.toml (told apart by file name, else by content). */
export async function migrate(path: string): Promise<Migration> {
  const doc = await readToml(path);
  const untranslated: string[] = [];
  const name = basename(path);
  const isCog =
    name === "cog.toml" ||
    (name !== "cliff.toml" &&
      (doc.tag_prefix !== undefined || doc.commit_types !== undefined || doc.packages !== undefined));
  return { from: name, config: isCog ? fromCog(doc, untranslated) : fromCliff(doc, untranslated), untranslated };
}
