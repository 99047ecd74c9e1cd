import type * as Handlebars from "handlebars";
import { RelnotesError } from "../errors.js";
import { LocatedError } from "../source-location.js";
import { didYouMean } from "../suggest.js";

type HandlebarsEnv = ReturnType<typeof Handlebars.create>;
type Program = ReturnType<typeof Handlebars.parse>;
const BUILTIN_HELPERS = ["if", "unless", "each", "with", "lookup", "log"];
const TOKENS: Record<string, string> = {
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  CLOSE_RAW_BLOCK: '"}}}}"',
  OPEN_ENDBLOCK: '"{{/"',
  CLOSE_SEXPR: '")"',
  ID: "a name",
  EOF: "the end of the template",
  EQUALS: '"="',
};
const HINT = "fix the template; relnotes preview --context prints the data templates receive (docs/render-context.md)";

interface HandlebarsException {
  message: string;
  lineNumber?: number;
  column?: number;
}

/** Handlebars reports a syntax error's position only to its parser's parseError hook. */
function parseLocated(hb: HandlebarsEnv, source: string, name: string): Program {
  type Loc = { first_line: number; first_column: number };
  const parser = (
    hb as unknown as { Parser: { parseError: (text: string, hash: { loc?: Loc; text?: string }) => never } }
  ).Parser;
  const original = parser.parseError;
  let loc: Loc | undefined;
  let got: string | undefined;
  parser.parseError = function (this: unknown, text: string, hash: { loc?: Loc; text?: string }) {
    loc = hash?.loc;
    got = hash?.text;
    return original.call(this, text, hash);
  };
  try {
    return hb.parse(source);
  } catch (e) {
    const message = (e as Error).message;
    const expected = /Expecting (.*), got '(\w+)'/.exec(message);
    const unclosed = expected?.[2] === "EOF" && expected[1]!.includes("OPEN_ENDBLOCK");
    const detail = unclosed
      ? "a block opened here is never closed (a {{/…}} is missing)"
      : expected
        ? `expected ${[
            ...new Set(
              expected[1]!
                .replace(/'/g, "")
                .split(", ")
                .map((t) => TOKENS[t] ?? t),
            ),
          ]
            .slice(0, 3)
            .join(" or ")}, got ${got ? JSON.stringify(got) : (TOKENS[expected[2]!] ?? expected[2])}`
        : message.split("\n")[0]!;
    const text = `template syntax error: ${detail}`;
    const at = loc ?? {
      first_line: (e as HandlebarsException).lineNumber ?? 1,
      first_column: (e as HandlebarsException).column ?? 0,
    };
    throw new LocatedError(name, at.first_line, at.first_column + 1, text, source, HINT);
  } finally {
    parser.parseError = original;
  }
}

/** Names of the partials a template uses (`{{> name}}`). */
function partialsUsed(node: unknown, found: { name: string; line: number; column: number }[] = []): typeof found {
  if (Array.isArray(node)) for (const child of node) partialsUsed(child, found);
  else if (node && typeof node === "object") {
    const n = node as {
      type?: string;
      name?: { type?: string; original?: unknown };
      loc?: { start: { line: number; column: number } };
    };
    if (
      (n.type === "PartialStatement" || n.type === "PartialBlockStatement") &&
      n.name?.type === "PathExpression" &&
      n.loc
    ) {
      found.push({ name: String(n.name.original), line: n.loc.start.line, column: n.loc.start.column + 1 });
    }
    for (const [key, value] of Object.entries(node)) if (key !== "loc") partialsUsed(value, found);
  }
  return found;
}

/** An error Handlebars raised while compiling or rendering, at its line and column when it has them. */
function located(e: unknown, source: string, name: string, helpers: readonly string[]): RelnotesError {
  const { message, lineNumber, column } = e as HandlebarsException;
  const bare = message.replace(/ - \d+:\d+$/, "");
  const helper = /unknown helper (\S+)/.exec(bare);
  const missing = /^"([^"]+)" not defined in/.exec(bare);
  const text = helper
    ? `unknown helper "${helper[1]}"${didYouMean(helper[1]!, helpers)}`
    : missing
      ? `"${missing[1]}" is not defined in the data this template receives`
      : bare;
  if (lineNumber === undefined || column === undefined) return new RelnotesError(`${name}: ${text}`, HINT);
  return new LocatedError(name, lineNumber, column + 1, text, source, HINT);
}

/**
 * Compile templates in strict mode: a syntax error, an unknown helper or
 * partial is an error when the template is loaded, an undefined variable when
 * it renders; each names the template file, line and column.
 */
export function strictCompiler(hb: HandlebarsEnv, helperNames: readonly string[], partialNames: readonly string[]) {
  const helpers = [...BUILTIN_HELPERS, ...helperNames];
  const check = (source: string, name: string, options: object): string => {
    const ast = parseLocated(hb, source, name);
    for (const p of partialsUsed(ast)) {
      if (!partialNames.includes(p.name)) {
        throw new LocatedError(
          name,
          p.line,
          p.column,
          `unknown partial "${p.name}"${didYouMean(p.name, partialNames)}`,
          source,
          `declare it in templates.partials (known: ${partialNames.join(", ") || "none"})`,
        );
      }
    }
    try {
      hb.precompile(ast, { ...options });
    } catch (e) {
      throw located(e, source, name, helpers);
    }
    return source;
  };
  /** A compiled template whose errors name the template file, line and column. */
  const wrap =
    (template: (data: object) => string, source: string, name: string) =>
    (data: object): string => {
      try {
        return template(data);
      } catch (e) {
        throw located(e, source, name, helpers);
      }
    };
  return {
    check,
    located: wrap,
    compile(source: string, name: string, options: object): (data: object) => string {
      check(source, name, options);
      return wrap(hb.compile(source, { ...options }), source, name);
    },
  };
}
