/**
 * The architecture rules `npm run lint` enforces (docs/architecture.md draws the picture).
 * Layers from the bottom up: a file may import its own layer and the layers below, never one above.
 */
const LAYERS = [
  ["base", "^src/(errors|events|suggest|source-location|package-root)\\.ts$|^src/(fs|tags|text)/"],
  ["foundations", "^src/(config|commits|git)/"],
  // Forges: which one a repository is on, its link shapes, and its releases API behind one port (adapters load lazily).
  ["forges", "^src/forge/"],
  ["session", "^src/session/"],
  ["history", "^src/(history|versioning|render)/"],
  ["files", "^src/files/"],
  ["plan", "^src/plan/"],
  ["documents", "^src/(changelog|manifests|distribution)/"],
  ["use-cases", "^src/(release|verify|check|lint|init)/"],
  ["commands", "^src/(commands|cli)/|^src/(cli|index)\\.ts$"],
];

const upward = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} sits below ${LAYERS.slice(i + 1).map(([n]) => n).join(", ")}: it must not import them`,
  severity: "error",
  from: { path },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => `(${p})`).join("|") },
}));

/** Each forge's API client library, known only inside that forge's adapter folder. */
const FORGE_CLIENTS = [
  ["octokit", "github", "GitHub", "node_modules/@octokit/"],
  ["gitlab-client", "gitlab", "GitLab", "node_modules/@gitbeaker/"],
  ["gitea-client", "gitea", "Gitea", "node_modules/gitea-js/"],
];

const forgeClients = FORGE_CLIENTS.map(([client, folder, host, path]) => ({
  name: `${client}-only-in-the-${folder}-adapter`,
  comment: `only src/forge/${folder}/ knows the ${host} API client`,
  severity: "error",
  from: { pathNot: `^src/forge/${folder}/` },
  to: { path },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "files that import each other in a loop cannot be understood one at a time",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...upward,
    ...forgeClients,
    {
      name: "git-commands-only-in-git",
      comment: "every git argument list lives in src/git/: elsewhere the Git runner is only a type passed along",
      severity: "error",
      from: { pathNot: "^src/git/" },
      to: { path: "^src/git/run\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "processes-only-in-git-and-hooks",
      comment: "only src/git/ and the hook runner spawn processes",
      severity: "error",
      from: { pathNot: "^src/git/|^src/release/hooks\\.ts$" },
      to: { path: "^(node:)?child_process$" },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    exclude: { path: "^(dist|test|bench|scripts)/" },
  },
};
