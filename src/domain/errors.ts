// The one error class for expected failures; each boundary (CLI, MCP, HTTP) converts it once.

export type OkrErrorCode =
  | "invalid_input" // the caller sent something malformed: fix the call
  | "not_found" // no objective / KR / cycle matches
  | "ambiguous" // a name fragment matched several items; `candidates` lists them
  | "conflict" // the request contradicts stored state (duplicate ref, date outside cycle…)
  | "unavailable" // something outside us failed (a webhook, a model server); retrying may help
  | "internal"; // a bug or an I/O failure

export interface Candidate {
  id: string;
  ref: string;
  title: string;
}

export class OkrError extends Error {
  readonly code: OkrErrorCode;
  readonly details: readonly string[];
  readonly candidates: readonly Candidate[];

  constructor(code: OkrErrorCode, message: string, opts: { details?: readonly string[]; candidates?: readonly Candidate[]; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "OkrError";
    this.code = code;
    this.details = opts.details ?? [];
    this.candidates = opts.candidates ?? [];
  }
}

export function isOkrError(e: unknown): e is OkrError {
  return e instanceof OkrError;
}
