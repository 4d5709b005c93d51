// Request guards for the HTTP server: DNS-rebinding (Host/Origin) checks (access: session.ts).

import type { MiddlewareHandler } from "hono";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The hostname of a Host header value ("localhost:8787" → "localhost", "[::1]:80" → "[::1]"). */
function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0]!;
}

/**
 * Against DNS rebinding: a page on evil.example that resolves its name to 127.0.0.1 sends
 * `Host: evil.example`; a browser page elsewhere sends its own `Origin`. When the server listens
 * on loopback only loopback names are accepted; on another address, that address too (the token,
 * required there, does the rest).
 */
export function hostGuard(bindHost: string): MiddlewareHandler {
  const allowed = new Set([...LOOPBACK_NAMES, bindHost.toLowerCase()]);
  const hostOk = (name: string) => allowed.has(name) || isLoopback(name) || !isLoopback(bindHost);
  return async (c, next) => {
    // The Node adapter builds the request URL from the Host header; app.request() from its URL.
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (host && !hostOk(hostnameOf(host))) return c.json({ error: `Host ${host} is not allowed: connect to http://127.0.0.1 or http://localhost.` }, 403);
    const origin = c.req.header("origin");
    if (origin) {
      let name: string;
      try {
        name = new URL(origin).hostname.toLowerCase();
      } catch {
        return c.json({ error: `Origin ${origin} is not a valid origin.` }, 403);
      }
      const bracketed = name.includes(":") && !name.startsWith("[") ? `[${name}]` : name;
      if (!allowed.has(name) && !allowed.has(bracketed) && !isLoopback(name)) return c.json({ error: `Origin ${origin} is not allowed.` }, 403);
      // A change must come from this server's own pages: a page on another port of the same machine
      // is another site, and could sign a person in here with someone else's token (login CSRF).
      if (!SAFE_METHODS.has(c.req.method) && host && new URL(origin).host.toLowerCase() !== host.trim().toLowerCase())
        return c.json({ error: `Origin ${origin} is not this server (${host}): requests that change something must come from its own pages.` }, 403);
    }
    await next();
  };
}
