// Preload (`node --import <this file>?step=<step id>[&group=1] dist/cli.js bump …`): SIGKILLs the relnotes
// process right after the release step `step` has acted, before the journal records it done — the worst
// moment to die. With group=1 the whole process group (relnotes must lead it) is killed, as a terminal's
// kill would. relnotes only publishes the step on the "relnotes:release-step-acted" diagnostics channel
// (src/release/apply.ts); the kill lives here, in the test, not in the core.
import { subscribe } from "node:diagnostics_channel";

const params = new URL(import.meta.url).searchParams;
const step = params.get("step");
if (!step) throw new Error(`kill-after.mjs: no ?step= in ${import.meta.url}`);
const group = params.get("group") === "1";

subscribe("relnotes:release-step-acted", (message) => {
  if (message.id === step) process.kill(group ? -process.pid : process.pid, "SIGKILL");
});
