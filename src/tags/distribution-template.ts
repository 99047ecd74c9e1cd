/** The variables a distribution tag template may use. */
export const TEMPLATE_VARIABLES = [
  "version",
  "major",
  "minor",
  "patch",
  "prerelease",
  "sha",
  "shortSha",
  "date",
  "service",
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** The three lists of `distribution.tags`: what a stable release, a pre-release and a main-branch build publish. */
export type BuildKind = "stable" | "prerelease" | "main";

type Part = { text: string } | { variable: TemplateVariable };

/** A parsed tag template such as `{major}.{minor}` or `sha-{shortSha}`. */
export interface TagTemplate {
  source: string;
  parts: Part[];
  variables: Set<TemplateVariable>;
  /**
   * Names one build only (`{version}`, `{sha}`, `{shortSha}`): it never moves,
   * so the forward-only rule does not apply to it. Every other template is a
   * moving alias (`{major}.{minor}`, `latest`, `edge`).
   */
  pinned: boolean;
}

export type TemplateValues = Record<TemplateVariable, string>;

const LITERAL = /^[A-Za-z0-9_.-]*$/;
const VERSION_VARIABLES: readonly TemplateVariable[] = ["version", "major", "minor", "patch", "prerelease"];

/** Parse a template; throws an Error whose message says what is wrong (the caller names the key). */
export function parseTemplate(source: string): TagTemplate {
  const parts: Part[] = [];
  const variables = new Set<TemplateVariable>();
  const re = /\{([^{}]*)\}/g;
  let at = 0;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    literal(source.slice(at, m.index), source);
    const name = m[1]!;
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
      throw new Error(
        `unknown variable {${name}} in "${source}"; known: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(", ")}`,
      );
    }
    parts.push({ variable: name as TemplateVariable });
    variables.add(name as TemplateVariable);
    at = m.index + m[0].length;
  }
  literal(source.slice(at), source);
  function literal(text: string, whole: string): void {
    if (text.includes("{") || text.includes("}"))
      throw new Error(`unbalanced brace in "${whole}"; variables are written {name}`);
    if (!LITERAL.test(text))
      throw new Error(`"${whole}" has characters an image tag cannot hold; use letters, digits, '_', '.' and '-'`);
    if (text) parts.push({ text });
  }
  if (parts.length === 0) throw new Error("expected a non-empty template");
  const first = parts[0]!;
  if ("text" in first && /^[.-]/.test(first.text))
    throw new Error(`"${source}" starts with '${first.text[0]}'; an image tag starts with a letter, digit or '_'`);
  const pinned = variables.has("version") || variables.has("sha") || variables.has("shortSha");
  return { source, parts, variables, pinned };
}

/** Why a template cannot be used in the list for `kind`, or null when it can. */
export function templateProblem(t: TagTemplate, kind: BuildKind, monorepo: boolean): string | null {
  if (kind === "main") {
    const used = VERSION_VARIABLES.filter((v) => t.variables.has(v));
    if (used.length > 0)
      return (
        `"${t.source}": a main-branch build has no version, so {${used[0]}} cannot be used; use {sha}, ` +
        "{shortSha}, {date}, {service}"
      );
  }
  if (kind === "stable" && t.variables.has("prerelease"))
    return `"${t.source}": a stable version has no pre-release part, so {prerelease} would be empty`;
  if (kind !== "stable" && t.variables.size === 0 && t.source === "latest")
    return (
      `"latest" only moves with stable releases, never with a ` +
      `${kind === "main" ? "main-branch build" : "pre-release"}`
    );
  if (!monorepo && t.variables.has("service"))
    return `"${t.source}": {service} needs services; this repository has a single package`;
  return null;
}

/** A moving alias that names only the major version (`{major}`, `v{major}`): not published below 1.0.0. */
export function isMajorOnly(t: TagTemplate): boolean {
  return t.variables.has("major") && !VERSION_VARIABLES.some((v) => v !== "major" && t.variables.has(v));
}

/** Substitute the values; the result is checked against the OCI tag length limit by the caller. */
export function renderTemplate(t: TagTemplate, values: TemplateValues): string {
  return t.parts.map((p) => ("text" in p ? p.text : values[p.variable])).join("");
}
