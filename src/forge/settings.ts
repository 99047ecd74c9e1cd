import type { ForgeKind, ResolvedConfig } from "../config/types.js";
import { forge } from "./registry.js";

/** Publish releases on the forge, as drafts, or not at all. */
export type PublishMode = "publish" | "draft" | false;

/** How messages name the release host and the settings that steer publishing (public names users type). */
export interface HostTerms {
  /** The forge's name: "GitHub". */
  host: string;
  /** The config key of the publish mode. */
  modeKey: string;
  /** The config key naming the service whose releases take the "Latest" mark. */
  latestKey: string;
  /** The config key of the assets a draft needs before promote. */
  assetsKey: string;
  /** The bump flag that skips publishing. */
  skipFlag: string;
  /** What gives relnotes access to publish, in a hint. */
  setup: string;
}

/** The release-publishing settings in relnotes' own names. */
export interface PublishSettings {
  /** The forge releases are published on. */
  forge: ForgeKind;
  mode: PublishMode;
  /** The service whose stable releases take the "Latest" mark (service null: the single package); null: none. */
  latest: { service: string | null } | null;
  requiredAssets: string[];
  /** One API request's deadline, in seconds. */
  timeoutSeconds: number;
  terms: HostTerms;
}

/**
 * The config boundary of publishing. The public config keys (`github.release`,
 * `github.latest`, `github.requiredAssets`, `timeouts.github`) and the
 * `--no-github` flag predate the forge port and keep their names; the release
 * core reads them only through this. GitHub is the forge with a releases
 * adapter, so it is where releases go.
 */
export function publishSettings(config: ResolvedConfig): PublishSettings {
  const host = forge("github");
  return {
    forge: host.kind,
    mode: config.github.release,
    latest: config.github.latest,
    requiredAssets: config.github.requiredAssets,
    timeoutSeconds: config.timeouts.github,
    terms: {
      host: host.name,
      modeKey: "github.release",
      latestKey: "github.latest",
      assetsKey: "github.requiredAssets",
      skipFlag: "--no-github",
      setup: host.releases?.setup ?? "",
    },
  };
}

/**
 * The names release journals of format 1 (written before the forge port)
 * used for the publish step: its step kind and id prefix, and the field of
 * its mode. `bump --resume` reads such a journal through these.
 */
export const FORMAT_1_PUBLISH = { stepKind: "github", field: "github" } as const;
