import { describe, expect, test } from "vitest";
import { cargoLock } from "../../src/manifests/cargo-lock.js";
import { cargoToml } from "../../src/manifests/cargo-toml.js";
import { manifestError } from "./manifest-error.js";

const released = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

describe("cargo-toml", () => {
  test("only path dependencies on released crates move; a registry dependency of the same name and other tables stay", () => {
    const text = [
      "[package]",
      'name = "app"',
      'version = "2.0.0"',
      "",
      "[dependencies]",
      'serde = "1.0.0"',
      'acme-util = { version = "0.3.1", registry = "internal" }',
      "",
      "[target.'cfg(windows)'.dev-dependencies.acme-util]",
      'path = "../util"',
      'version = "^0.3.1"',
      "",
      "[features]",
      'default = ["acme-util"]',
      "",
      "[package.metadata.release]",
      'version = "0.3.1"',
      "",
    ].join("\n");
    const out = cargoToml.update(text, { version: null, released: released({ "acme-util": "0.4.0", serde: "9.9.9" }) });
    expect(out).toBe(text.replace('version = "^0.3.1"', 'version = "^0.4.0"'));
  });

  test("a bounded requirement moves only when the release leaves it, keeping its width; an upper bound alone left behind is an error", () => {
    const text = '[dependencies]\nacme-util = { path = "../util", version = ">=0.3, <0.5" }\n';
    expect(cargoToml.update(text, { version: null, released: released({ "acme-util": "0.4.2" }) })).toBe(text);
    expect(cargoToml.update(text, { version: null, released: released({ "acme-util": "0.6.0" }) })).toBe(
      text.replace(">=0.3, <0.5", ">=0.6, <0.8"),
    );
    const upper = '[dependencies]\nacme-util = { path = "../util", version = "<0.5" }\n';
    const e = manifestError(() =>
      cargoToml.update(upper, { version: null, released: released({ "acme-util": "0.6.0" }) }),
    );
    expect(e.message).toContain('"<0.5" does not admit the released version 0.6.0');
    expect(e.offset).toBe(upper.indexOf("<0.5"));
  });

  test("requirements keep their precision; with onlyOutOfRange an admitting one stays", () => {
    const text = '[dependencies]\nacme-util = { path = "../util", version = "0.3" }\n';
    expect(cargoToml.update(text, { version: null, released: released({ "acme-util": "0.3.4" }) })).toBe(text);
    expect(cargoToml.update(text, { version: null, released: released({ "acme-util": "0.4.0" }) })).toBe(
      text.replace('"0.3"', '"0.4"'),
    );
    expect(
      cargoToml.update(text, { version: null, released: released({ "acme-util": "0.3.4" }), onlyOutOfRange: true }),
    ).toBe(text);
  });

  test("reads [package] version, falling back to [workspace.package]", () => {
    expect(cargoToml.read('[package]\nname = "a"\nversion = "1.2.3"\n')).toEqual({ version: "1.2.3", offset: 32 });
    expect(cargoToml.read('[workspace]\nmembers = []\n[workspace.package]\nversion = "4.0.0"\n')!.version).toBe(
      "4.0.0",
    );
  });

  test("a member that inherits its version points at the workspace root", () => {
    const e = manifestError(() => cargoToml.read('[package]\nname = "a"\nversion.workspace = true\n'));
    expect(e.message).toContain("version.workspace = true");
    expect(e.message).toContain("[workspace.package]");
    expect(e.offset).toBe('[package]\nname = "a"\nversion.workspace = '.length);
  });

  test("no version key, a non-string version and an escaped version are errors", () => {
    expect(
      manifestError(() => cargoToml.update('[package]\nname = "a"\n', { version: "1.0.0", released: new Map() }))
        .message,
    ).toMatch(/^no version key: expected version = "…" in \[package\]/);
    expect(manifestError(() => cargoToml.read("[package]\nversion = 1\n")).message).toContain(
      'one-line string like "1.2.3"',
    );
    expect(manifestError(() => cargoToml.read('[package]\nversion = "1\\u002e0.0"\n')).message).toContain(
      "without escape sequences",
    );
  });

  test("a syntax error reports its offset", () => {
    const e = manifestError(() => cargoToml.read('[package]\nname = "a"\nversion = \n'));
    expect(e.message).toMatch(/^not valid TOML/);
    expect(e.offset).toBeGreaterThanOrEqual('[package]\nname = "a"\n'.length);
  });
});

describe("cargo-lock", () => {
  const lock = [
    "version = 4",
    "",
    "[[package]]",
    'name = "acme-util"',
    'version = "0.3.1"',
    "",
    "[[package]]",
    'name = "acme-util"',
    'version = "0.2.0"',
    'source = "registry+https://github.com/rust-lang/crates.io-index"',
    'checksum = "0000000000000000000000000000000000000000000000000000000000000000"',
    "",
    "[[package]]",
    'name = "app"',
    'version = "1.0.0"',
    "dependencies = [",
    ' "acme-util 0.2.0",',
    ' "acme-util 0.3.1",',
    "]",
    "",
  ].join("\n");

  test("moves the workspace entry and its name-version references; the registry entry stays", () => {
    const out = cargoLock.update(lock, { version: "9.9.9", released: released({ "acme-util": "0.4.0" }) });
    expect(out).toBe(
      lock
        .replace('name = "acme-util"\nversion = "0.3.1"', 'name = "acme-util"\nversion = "0.4.0"')
        .replace('"acme-util 0.3.1"', '"acme-util 0.4.0"'),
    );
  });

  test("declares no version of its own", () => {
    expect(cargoLock.read(lock)).toBeNull();
  });
});
