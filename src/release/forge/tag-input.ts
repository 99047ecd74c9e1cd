import { gt } from "semver";
import { existingRelease, existingReleaseContext } from "../../history/tag-release.js";
import type { RenderSession } from "../../render/render.js";
import type { ReleaseInput } from "./create-or-update.js";

export interface TagReleaseInput {
  input: ReleaseInput;
  /** A higher stable version of the service is tagged already. */
  superseded: boolean;
}

/** The forge release of an existing tag: notes rendered for its range (previous release of the service → tag). */
export async function releaseInputForTag(ctx: RenderSession, tag: string): Promise<TagReleaseInput> {
  const existing = await existingRelease(ctx, tag);
  const context = await existingReleaseContext(ctx, existing);
  const { release } = existing;
  return {
    input: {
      tag,
      version: release.version,
      service: existing.service.name,
      prerelease: release.prerelease,
      notes: ctx.renderer.notes(context),
      commit: release.ref.commit,
    },
    superseded: existing.tags.releases.some((r) => !r.prerelease && gt(r.version, release.version)),
  };
}
