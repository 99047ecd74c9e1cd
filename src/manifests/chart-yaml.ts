import { isMap, isScalar, parseDocument, type Scalar } from "yaml";
import { editBody, stripBom, type Splice } from "./text.js";
import { ManifestError, type DeclaredVersion, type ManifestChange, type ManifestUpdater } from "./types.js";

const DEFAULT_FIELDS = ["version", "appVersion"];

function scalars(body: string, fields: readonly string[], required: boolean): { field: string; node: Scalar }[] {
  const doc = parseDocument(body, { keepSourceTokens: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error)
    throw new ManifestError(`not valid YAML (${error.message.split(" at line")[0]!.toLowerCase()})`, error.pos[0]);
  if (!isMap(doc.contents)) throw new ManifestError("expected a YAML mapping", doc.contents?.range?.[0] ?? 0);
  const found: { field: string; node: Scalar }[] = [];
  for (const field of fields) {
    const node = doc.contents.get(field, true);
    if (node === undefined) {
      if (required || field === fields[0])
        throw new ManifestError(`no ${field} key: expected "${field}: …" at the top level`, 0);
      continue;
    }
    if (!isScalar(node) || !node.range || node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
      throw new ManifestError(
        `expected ${field} to be a version like 1.2.3`,
        isScalar(node) && node.range ? node.range[0] : 0,
      );
    }
    found.push({ field, node });
  }
  return found;
}

/** The span of the scalar's characters inside its quotes (quoting style is kept). */
function inner(body: string, node: Scalar): { start: number; end: number; text: string } {
  const [start, end] = node.range!;
  const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
  const span = quoted ? { start: start + 1, end: end - 1 } : { start, end };
  return { ...span, text: body.slice(span.start, span.end) };
}

/** Chart.yaml: `version` and `appVersion` by default, or the configured `fields` (all required then). */
export function chartYaml(fields: readonly string[] | null): ManifestUpdater {
  const wanted = fields ?? DEFAULT_FIELDS;
  const required = fields !== null;
  return {
    kind: "chart-yaml",
    read(text: string): DeclaredVersion {
      const body = stripBom(text).body;
      const [first] = scalars(body, wanted, required);
      const span = inner(body, first!.node);
      return { version: span.text, offset: span.start };
    },
    update(text: string, change: ManifestChange): string {
      if (change.version === null) return text;
      const version = change.version;
      return editBody(text, (body): Splice[] =>
        scalars(body, wanted, required).map(({ node }) => ({ ...inner(body, node), text: version })),
      );
    },
  };
}
