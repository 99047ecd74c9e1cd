import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { RelnotesError } from "../errors.js";
import { strictCompiler } from "./strict.js";
import type { ResolvedConfig } from "../config/types.js";
import type { ReleaseContext } from "./context.js";
import { helpers } from "./helpers.js";
import { escapeMarkdownLine, finishMarkdown } from "./markdown.js";
import { TEMPLATES_DIR as BUNDLED_TEMPLATES } from "../package-root.js";
import { PRECOMPILED } from "./precompiled.js";
import { HELPER_NAMES, TEMPLATE_OPTIONS } from "./template-options.js";
import { openSession, type OpenOptions, type RepoSession, type SessionIO } from "../session/session.js";

export interface Renderer {
  /** One changelog section (`## [1.3.0] - …`). */
  changelogSection(context: ReleaseContext): string;
  /** The forge release body (release notes). */
  notes(context: ReleaseContext): string;
  /** A plain-text template (tag message, commit message): nothing is escaped. */
  plain(template: string, data: object): string;
}

function readTemplate(
  root: string,
  configured: string | null,
  bundled: string,
  key: string,
): { source: string; name: string } {
  const path =
    configured === null
      ? join(BUNDLED_TEMPLATES, bundled)
      : isAbsolute(configured)
        ? configured
        : join(root, configured);
  try {
    return { source: readFileSync(path, "utf8"), name: configured ?? bundled };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what =
      code === "ENOENT"
        ? "does not exist"
        : code === "EISDIR"
          ? "is a directory"
          : `cannot be read (${code ?? (e as Error).message})`;
    throw new RelnotesError(
      `${key}: the template ${configured ?? path} ${what} (looked for ${path})`,
      "fix the path in your config (relative to the repository root), or remove the key to use the bundled template",
    );
  }
}

function markdownEscape(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "toHTML" in value && typeof (value as { toHTML: unknown }).toHTML === "function") {
    return (value as { toHTML: () => string }).toHTML();
  }
  return String(value).split(/\r?\n/).map(escapeMarkdownLine).join(" ");
}

/** Handlebars with its compiler (parser, code generator): for templates that are not precompiled. */
const loadHandlebars = () => import("handlebars");
/** Handlebars' runtime alone: enough to instantiate precompiled templates and register helpers. */
const loadRuntime = () => import("handlebars/runtime") as Promise<unknown> as ReturnType<typeof loadHandlebars>;

type HandlebarsEnv = ReturnType<typeof import("handlebars").create>;
type Spec = Parameters<HandlebarsEnv["template"]>[0];
type ProgramFn = (container: object, ...rest: unknown[]) => unknown;

/**
 * A template spec whose programs see `escape` as the container's escape
 * function. Handlebars reads the escape function from its shared utilities
 * (the same for every environment); the compiled code reads it from the
 * container it is handed, so each program gets a container that inherits
 * everything and overrides only that: nothing outside this template changes.
 */
function withEscape(spec: Spec, escapeValue: (value: unknown) => string): Spec {
  const own = new WeakSet<object>();
  const local = new WeakMap<object, object>();
  const escaping = (container: object): object => {
    if (own.has(container)) return container;
    let view = local.get(container);
    if (view === undefined) {
      view = Object.create(container, { escapeExpression: { value: escapeValue } }) as object;
      own.add(view);
      local.set(container, view);
    }
    return view;
  };
  const out: Record<string, unknown> = { ...(spec as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) {
    // Programs are "main" and numbered sub-programs; "main_d"/"1_d" are decorators, the rest flags.
    if ((key === "main" || /^\d+$/.test(key)) && typeof value === "function") {
      const program = value as ProgramFn;
      out[key] = (container: object, ...rest: unknown[]) => program(escaping(container), ...rest);
    }
  }
  return out as Spec;
}

export interface RendererOptions {
  /**
   * Whether `plain` (tag and commit message templates) will be asked for: it compiles its
   * template at run time, so it needs Handlebars' compiler. `false` for the commands that
   * render only notes and changelogs (preview, changelog, init): with only bundled, precompiled
   * templates and no partials they load Handlebars' runtime alone. Default true.
   */
  plain?: boolean;
}

/**
 * Load Handlebars (only when something is rendered), register helpers and
 * partials, and compile the configured templates. In these templates `{{x}}`
 * escapes Markdown, so commit text written by anyone renders literally.
 */
export async function createRenderer(config: ResolvedConfig, options: RendererOptions = {}): Promise<Renderer> {
  const partials: Record<string, { source: string; name: string }> = {};
  for (const [name, file] of Object.entries(config.templates.partials))
    partials[name] = readTemplate(config.root, file, "", `templates.partials.${name}`);
  const hasPartials = Object.keys(partials).length > 0;
  // Read after the partials are registered when there are any (a partial's error comes first, as it always did).
  const read = (key: string, configured: string | null, bundled: string) => {
    const template = readTemplate(config.root, configured, bundled, key);
    // A bundled template comes precompiled in dist/ (compiling costs more than the rest of a preview).
    const pre = configured === null ? PRECOMPILED[bundled] : undefined;
    const usable =
      pre !== undefined && pre.source === template.source && pre.options === JSON.stringify(TEMPLATE_OPTIONS);
    return { ...template, spec: usable ? pre.spec : null };
  };
  const sources = (): ReturnType<typeof read>[] => [
    read("templates.changelog", config.templates.changelog, "changelog.hbs"),
    read("templates.notes", config.templates.notes, "release-notes.hbs"),
  ];
  const early = hasPartials ? null : sources();
  const compiles = (options.plain ?? true) || hasPartials || early!.some((t) => t.spec === null);
  const mod = await (compiles ? loadHandlebars() : loadRuntime());
  const hb = ((mod as unknown as { default?: typeof mod }).default ?? mod).create();
  // Every template of this environment (compiled, precompiled, partials) is instantiated through hb.template:
  // `{{x}}` escapes Markdown in them, and Handlebars' shared escape function stays as it is.
  const template = hb.template.bind(hb);
  hb.template = ((spec: Spec) => template(withEscape(spec, markdownEscape))) as typeof hb.template;
  const own = helpers(hb.SafeString);
  hb.registerHelper(own);
  if (Object.keys(own).join() !== HELPER_NAMES.join())
    throw new Error("src/render/template-options.ts HELPER_NAMES must list the helpers of src/render/helpers.ts");
  const strict = strictCompiler(hb, HELPER_NAMES, Object.keys(partials));
  for (const [name, partial] of Object.entries(partials))
    hb.registerPartial(name, strict.check(partial.source, partial.name, TEMPLATE_OPTIONS));
  const [changelog, notes] = (early ?? sources()).map(({ source, name, spec }) =>
    spec !== null
      ? strict.located(hb.template(spec as Spec), source, name)
      : strict.compile(source, name, TEMPLATE_OPTIONS),
  ) as [(data: object) => string, (data: object) => string];
  return {
    changelogSection: (context) => normalizeBlankLines(changelog(context)),
    notes: (context) => normalizeBlankLines(notes(context)),
    plain: (text, data) => {
      if (options.plain === false) throw new Error("a renderer created with plain: false renders no plain text");
      return finishMarkdown(
        strict.compile(text, "template", { ...TEMPLATE_OPTIONS, preventIndent: false, noEscape: true })(data),
      );
    },
  };
}

/** Templates are easier to write with free blank lines; output has at most one in a row and ends with one newline. */
function normalizeBlankLines(text: string): string {
  return `${finishMarkdown(text)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

/** A session that renders: the commands and planners that write notes or changelogs take this. */
export interface RenderSession extends RepoSession {
  renderer: Renderer;
}

/** The session with its renderer: created by the commands that render, so a bad template breaks only them. */
export async function withRenderer(session: RepoSession, options: RendererOptions = {}): Promise<RenderSession> {
  return { ...session, renderer: await createRenderer(session.config, options) };
}

/** Open a session that renders; Handlebars loads (CPU) while git reads the repository. */
export async function openRenderSession(
  cwd: string,
  io: SessionIO,
  options: OpenOptions & RendererOptions = {},
): Promise<RenderSession> {
  // Without plain text the compiler may not be needed at all: that is known once the config is read.
  const [session] = await Promise.all([
    openSession(cwd, io, options),
    options.plain === false ? loadRuntime() : loadHandlebars(),
  ]);
  return withRenderer(session, options);
}
