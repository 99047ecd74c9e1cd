import { expect, test } from "vitest";
import { resolveConfig } from "../../src/config/schema.js";

const services = { api: {}, sdk: {}, web: {}, ui: {} };
const load = (extra: object) => resolveConfig({ services, ...extra }, "cliff.config.json", "/repo");

test("groups and dependents: defaults, values, and errors that name the key", () => {
  expect(load({})).toMatchObject({ groups: { fixed: [], linked: [] }, dependents: "patch" });
  expect(
    load({ groups: { fixed: [["api", "sdk"]], linked: [["web", "ui"]] }, dependents: "out-of-range" }),
  ).toMatchObject({ groups: { fixed: [["api", "sdk"]], linked: [["web", "ui"]] }, dependents: "out-of-range" });
  expect(() => load({ groups: { fixed: [["api", "nope"]] } })).toThrow(
    /groups\.fixed\[0\].*"nope" names no configured service/,
  );
  expect(() => load({ groups: { fixed: [["api", "sdk"]], linked: [["api", "ui"]] } })).toThrow(
    /groups\.linked\[0\].*"api" is already in groups\.fixed\[0\]/,
  );
  expect(() => load({ groups: { fixed: [["api"]] } })).toThrow(/at least two/);
  expect(() => load({ dependents: "all" })).toThrow(/dependents/);
});
