import { describe, expect, test } from "vitest";
import { cargoRequirement, npmRange, RequirementError } from "../../src/manifests/requirements.js";

describe("npm ranges keep their operator and precision", () => {
  test.each([
    ["^1.4.0", "^1.5.0"],
    ["~1.4.0", "~1.5.0"],
    [">=1.4.0", ">=1.5.0"],
    ["=1.4.0", "=1.5.0"],
    ["1.4.0", "1.5.0"],
    ["v1.4.0", "v1.5.0"],
    ["^1.4.0-rc.1", "^1.5.0"],
    ["^1.4", "^1.5"],
    ["~1.4", "~1.5"],
    ["1.4.x", "1.5.x"],
    ["1.x", "1.x"],
    ["workspace:^1.4.0", "workspace:^1.5.0"],
    ["workspace:~1.4", "workspace:~1.5"],
  ])("%s → %s", (range, moved) => expect(npmRange(range, "1.5.0")).toBe(moved));

  test.each([
    [">=1.0.0 <2.0.0", "1.5.0", null],
    [">=1.0.0 <2.0.0", "2.1.0", ">=2.1.0 <3.0.0"],
    [">= 1.2 < 1.4", "1.4.0", ">= 1.4 < 1.6"],
    ["^1.4", "2.0.0-rc.1", "^2.0.0-rc.1"],
  ])("compound %s with %s → %s", (range, version, moved) => expect(npmRange(range, version)).toBe(moved));

  test.each([
    "workspace:*",
    "workspace:^",
    "workspace:~",
    "file:../lib",
    "link:../lib",
    "*",
    "<2.0.0",
    ">=1.0.0 <2.0.0",
    "^1.0.0 || ^2.0.0",
    "npm:@acme/lib@1.4.0",
    "latest",
  ])("%s is left alone while it admits the version", (range) => expect(npmRange(range, "1.5.0")).toBeNull());

  test("only out-of-range: a range that still admits the version stays", () => {
    expect(npmRange("^1.4.0", "1.5.0", { onlyOutOfRange: true })).toBeNull();
    expect(npmRange("^1.4.0", "2.0.0", { onlyOutOfRange: true })).toBe("^2.0.0");
    expect(npmRange("~1.4", "1.5.0", { onlyOutOfRange: true })).toBe("~1.5");
  });

  test.each(["<2.0.0", "^1.0.0 || ^1.5.0"])(
    "%s left behind by 2.0.0 cannot be moved: an error, not a silent skip",
    (range) => {
      expect(() => npmRange(range, "2.0.0")).toThrow(RequirementError);
    },
  );
});

describe("Cargo requirements keep their operator and precision", () => {
  test.each([
    ["^0.3.1", "^0.4.0"],
    ["=0.3.1", "=0.4.0"],
    ["~0.3.1", "~0.4.0"],
    [">=0.3.1", ">=0.4.0"],
    ["0.3.1", "0.4.0"],
    ["0.3", "0.4"],
    ["0", "0"],
    ["~0.3", "~0.4"],
    ["= 0.3.1", "= 0.4.0"],
    ["0.3.*", "0.4.*"],
    [">=0.3, <0.4", ">=0.4, <0.5"],
    [">=0, <1", null],
  ])("%s → %s", (req, moved) => expect(cargoRequirement(req, "0.4.0")).toBe(moved));

  test("1.2 → 1.3 and ~1.2.0 → ~1.3.0", () => {
    expect(cargoRequirement("1.2", "1.3.0")).toBe("1.3");
    expect(cargoRequirement("~1.2.0", "1.3.0")).toBe("~1.3.0");
    expect(cargoRequirement(">=1, <2", "1.3.0")).toBeNull();
    expect(cargoRequirement(">=1, <2", "2.0.0")).toBe(">=2, <3");
    expect(cargoRequirement("1.2", "1.3.0", { onlyOutOfRange: true })).toBeNull();
    expect(cargoRequirement("1.2", "2.0.0", { onlyOutOfRange: true })).toBe("2.0");
  });

  test.each(["<=0.5", ">=0.3, <0.5", "*"])("%s is left alone while it admits the version", (req) =>
    expect(cargoRequirement(req, "0.4.0")).toBeNull(),
  );
  test.each(["<0.4", "<=0.3.9"])("%s left behind cannot be moved: an error", (req) =>
    expect(() => cargoRequirement(req, "0.4.0")).toThrow(RequirementError),
  );
});
