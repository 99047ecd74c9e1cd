import { describe, expect, test } from "vitest";
import { cargoRequirement, npmRange } from "../../src/manifests/requirements.js";

describe("npm ranges keep their prefix", () => {
  test.each([
    ["^1.4.0", "^1.5.0"],
    ["~1.4.0", "~1.5.0"],
    [">=1.4.0", ">=1.5.0"],
    ["=1.4.0", "=1.5.0"],
    ["1.4.0", "1.5.0"],
    ["v1.4.0", "v1.5.0"],
    ["^1.4.0-rc.1", "^1.5.0"],
  ])("%s → %s", (range, moved) => expect(npmRange(range, "1.5.0")).toBe(moved));

  test.each(["workspace:*", "workspace:^1.4.0", "file:../lib", "link:../lib", "*", "1.x", "<2.0.0", ">=1.0.0 <2.0.0", "^1.0.0 || ^2.0.0", "npm:@acme/lib@1.4.0", "latest"])(
    "%s is left alone",
    (range) => expect(npmRange(range, "1.5.0")).toBeNull(),
  );
});

describe("Cargo requirements keep their operator", () => {
  test.each([
    ["^0.3.1", "^0.4.0"],
    ["=0.3.1", "=0.4.0"],
    ["~0.3.1", "~0.4.0"],
    [">=0.3.1", ">=0.4.0"],
    ["0.3.1", "0.4.0"],
    ["0.3", "0.4.0"],
    ["= 0.3.1", "= 0.4.0"],
  ])("%s → %s", (req, moved) => expect(cargoRequirement(req, "0.4.0")).toBe(moved));

  test.each(["<0.4", "<=0.3.9", ">=0.3, <0.5", "*", "0.3.*"])("%s is left alone", (req) => expect(cargoRequirement(req, "0.4.0")).toBeNull());
});
