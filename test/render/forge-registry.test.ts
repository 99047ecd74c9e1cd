import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";
import { detectForge, forge } from "../../src/forge/registry.js";

// Adding a forge is one folder under src/forge/ (its forge.ts entry: name, hosts, links, optionally the
// releases adapter) plus one line in the registry. These checks keep the two in step.

const FORGE_DIR = fileURLToPath(new URL("../../src/forge/", import.meta.url));
const folders = readdirSync(FORGE_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe("the forge registry", () => {
  it("has one entry per folder, named like it, and config accepts each as repository.forge", () => {
    expect(folders).toEqual(["bitbucket", "gitea", "github", "gitlab"]);
    for (const kind of folders) {
      const entry = forge(kind as never);
      expect(entry?.kind, kind).toBe(kind);
      expect(
        entry.hosts.every((h) => h === h.toLowerCase()),
        kind,
      ).toBe(true);
      expect(resolveConfig({ repository: { forge: kind } }, null, FORGE_DIR).repository.forge).toBe(kind);
    }
  });

  it("recognizes each forge's public hosts (any case) and nothing it is not sure of", () => {
    for (const kind of folders)
      for (const host of forge(kind as never).hosts) expect(detectForge(host.toUpperCase(), {})).toBe(kind);
    expect(detectForge("git.example.com", {})).toBeNull();
    expect(detectForge("acme.ghe.com", {})).toBe("github");
    expect(detectForge("git.example.com", { GITHUB_SERVER_URL: "https://git.example.com" })).toBe("github");
    expect(detectForge("git.example.com", { GITHUB_SERVER_URL: "not a url" })).toBeNull();
  });

  it("keeps the HTTP client out of every forge's entry: an adapter is reached only through its lazy loader", () => {
    for (const kind of folders) {
      const entry = readFileSync(join(FORGE_DIR, kind, "forge.ts"), "utf8");
      const links = readFileSync(join(FORGE_DIR, kind, "links.ts"), "utf8");
      for (const text of [entry, links]) expect(text).not.toMatch(/@octokit|from "\.\/(api|client)\.js"/);
    }
    expect(readFileSync(join(FORGE_DIR, "github", "forge.ts"), "utf8")).toContain('import("./api.js")');
  });

  it("GitHub, GitLab and Gitea have releases adapters; loading each gives the port", async () => {
    const publishing = folders.filter((kind) => forge(kind as never).releases !== undefined);
    expect(publishing).toEqual(["gitea", "github", "gitlab"]);
    for (const kind of publishing) {
      const adapter = await forge(kind as never).releases!.load();
      expect(typeof adapter.open, kind).toBe("function");
      expect(typeof adapter.readiness, kind).toBe("function");
      expect(readFileSync(join(FORGE_DIR, kind, "forge.ts"), "utf8"), kind).toContain('import("./api.js")');
    }
  });
});
