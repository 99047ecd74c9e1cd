import { posix } from "node:path";
import type { WorkingFiles } from "../files/working-files.js";
import { ManifestError, ManifestFileError } from "./types.js";

/** The files a release of one package reaches beyond the manifest itself. */
export interface Workspace {
  /** Manifest of every package of the workspace (root included), repository-relative. */
  manifests: string[];
  /** Lockfiles at the workspace root that exist. */
  locks: string[];
}

/** Read and interpret a file, turning a ManifestError into one that names the file. */
export function readFacts<T>(files: WorkingFiles, path: string, interpret: (text: string) => T): T | null {
  const text = files.read(path);
  if (text === null) return null;
  try {
    return interpret(text);
  } catch (e) {
    if (e instanceof ManifestError) throw new ManifestFileError(path, text, e);
    throw e;
  }
}

/** Directories from `dir` up to the repository root: `a/b`, `a`, `.`. */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = posix.normalize(dir); ; d = posix.dirname(d)) {
    out.push(d);
    if (d === "." || d === "/" || d === "") return out;
  }
}

export function existing(files: WorkingFiles, paths: string[]): string[] {
  return paths.filter((p) => files.read(p) !== null);
}
