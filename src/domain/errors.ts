// The one error class for expected failures; each boundary (CLI, MCP, HTTP) converts it once.

export type OkrErrorCode =
  | "invalid_input" // the caller sent something malformed: fix the call
  | "not_found" // no objective / KR / cycle matches
  | "ambiguous" // a name fragment matched several items; `candidates` lists them
  | "conflict" // the request contradicts stored state (duplicate ref, date outside cycle…)
  | "forbidden" // the caller's role or teams do not allow this write
  | "unavailable" // something outside us failed (a webhook, a model server); retrying may help
  | "internal"; // a bug or an I/O failure

export interface Candidate {
  id: string;
  ref: string;
  title: string;
}

/** Who reads an error: a person at the `okr` command, or an MCP client (an agent, Claude Desktop…). */
export type Audience = "cli" | "mcp";

export class OkrError extends Error {
  readonly code: OkrErrorCode;
  readonly details: readonly string[];
  /** For `ambiguous`, every match; for `not_found`, the closest items, if any are close. */
  readonly candidates: readonly Candidate[];
  /** What to do next, per audience: "run `okr tree`" helps a person at a terminal and misleads a
   *  tool caller, which should call list_okrs instead. The message itself suits both. */
  readonly hint: Readonly<Partial<Record<Audience, string>>>;

  constructor(
    code: OkrErrorCode,
    message: string,
    opts: { details?: readonly string[]; candidates?: readonly Candidate[]; hint?: Partial<Record<Audience, string>>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "OkrError";
    this.code = code;
    this.details = opts.details ?? [];
    this.candidates = opts.candidates ?? [];
    this.hint = opts.hint ?? {};
  }

  /** The message with the hint for one audience, as that boundary shows it. */
  messageFor(audience: Audience): string {
    const hint = this.hint[audience];
    return hint ? `${this.message} ${hint}` : this.message;
  }
}

/** The error for input that breaks a rule, saying which and how to fix it. */
export const invalidInput = (message: string): OkrError => new OkrError("invalid_input", message);

export function isOkrError(e: unknown): e is OkrError {
  return e instanceof OkrError;
}
