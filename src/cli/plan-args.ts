import { UsageError } from "../errors.js";
import type { BumpLevel } from "../config/types.js";
import type { PlanRequest } from "../plan/build.js";
import { normalizeUserVersion } from "../tags/semver-strict.js";
import type { OptionSpec } from "./args.js";

/** Flags shared by `preview` and `bump` that choose versions. */
export const PLAN_OPTIONS = {
  bump: { type: "string" },
  auto: { type: "boolean" },
  version: { type: "string" },
  rc: { type: "boolean" },
  pre: { type: "string" },
} as const satisfies OptionSpec;

export const PLAN_OPTIONS_HELP = `  --bump <level>      major, minor or patch instead of the level the commits ask for
  --auto              the level the commits ask for, even when bump.default is a fixed level
  --rc                next release candidate: X.Y.Z-rc.N (same as --pre rc)
  --pre <label>       next pre-release with this label: X.Y.Z-<label>.N
  --version <vX.Y.Z>  this exact version for every named service (not with --bump/--auto/--rc/--pre)
  <service>@<vX.Y.Z>  this exact version for one service`;

interface PlanFlags {
  bump?: string;
  auto?: boolean;
  version?: string;
  rc?: boolean;
  pre?: string;
}

function userVersion(text: string, where: string): string {
  const v = normalizeUserVersion(text);
  if (v === null)
    throw new UsageError(`${where}: "${text}" is not a SemVer 2.0.0 version`, "write it like v1.2.3 or v1.3.0-rc.1");
  return v;
}

/** Turn positionals and version flags into a plan request; conflicting flags are a usage error. */
export function planRequestFrom(positionals: string[], flags: PlanFlags): PlanRequest {
  if (flags.version !== undefined && (flags.bump !== undefined || flags.rc || flags.pre !== undefined)) {
    throw new UsageError("--version pins an exact version and cannot be combined with --bump, --rc or --pre");
  }
  if (flags.auto && flags.bump !== undefined)
    throw new UsageError(
      "--auto takes the level from the commits and cannot be combined with --bump",
      "pass one of them: --auto, or --bump major|minor|patch",
    );
  if (flags.auto && flags.version !== undefined)
    throw new UsageError(
      "--auto takes the level from the commits and cannot be combined with --version",
      "pass one of them: --auto, or --version vX.Y.Z",
    );
  if (flags.rc && flags.pre !== undefined && flags.pre !== "rc")
    throw new UsageError("--rc means --pre rc; pass only one of them");
  if (flags.bump !== undefined && !["major", "minor", "patch"].includes(flags.bump)) {
    throw new UsageError(`--bump must be major, minor or patch, not "${flags.bump}"`);
  }
  const preLabel = flags.rc ? "rc" : flags.pre;
  if (preLabel !== undefined && !/^[0-9A-Za-z-]+$/.test(preLabel))
    throw new UsageError(`--pre: "${preLabel}" is not a SemVer pre-release label (letters, digits, '-')`);
  if (preLabel !== undefined && /^\d+$/.test(preLabel))
    throw new UsageError(`--pre: the label must not be only digits ("${preLabel}")`);
  const services: string[] = [];
  const versions = new Map<string, string>();
  for (const arg of positionals) {
    const at = arg.indexOf("@");
    if (at === -1) {
      services.push(arg);
      continue;
    }
    const name = arg.slice(0, at);
    if (!name) throw new UsageError(`"${arg}": expected <service>@<version>, e.g. api@v1.2.3`);
    if (flags.bump !== undefined || flags.auto || flags.rc || flags.pre !== undefined || flags.version !== undefined) {
      throw new UsageError(
        `${arg} pins an exact version and cannot be combined with --bump, --auto, --rc, --pre or --version`,
      );
    }
    versions.set(name, userVersion(arg.slice(at + 1), arg));
    services.push(name);
  }
  if (new Set(services).size !== services.length) throw new UsageError("a service is named more than once");
  return {
    services,
    versions,
    explicit: flags.version !== undefined ? userVersion(flags.version, "--version") : undefined,
    level: flags.bump as BumpLevel | undefined,
    auto: flags.auto ?? false,
    preLabel,
  };
}
