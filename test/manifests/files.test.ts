import { describe, expect, test } from "vitest";
import { chartYaml } from "../../src/manifests/chart-yaml.js";
import { patternFile } from "../../src/manifests/pattern.js";
import { pyprojectToml } from "../../src/manifests/pyproject-toml.js";
import { versionFile } from "../../src/manifests/version-file.js";
import { manifestError } from "./manifest-error.js";

const to = (version: string) => ({ version, released: new Map<string, string>() });

describe("pyproject-toml", () => {
  test("Poetry 2 files with both [project] and [tool.poetry] versions get both", () => {
    const text = '[project]\nname = "x"\nversion = "1.0.0"\n\n[tool.poetry]\nversion = "1.0.0" # mirrored\n';
    expect(pyprojectToml.update(text, to("1.1.0"))).toBe(text.replaceAll("1.0.0", "1.1.0"));
  });

  test("a dynamic version names the problem and where", () => {
    const text = '[project]\nname = "x"\ndynamic = ["version"]\n';
    const e = manifestError(() => pyprojectToml.read(text));
    expect(e.message).toContain('the version is dynamic ([project] dynamic contains "version")');
    expect(e.offset).toBe(text.indexOf('["version"]'));
  });

  test("no version at all", () => {
    expect(manifestError(() => pyprojectToml.read('[project]\nname = "x"\n')).message).toBe(
      'no version key: expected version = "…" in [project] or [tool.poetry]',
    );
  });
});

describe("chart-yaml", () => {
  test("plain, single- and double-quoted scalars keep their style and trailing comments", () => {
    const text = "apiVersion: v2\nversion: 0.1.0 # chart\nappVersion: '0.1.0'\nname: x\n";
    expect(chartYaml(null).update(text, to("0.2.0"))).toBe(
      "apiVersion: v2\nversion: 0.2.0 # chart\nappVersion: '0.2.0'\nname: x\n",
    );
  });

  test("appVersion is optional by default, required when configured", () => {
    const text = "apiVersion: v2\nname: x\nversion: 1.0.0\n";
    expect(chartYaml(null).update(text, to("1.1.0"))).toBe(text.replace("1.0.0", "1.1.0"));
    expect(manifestError(() => chartYaml(["appVersion"]).read(text)).message).toBe(
      'no appVersion key: expected "appVersion: …" at the top level',
    );
  });

  test("reads the first configured field", () => {
    const text = 'version: 3.0.0\nappVersion: "1.4.2"\n';
    expect(chartYaml(["appVersion"]).read(text)).toEqual({ version: "1.4.2", offset: text.indexOf("1.4.2") });
  });

  test("invalid YAML reports its offset", () => {
    const e = manifestError(() => chartYaml(null).read("version: [1.0.0\nname: x\n"));
    expect(e.message).toMatch(/^not valid YAML/);
  });
});

describe("version-file and pattern", () => {
  test("a VERSION file keeps its v prefix and whitespace", () => {
    expect(versionFile.update("v1.0.0\n", to("1.1.0"))).toBe("v1.1.0\n");
    expect(versionFile.update("1.0.0", to("1.1.0"))).toBe("1.1.0");
    expect(manifestError(() => versionFile.read("\n")).message).toBe(
      "expected the file to hold only a version like 1.2.3",
    );
  });

  test("a pattern replaces only its version group, first match only", () => {
    const text = 'const A = "x";\nexport const VERSION = "1.0.0";\nexport const OTHER_VERSION = "1.0.0";\n';
    const updater = patternFile('^export const VERSION = "(?<version>[^"]+)"');
    expect(updater.update(text, to("2.0.0"))).toBe(text.replace('VERSION = "1.0.0"', 'VERSION = "2.0.0"'));
    expect(updater.read(text)).toEqual({ version: "1.0.0", offset: text.indexOf("1.0.0") });
  });

  test("a pattern that does not match says so", () => {
    expect(manifestError(() => patternFile("version=(?<version>\\S+)").read("nothing here\n")).message).toBe(
      "no match for the pattern /version=(?<version>\\S+)/: expected text it matches, with a (?<version>…) group",
    );
  });
});
