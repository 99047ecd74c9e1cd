import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { TEST_ENV } from "../helpers/repo.js";

export interface GitDaemon {
  url(bare: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A real `git daemon` on loopback serving (and accepting pushes to) the repositories under `base`. */
export async function startGitDaemon(base: string): Promise<GitDaemon> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "git",
    [
      "daemon",
      "--export-all",
      "--enable=receive-pack",
      `--base-path=${base}`,
      "--listen=127.0.0.1",
      `--port=${port}`,
      "--reuseaddr",
      base,
    ],
    {
      env: { ...process.env, ...TEST_ENV },
      stdio: "ignore",
    },
  );
  const url = (bare: string) => `git://127.0.0.1:${port}/${bare.slice(base.length).replace(/^\/+/, "")}`;
  return {
    url: (bare) => {
      // Wait until the daemon answers for this repository.
      for (let i = 0; i < 100; i++) {
        if (
          spawnSync("git", ["ls-remote", url(bare)], { env: { ...process.env, ...TEST_ENV }, stdio: "ignore" })
            .status === 0
        )
          break;
        spawnSync("sleep", ["0.05"]);
      }
      return url(bare);
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
