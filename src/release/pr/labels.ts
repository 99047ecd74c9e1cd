/**
 * The labels that mark a release pull request's state on the forge, as release-please's do, so CI can tell:
 * `relnotes pr` puts PENDING on the pull request it opens; `relnotes tag-merged` swaps it for TAGGED once the
 * merged releases are tagged. A merged pull request still PENDING is a release not tagged yet.
 */
export const PENDING_LABEL = "autorelease: pending";
export const TAGGED_LABEL = "autorelease: tagged";
