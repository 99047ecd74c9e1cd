import { existsSync } from "node:fs";
import { posix } from "node:path";
import type { RelnotesConfig, ServiceConfig } from "../config/types.js";
import { detectRootManifests } from "../config/root-manifests.js";
import { directoriesNamed, type Layout } from "./detect.js";
import type { Migration } from "./migrate.js";
import { count } from "../text/words.js";
import { displayRemoteUrl } from "../git/remote-url.js";

/** A config to write, with a comment per key path ("services.api") saying where each value came from. */
export interface Proposal {
  config: RelnotesConfig;
  comments: Map<string, string>;
  /** Facts for the file's heading comment. */
  facts: string[];
}

function service(root: string, dir: string, changelog: string | null): ServiceConfig {
  const manifests = detectRootManifests(posix.join(root, dir)).map((m) => posix.join(dir, m));
  return {
    paths: [`${dir}/`],
    changelog: changelog ?? posix.join(dir, "CHANGELOG.md"),
    ...(manifests.length > 0 ? { manifests } : {}),
  };
}

/** The config init proposes for what it detected, with a migrated config's settings on top. */
export function propose(root: string, layout: Layout, migration: Migration | null): Proposal {
  const config: RelnotesConfig = {};
  const comments = new Map<string, string>();
  const facts: string[] = [];
  const { tags, workspace } = layout;
  const serviceTags = tags.format?.includes("{service}");
  facts.push(
    tags.count > 0
      ? `${count(tags.count, "release tag")} like ` +
          `${tags.format}${serviceTags ? ` (services: ${tags.services.join(", ")})` : ""}`
      : "no release tags yet",
  );

  if (workspace && !(tags.count > 0 && !serviceTags)) {
    facts.push(`${workspace.kind === "npm" ? "an npm" : "a Cargo"} workspace of ${workspace.packages.length} packages`);
    config.services = {};
    for (const p of workspace.packages)
      config.services[p.name] = {
        paths: [`${p.dir}/`],
        changelog: p.changelog ?? posix.join(p.dir, "CHANGELOG.md"),
        manifests: [p.manifest],
      };
    comments.set(
      "services",
      `One service per workspace member; ${workspace.kind === "npm" ? "package-lock.json" : "Cargo.lock"} and ` +
        "dependents' requirements follow each release.",
    );
  } else if (serviceTags) {
    config.services = {};
    for (const name of tags.services) {
      const dir = directoriesNamed(root, name)[0];
      if (dir) {
        const changelog = posix.join(dir, "CHANGELOG.md");
        config.services[name] = service(root, dir, existsSync(posix.join(root, changelog)) ? changelog : null);
      } else {
        config.services[name] = {};
        comments.set(
          `services.${name}`,
          `No directory named "${name}" was found: every commit counts for ${name} until you list its paths.`,
        );
      }
    }
    comments.set("services", "One service per tag namespace; paths are the directories named like the service.");
  } else {
    const manifests = [...layout.rootManifests, ...layout.lockfiles];
    config.package = {
      changelog: layout.changelog?.path ?? "CHANGELOG.md",
      ...(manifests.length > 0 ? { manifests } : {}),
    };
    if (workspace) {
      // A member declaring another version than the package's releases is released on its own: listing it
      // would set the package's version in it.
      const own = workspace.packages.filter(
        (p) => tags.latest !== null && p.version !== null && p.version !== tags.latest,
      );
      const members = workspace.packages.filter((p) => !own.includes(p));
      config.package.manifests = [...new Set([...(config.package.manifests ?? []), ...members.map((p) => p.manifest)])];
      comments.set(
        "package",
        `One version for the whole ${workspace.kind} workspace (its tags carry no service name).` +
          own
            .map(
              (p) =>
                `\nNot listed: ${p.manifest} declares ${p.version}, not the package's ${tags.latest}; ` +
                "give it a service of its own (services.<name>) to release it.",
            )
            .join(""),
      );
    } else comments.set("package", "A single package: its version is set in these manifests at each release.");
  }
  if (tags.format !== null && tags.format !== (config.services ? "{service}/v{version}" : "v{version}"))
    config.tag = { format: tags.format };
  if (layout.branch && layout.branch !== "main") {
    config.branches = { stable: [layout.branch] };
    comments.set("branches", `Stable releases are tagged on ${layout.branch} (the current branch).`);
  }
  if (layout.changelog) facts.push(`${layout.changelog.path} exists: new sections go on top, in its own link style`);

  if (migration) {
    facts.push(`settings carried over from ${migration.from}`);
    const m = migration.config;
    if (m.services) config.services = { ...config.services, ...m.services };
    if (m.package) config.package = { ...config.package, ...m.package };
    if (m.services) delete config.package;
    for (const key of ["tag", "branches", "bump", "commits", "changelog", "hooks", "repository"] as const) {
      if (m[key]) (config as Record<string, unknown>)[key] = { ...(config[key] as object | undefined), ...m[key] };
    }
    if (migration.untranslated.length > 0)
      comments.set(
        "",
        `Not carried over from ${migration.from}:\n${migration.untranslated.map((u) => `- ${u}`).join("\n")}`,
      );
  }
  if (config.repository?.url && !layout.remote)
    facts.push(`notes link to ${config.repository.url} (from ${migration!.from}); releases are made there`);
  else if (layout.remote)
    facts.push(
      `releases go to ${layout.remote.host}/${layout.remote.owner}/${layout.remote.repo} (from the origin remote)`,
    );
  else if (layout.remoteUrl !== null)
    facts.push(
      `the origin remote (${displayRemoteUrl(layout.remoteUrl)}) has no web address: notes get no links and no ` +
        "forge release is made until repository.url is set",
    );
  else facts.push("no origin remote: notes get no links and no forge release is made");
  return { config, comments, facts };
}
