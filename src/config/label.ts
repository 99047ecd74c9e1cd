/** How a service is named in messages: its name, or "the package" for a single-package repository. */
export function serviceLabel(service: string | null): string {
  return service ?? "the package";
}

/** The command-line form that selects a service with an explicit version: `api@v0.1.0` or `--version v0.1.0`. */
export function explicitVersionArgs(service: string | null, version: string): string {
  return service === null ? `--version v${version}` : `${service}@v${version}`;
}
