import { graphRepo, type GraphCommit, type GraphRepo, type GraphTag } from "../helpers/graph-repo.js";

/**
 * A service history with every shape that used to make commands disagree:
 * - a maintenance branch: api/v1.0.2 backported on maint/1.0 and tagged after api/v2.0.0;
 * - a release commit amended after tagging: api/v1.1.0 stays on the pre-amend commit c5r;
 * - several tags on one commit: api/v2.0.0-rc.1, api/v2.0.0 and web/v0.1.0 on c9;
 * - a tag on an ancestor of an older release: api/v1.3.0 on c6, an ancestor of api/v1.2.0's merge;
 * - PR numbers from a squash subject (#12), merge commits (#130, #131) and a GitLab trailer (!7);
 * - a header wrapped onto a second line (c6).
 */
export const CONFIG = {
  services: { api: { paths: ["svc/api/"] }, web: { paths: ["svc/web/"] } },
  github: { owner: "acme", repo: "platform", latest: "api" },
  branches: { stable: ["main", "maint/*"] },
  templates: { notes: "notes.hbs" },
};

/** Notes that show exactly what the render context holds: previous tag, then each commit. */
export const NOTES_TEMPLATE = "{{raw previousTag}}|{{#each commits}}{{sha}}:{{type}}:{{breaking}}:{{pr}},{{/each}}\n";

const api = (name: string, text: string) => ({ [`svc/api/${name}`]: `${text}\n` });

export const COMMITS: GraphCommit[] = [
  { id: "c1", branch: "main", message: "feat(api): first endpoint", files: api("a.txt", "1") },
  {
    id: "c2",
    branch: "main",
    parents: ["c1"],
    message: "feat(web): landing page",
    files: { "svc/web/index.html": "<h1>hi</h1>\n" },
  },
  { id: "c3", branch: "main", parents: ["c2"], message: "fix(api): handle empty body", files: api("a.txt", "2") },
  { id: "c4", branch: "main", parents: ["c3"], message: "feat(api): add search (#12)", files: api("search.txt", "1") },
  {
    id: "c5r",
    branch: "main",
    parents: ["c4"],
    message: "chore(release): api v1.1.0",
    files: api("CHANGELOG.md", "1.1.0"),
  },
  {
    id: "c5",
    branch: "main",
    parents: ["c4"],
    message: "chore(release): api v1.1.0\n\nAmended after tagging.",
    files: api("CHANGELOG.md", "1.1.0 (amended)"),
  },
  {
    id: "c6",
    branch: "main",
    parents: ["c5"],
    message: "fix(api): keep the cursor when a page is cut\nshort by the proxy\n\nThe proxy cuts pages at 1 MB.",
    files: api("page.txt", "1"),
  },
  { id: "c6b", branch: "main", parents: ["c6"], message: "docs(web): readme", files: { "svc/web/README.md": "web\n" } },
  {
    id: "f1",
    branch: "feature",
    parents: ["c6"],
    message: "feat(api): paginate results",
    files: api("page2.txt", "1"),
  },
  {
    id: "m1",
    branch: "main",
    parents: ["c6b", "f1"],
    message: "Merge pull request #130 from acme/pagination\n\nfeat(api): paginate results",
    files: api("page2.txt", "1"),
  },
  {
    id: "c9",
    branch: "main",
    parents: ["m1"],
    message: "feat(api)!: new auth tokens",
    files: { ...api("auth.txt", "1"), "svc/web/auth.txt": "1\n" },
  },
  {
    id: "b1",
    branch: "maint/1.0",
    parents: ["c3"],
    message: "fix(api): backport null check",
    files: api("a.txt", "2 (null check)"),
  },
  { id: "c10", branch: "main", parents: ["c9"], message: "fix(api): token expiry", files: api("auth.txt", "2") },
  // Unreleased: a GitLab-style trailer, and a merged pull request of two commits.
  {
    id: "c11",
    branch: "main",
    parents: ["c10"],
    message: "feat(api): rate limits\n\nSee merge request acme/platform!7",
    files: api("rate.txt", "1"),
  },
  { id: "f2", branch: "retries", parents: ["c11"], message: "fix(api): retry on 503", files: api("retry.txt", "1") },
  { id: "f3", branch: "retries", parents: ["f2"], message: "feat(api): retry budget", files: api("retry2.txt", "1") },
  { id: "c12", branch: "main", parents: ["c11"], message: "docs: contributing", files: { "CONTRIBUTING.md": "hi\n" } },
  {
    id: "m2",
    branch: "main",
    parents: ["c12", "f3"],
    message: "Merge pull request #131 from acme/retries\n\nfeat(api): retries",
    files: { ...api("retry.txt", "1"), ...api("retry2.txt", "1") },
  },
];

export const TAGS: GraphTag[] = [
  { name: "api/v1.0.0", at: "c1" },
  { name: "api/v1.0.1", at: "c3" },
  { name: "api/v1.1.0", at: "c5r" },
  { name: "api/v1.2.0", at: "m1" },
  { name: "api/v1.3.0", at: "c6" },
  { name: "api/v2.0.0-rc.1", at: "c9" },
  { name: "api/v2.0.0", at: "c9" },
  { name: "web/v0.1.0", at: "c9" },
  { name: "api/v1.0.2", at: "b1" },
  { name: "api/v2.0.1", at: "c10" },
];

/** What every command must say about each release: the previous release and the commits (ids, newest first by date). */
export const EXPECTED: Record<string, { previous: string | null; commits: string[] }> = {
  "api/v1.0.0": { previous: null, commits: ["c1"] },
  "api/v1.0.1": { previous: "api/v1.0.0", commits: ["c3"] },
  "api/v1.0.2": { previous: "api/v1.0.1", commits: ["b1"] },
  "api/v1.1.0": { previous: "api/v1.0.1", commits: ["c5r", "c4"] },
  "api/v1.2.0": { previous: "api/v1.0.1", commits: ["f1", "c6", "c5", "c4"] },
  "api/v1.3.0": { previous: "api/v1.0.1", commits: ["c6", "c5", "c4"] },
  "api/v2.0.0-rc.1": { previous: "api/v1.3.0", commits: ["c9", "f1"] },
  "api/v2.0.0": { previous: "api/v1.3.0", commits: ["c9", "f1"] },
  "api/v2.0.1": { previous: "api/v2.0.0", commits: ["c10"] },
  "web/v0.1.0": { previous: null, commits: ["c9", "c6b", "c2"] },
};

export function scenarioRepo(): GraphRepo {
  const r = graphRepo({
    files: { "cliff.config.json": `${JSON.stringify(CONFIG, null, 2)}\n`, "notes.hbs": NOTES_TEMPLATE },
    commits: COMMITS,
    tags: TAGS,
    head: "main",
  });
  // origin as CI sees it after the amend was force-pushed: main, and the maintenance branch.
  r.git("update-ref", "refs/remotes/origin/main", "main");
  r.git("update-ref", "refs/remotes/origin/maint/1.0", "maint/1.0");
  return r;
}
