// Posts a message to a Slack-style incoming webhook ({"text": …}), retrying what may pass later.

import { OkrError } from "../domain/errors.js";
import { count } from "../domain/wording.js";
import { networkReason } from "./net-error.js";

export interface PostOptions {
  attempts?: number;
  /** Wait before retry n (ms); the last value repeats. */
  backoffMs?: number[];
}

export async function postWebhook(url: string, text: string, o: PostOptions = {}): Promise<{ attempts: number }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OkrError("invalid_input", `--post-to "${url}" is not a URL: give the webhook's full https:// address.`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new OkrError("invalid_input", `--post-to must be an http(s) URL, not ${parsed.protocol}`);
  const attempts = o.attempts ?? 3;
  const backoff = o.backoffMs ?? [300, 1000];
  let last = "";
  for (let i = 1; i <= attempts; i++) {
    try {
      const res = await fetch(parsed, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }), signal: AbortSignal.timeout(10_000) });
      if (res.ok) return { attempts: i };
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 200)}`.trim();
      // A 4xx other than 429 will not pass on retry: the URL or the payload is wrong.
      if (res.status >= 400 && res.status < 500 && res.status !== 429)
        throw new OkrError("invalid_input", `The webhook at ${parsed.host} refused the message (${last}). Check the URL.`);
    } catch (e) {
      if (e instanceof OkrError) throw e;
      last = networkReason(e) ?? (e as Error).message;
    }
    if (i < attempts) await new Promise((r) => setTimeout(r, backoff[Math.min(i - 1, backoff.length - 1)]));
  }
  // Not our bug and not the caller's input: the receiving end is down or unreachable (exit code 3).
  throw new OkrError(
    "unavailable",
    `Could not post to ${parsed.host} after ${count(attempts, "attempt")} (last: ${last}). Nothing was sent; check the --post-to URL, or try again later.`,
  );
}
