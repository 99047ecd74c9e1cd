import type { ResolvedService } from "../config/types.js";
import { UsageError } from "../errors.js";
import { didYouMean } from "../suggest.js";
import type { RepoSession } from "../session/session.js";

/** Pick the services a request names, in config order; unknown names are an error listing the known ones. */
export function selectServices(ctx: RepoSession, names: readonly string[]): ResolvedService[] {
  const { services } = ctx.config;
  if (names.length === 0) return services;
  if (!ctx.config.monorepo) {
    throw new UsageError(
      `this repository has a single package, so there is no service "${names[0]}"`,
      "run the command without a service name, or configure services in the relnotes config (cliff.config.ts or .json)",
    );
  }
  const known = services.map((s) => s.name!);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown service ${unknown.map((n) => `"${n}"`).join(", ")}${didYouMean(unknown[0]!, known)}`,
      `known services: ${known.join(", ")}`,
    );
  }
  return services.filter((s) => names.includes(s.name!));
}
