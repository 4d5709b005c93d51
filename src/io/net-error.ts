// What went wrong with a request to another machine, in words: fetch() only says "fetch failed" and
// keeps the reason (ECONNREFUSED, ENOTFOUND…) in its cause.

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused: nothing is listening there",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be looked up",
  ETIMEDOUT: "no answer, timed out",
  UND_ERR_CONNECT_TIMEOUT: "no answer, timed out",
  ECONNRESET: "the connection was reset",
  UND_ERR_SOCKET: "the connection broke",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is not trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate is not trusted",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
};

type ErrorLike = { name?: string; message?: string; code?: unknown; cause?: unknown; errors?: unknown[]; lastError?: unknown };

/** The reason a request never got an HTTP answer ("connection refused: …"), or null when `e` is not
 *  such a failure (an HTTP error status, a bug). */
export function networkReason(e: unknown): string | null {
  let x = e as ErrorLike | undefined;
  for (let depth = 0; x && typeof x === "object" && depth < 5; depth++) {
    if (x.name === "TimeoutError") return "no answer in time";
    // Several addresses for one name (localhost: ::1 and 127.0.0.1) fail as one AggregateError.
    const code = x.code ?? (x.errors?.[0] as ErrorLike | undefined)?.code;
    if (typeof code === "string") return REASONS[code] ?? code;
    if (x.message === "bad port") return "that port is one browsers and fetch refuse to use";
    // The AI SDK gives up after retries with a RetryError whose lastError holds the failed call.
    x = (x.cause ?? x.lastError) as ErrorLike | undefined;
  }
  return e instanceof TypeError && e.message === "fetch failed" ? "the request failed" : null;
}
