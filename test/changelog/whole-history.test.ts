import { afterAll, describe, expect, it } from "vitest";
import { changelogContexts } from "../../src/changelog/regenerate.js";
import { contextsJson } from "../../src/changelog/render-file.js";
import { selectServices } from "../../src/plan/build.js";
import { openSession } from "../../src/session/session.js";
import { graphRepo, type GraphCommit, type GraphTag } from "../helpers/graph-repo.js";
import { BASE_EPOCH, cleanupTemp } from "../helpers/repo.js";
import { referenceContexts } from "./reference-contexts.js";

afterAll(cleanupTemp);

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const TYPES = ["feat", "fix", "perf", "chore", "docs", "refactor", "revert", "Feat"];

function message(rand: (n: number) => number, i: number): string {
  const roll = rand(40);
  if (roll === 0) return `update things ${i}\n`;
  if (roll === 1) return `fixup! feat: thing ${i}\n`;
  if (roll === 2) return `chore(deps): bump ${i}\n\nBREAKING CHANGE: drops Node ${i}\n`;
  if (roll === 3) return `docs: guide ${i}\n\nSome text.\n\nBREAKING-CHANGE: moved the docs\nacross lines\n`;
  if (roll === 4) return `refactor: BREAKING in the subject only ${i}\n`;
  if (roll === 5) return `feat(api): wrapped header ${i} that goes\non to a second line\n\nbody\n`;
  if (roll === 6) return `fix: windows line ends ${i}\r\n\r\nbody line\r\n\r\nRefs: #${i}\r\n`;
  if (roll === 7) return `feat: gitlab ${i}\n\nSee merge request acme/platform!${i}\n`;
  if (roll === 8) return `perf!: faster ${i} (#${100 + i})\n`;
  if (roll === 9) return `fix: *stars* and _under_ \`code\` <b> [link] {{x}} | pipe ${i}\n\n   \nbody\n`;
  const type = TYPES[rand(TYPES.length)]!;
  const scope = rand(3) === 0 ? "(core)" : "";
  const body = rand(2) === 0 ? `\n\nbody ${i}\n\nReviewed-by: someone` : "";
  return `${type}${scope}: change ${i}${rand(4) === 0 ? ` (#${i})` : ""}${body}\n`;
}

/**
 * A history with the shapes a whole changelog must get right: feature branches merged by pull
 * request (GitHub and GitLab merge messages, some merged into two branches), a maintenance branch
 * with its own releases, release candidates, tags on merge commits and side branches, commit
 * times that repeat and run backwards, and messages of every kind the parser distinguishes.
 */
function history(seed: number, tagName: (version: string) => string): { commits: GraphCommit[]; tags: GraphTag[] } {
  const rand = random(seed);
  const commits: GraphCommit[] = [];
  const tags: GraphTag[] = [];
  const tips: Record<string, string> = {};
  let minor = 0;
  let patch = 0;
  let i = 0;
  const add = (branch: string, parents: string[], text: string) => {
    const id = `c${i}`;
    const place = ["svc/api/", "svc/web/", "docs/"][rand(3)]!;
    const skew = rand(8);
    const time = BASE_EPOCH + (skew === 0 ? i * 60 - 7200 : skew === 1 ? 600 * Math.floor(i / 8) : i * 60);
    commits.push({ id, branch, parents, message: text, files: { [`${place}f${i % 9}.txt`]: `${i}\n` }, time });
    tips[branch] = id;
    i++;
    return id;
  };
  add("main", [], "feat: first\n");
  for (let round = 0; round < 40; round++) {
    const what = rand(10);
    if (what < 5) add("main", [tips.main!], message(rand, i));
    else if (what < 8) {
      // A pull request: a branch off main (or off the maintenance branch), merged back, sometimes also elsewhere.
      const base = tips.maint && rand(4) === 0 ? "maint" : "main";
      const branch = `pr${round}`;
      tips[branch] = tips[base]!;
      for (let k = 0; k < 1 + rand(3); k++) add(branch, [tips[branch]!], message(rand, i));
      const pr = 200 + round;
      const merge =
        rand(3) === 0
          ? `Merge branch 'pr${round}' into '${base}'\n\nfeat: merged work ${round}\n\nSee merge request acme/platform!${pr}\n`
          : `Merge pull request #${pr} from acme/pr${round}\n\n${rand(2) ? "feat(api): " : "wip "}title ${round}\n`;
      add(base, [tips[base]!, tips[branch]!], merge);
      if (base === "main" && tips.maint && rand(3) === 0)
        add("maint", [tips.maint, tips[branch]!], `Merge pull request #${pr + 1000} from acme/pr${round}\n`);
    } else if (what === 8 && !tips.maint) {
      tips.maint = tips.main!;
      add("maint", [tips.maint], "fix: backport\n");
    } else if (tips.maint) add("maint", [tips.maint], message(rand, i));
    if (rand(4) === 0) {
      const onMaint = tips.maint && rand(3) === 0;
      const at = onMaint ? tips.maint! : tips.main!;
      if (onMaint) tags.push({ name: tagName(`0.${minor}.${++patch}`), at });
      else {
        minor++;
        patch = 0;
        if (rand(3) === 0) tags.push({ name: tagName(`0.${minor}.0-rc.1`), at });
        tags.push({ name: tagName(`0.${minor}.0`), at });
      }
    }
  }
  return { commits, tags };
}

async function compare(dir: string, service: string[]) {
  const session = await openSession(dir, { emit: () => {}, env: {} }, { services: service });
  const [selected] = selectServices(session, service);
  const lean = [...(await changelogContexts(session, selected!, { unreleasedOnly: false }))];
  const reference = await referenceContexts(session, selected!);
  expect(lean.length).toBeGreaterThan(3);
  expect(lean).toEqual(reference);
  expect(contextsJson(lean)).toBe(JSON.stringify(reference, null, 2));
  return lean;
}

describe("the whole changelog from one lean walk equals the one built from every commit kept", () => {
  for (const seed of [3, 11, 29]) {
    for (const commitsConfig of [{}, { merges: "keep", unconventional: "keep" }]) {
      const label = `seed ${seed}, commits ${JSON.stringify(commitsConfig)}`;

      it(`a service's paths (${label})`, async () => {
        const { commits, tags } = history(seed, (v) => `api/v${v}`);
        const config = { services: { api: { paths: ["svc/api/"] } }, commits: commitsConfig };
        const r = graphRepo({ files: { "cliff.config.json": JSON.stringify(config) }, commits, tags, head: "main" });
        const contexts = await compare(r.dir, ["api"]);
        // The history has what the comparison is about: merged pull requests and releases off main.
        expect(contexts.some((c) => c.commits.some((x) => x.pr !== null && x.pr >= 200))).toBe(true);
      });

      it(`a single package (${label})`, async () => {
        const { commits, tags } = history(seed, (v) => `v${v}`);
        const config = { package: {}, commits: commitsConfig };
        const r = graphRepo({ files: { "cliff.config.json": JSON.stringify(config) }, commits, tags, head: "main" });
        await compare(r.dir, []);
      });
    }
  }

  it("contextsJson is JSON.stringify of the array, also when empty", () => {
    expect(contextsJson([])).toBe("[]");
    const a = { unreleased: true, nested: { list: [1, "x\ny"] } } as never;
    expect(contextsJson([a, a])).toBe(JSON.stringify([a, a], null, 2));
  });
});
