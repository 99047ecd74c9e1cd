import { RelnotesError } from "../errors.js";

/** What kind of failure a forge request ended in; decides the message and whether the core may try again. */
export type ForgeFailure =
  | "timeout"
  | "auth"
  | "permission"
  | "rate-limit"
  | "not-found"
  | "already-exists"
  | "validation"
  | "server"
  | "network"
  | "other";

/** A forge API failure, translated once by the adapter into a message that says what to do. */
export class ForgeApiError extends RelnotesError {
  constructor(
    readonly failure: ForgeFailure,
    readonly status: number | null,
    message: string,
    hint: string,
  ) {
    super(message, hint);
    this.name = "ForgeApiError";
  }

  /** A failure that may pass on its own: a retry (or a re-run) can succeed. */
  get transient(): boolean {
    return this.failure === "server" || this.failure === "network";
  }
}
