import type { ForgePullRequests, NewPullRequest, PullRequest } from "../port.js";
import { type ClientOptions, connectGitHub, type GitHubConnection } from "./client.js";
import type { ErrorHints } from "./errors.js";
import type { GitHubTarget } from "./target.js";

/** What GitHub's pull request answers (full and list shapes) carry that relnotes reads. */
interface PullData {
  number: number;
  title: string;
  body: string | null;
  state: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  labels: { name?: string }[];
  html_url: string;
}

function toPullRequest(data: PullData): PullRequest {
  const merged = data.merged_at !== null;
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? "",
    state: merged ? "merged" : data.state === "open" ? "open" : "closed",
    head: data.head.ref,
    base: data.base.ref,
    headCommit: data.head.sha,
    mergeCommit: merged ? data.merge_commit_sha : null,
    labels: data.labels.map((l) => l.name ?? "").filter(Boolean),
    url: data.html_url,
  };
}

/** Hints of pull request failures (the defaults speak of releases). */
export const PULL_REQUEST_HINTS: ErrorHints = {
  rerun: "re-run the same command: it finds the pull request it opened and updates it, never a second one",
  permission:
    'the token needs write access to pull requests and issues (labels, comments): fine-grained token "Pull ' +
    'requests: Read and write" and "Issues: Read and write", classic token "repo" scope, GitHub Actions ' +
    '"permissions: pull-requests: write" (and the repository setting "Allow GitHub Actions to create and approve ' +
    'pull requests")',
};

/** Issues list at most this many per page; findClosedWithLabel reads one page. */
const PAGE = 100;

/** The pull requests port of one repository, over a connection (src/forge/github/client.ts). */
export function pullRequestsOver(github: GitHubConnection): ForgePullRequests {
  const { octokit, repo, repository } = github;
  const call = <T>(action: string, run: (signal: AbortSignal) => Promise<T>) =>
    github.call(action, run, PULL_REQUEST_HINTS);
  const get = (n: number) =>
    call(`reading pull request #${n}`, async (signal) =>
      toPullRequest((await octokit.rest.pulls.get({ ...repo, pull_number: n, request: { signal } })).data),
    );
  const update = (n: number, changes: { title?: string; body?: string; state?: "closed" }, action: string) =>
    call(action, async (signal) =>
      toPullRequest(
        (await octokit.rest.pulls.update({ ...repo, pull_number: n, ...changes, request: { signal } })).data,
      ),
    );
  return {
    host: "GitHub",
    repository,
    findOpen: (head, base) =>
      call(`looking for the open pull request from ${head} into ${base}`, async (signal) => {
        const { data } = await octokit.rest.pulls.list({
          ...repo,
          state: "open",
          head: `${repo.owner}:${head}`,
          base,
          per_page: PAGE,
          request: { signal },
        });
        const found = data.map(toPullRequest).filter((p) => p.head === head && p.base === base);
        return found[0] ?? null;
      }),
    findClosedWithLabel: async (label, base, limit) => {
      const issues = await call(`listing closed pull requests labelled "${label}"`, async (signal) => {
        const { data } = await octokit.rest.issues.listForRepo({
          ...repo,
          state: "closed",
          labels: label,
          sort: "updated",
          direction: "desc",
          per_page: PAGE,
          request: { signal },
        });
        return data.filter((i) => i.pull_request !== undefined).map((i) => i.number);
      });
      // The issue list has no head, base nor merge commit: each pull request is read on its own.
      const found: PullRequest[] = [];
      for (const n of issues) {
        if (found.length >= limit) break;
        const pr = await get(n);
        if (pr.base === base && pr.state !== "open") found.push(pr);
      }
      return found;
    },
    create: (pr: NewPullRequest) =>
      call(`opening the pull request from ${pr.head} into ${pr.base}`, async (signal) =>
        toPullRequest(
          (
            await octokit.rest.pulls.create({
              ...repo,
              head: pr.head,
              base: pr.base,
              title: pr.title,
              body: pr.body,
              request: { retries: 0, signal },
            })
          ).data,
        ),
      ),
    update: (n, changes) =>
      update(
        n,
        {
          ...(changes.title === undefined ? {} : { title: changes.title }),
          ...(changes.body === undefined ? {} : { body: changes.body }),
        },
        `updating pull request #${n}`,
      ),
    comment: (n, text) =>
      call(`commenting on pull request #${n}`, async (signal) => {
        await octokit.rest.issues.createComment({ ...repo, issue_number: n, body: text, request: { signal } });
      }),
    close: (n) => update(n, { state: "closed" }, `closing pull request #${n}`),
    addLabels: (n, labels) =>
      call(`labelling pull request #${n} ${labels.map((l) => `"${l}"`).join(", ")}`, async (signal) => {
        await octokit.rest.issues.addLabels({ ...repo, issue_number: n, labels: [...labels], request: { signal } });
      }),
    removeLabel: (n, label) =>
      call(`removing the label "${label}" from pull request #${n}`, async (signal) => {
        try {
          await octokit.rest.issues.removeLabel({ ...repo, issue_number: n, name: label, request: { signal } });
        } catch (e) {
          // GitHub answers 404 when the pull request does not carry the label: already as wanted.
          if ((e as { status?: unknown }).status === 404 && (e as { response?: unknown }).response) return;
          throw e;
        }
      }),
  };
}

/** Open the pull requests port of one repository. */
export async function openPullRequestsClient(target: GitHubTarget, options: ClientOptions): Promise<ForgePullRequests> {
  return pullRequestsOver(await connectGitHub(target, options));
}
