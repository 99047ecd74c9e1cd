/**
 * Node arguments that make a relnotes run SIGKILL itself (or, with `group`, its whole process group)
 * right after the release step `step` (`write`, `hooks`, `commit`, `tag:<tag>`, `push-branch`,
 * `push:<tag>`, `publish:<tag>`) has acted, before it is recorded as done. See kill-after.mjs.
 */
export function killAfter(step: string, options: { group?: boolean } = {}): string[] {
  const url = new URL("./kill-after.mjs", import.meta.url);
  url.searchParams.set("step", step);
  if (options.group) url.searchParams.set("group", "1");
  return ["--import", url.href];
}
