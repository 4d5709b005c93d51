// Who is calling over HTTP. Sign-in is needed once OKR_HTTP_TOKEN is set (one admin token, for
// one-person setups) or anyone has a personal token (okr users add): programs (MCP clients, scripts)
// send a token as a bearer header; people sign in once at /login and get a session cookie
// (HttpOnly, SameSite=Strict). A session says whose it is and is signed with a key derived from that
// person's token (its stored hash for a user, the token itself for OKR_HTTP_TOKEN), so every server
// on the workspace accepts it, and a new token or a removed user ends it. A request authenticated by
// the cookie that changes state must also carry the CSRF token (X-CSRF-Token: the value of the
// readable okr_csrf cookie, itself derived from the session), so another site cannot write through
// a signed-in browser even where SameSite is not honoured. The Host/Origin guard runs before this.
// With neither, on loopback, the caller is the person at this machine, as an admin.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from "hono/cookie";
import type { Actor } from "../domain/access.js";
import type { Surface } from "../domain/types.js";
import type { OkrService } from "../service/okr-service.js";
import { TOKEN_PREFIX } from "../service/users.js";

export const SESSION_COOKIE = "okr_session";
export const CSRF_COOKIE = "okr_csrf";
export const CSRF_HEADER = "x-csrf-token";
const SESSION_SECONDS = 7 * 24 * 3600;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** A session's owner when it is OKR_HTTP_TOKEN's (sessions from before users had no owner: the same). */
const ADMIN_SESSION = "admin";

/** A caller, before the route says which surface they came through. */
export type Caller = Omit<Actor, "surface">;

/** The request's caller as an actor of `surface` (set by the access guard). */
export function actorOf(c: Context, surface: Surface): Actor {
  const caller = c.get("caller" as never) as Caller | undefined;
  if (!caller) throw new Error("actorOf: no access guard ran for this route");
  return { ...caller, surface };
}
// Untyped on purpose: the routes' Hono apps are typed without variables, and this is the one place
// that sets it (actorOf the one that reads it).
const setCaller = (c: Context, caller: Caller) => c.set("caller" as never, caller as never);

const sessionKey = (secret: string) => createHmac("sha256", "okr-session-v1").update(secret).digest();
type SessionKey = ReturnType<typeof sessionKey>;
const csrfFor = (key: SessionKey, session: string) => createHmac("sha256", key).update(`csrf:${session}`).digest("base64url");

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A page request from a browser (which can be sent to the sign-in page), not an API call. */
const wantsPage = (c: Context) => c.req.method === "GET" && (c.req.header("accept") ?? "").includes("text/html");

export interface AccessOptions {
  /** OKR_HTTP_TOKEN: one token that acts as an admin. */
  token: string | null;
  service: OkrService;
  /** The name of the person at this machine: the caller when no sign-in is needed. */
  author: string;
}

/** Who a token belongs to, and the key their sessions are signed with. */
interface Holder {
  caller: Caller;
  owner: string;
  key: SessionKey;
}

class Access {
  private readonly adminKey: SessionKey | null;
  private readonly admin: Caller = { name: "OKR_HTTP_TOKEN", role: "admin", teams: [], identified: false };
  readonly open: Caller;

  constructor(private readonly o: AccessOptions) {
    this.adminKey = o.token ? sessionKey(o.token) : null;
    this.open = { name: o.author, role: "admin", teams: [], identified: false };
  }

  /** Whether callers must show a token: re-read per request, as users are added while a server runs. */
  async required(): Promise<boolean> {
    return this.o.token !== null || (await this.o.service.hasUsers());
  }

  async byToken(given: string): Promise<Holder | null> {
    if (this.o.token && this.adminKey && sameText(given, this.o.token)) return { caller: this.admin, owner: ADMIN_SESSION, key: this.adminKey };
    if (!given.startsWith(TOKEN_PREFIX)) return null;
    const session = await this.o.service.userSession({ token: given });
    return session ? this.holderOf(session) : null;
  }

  private holderOf({ user, secret }: { user: { id: string; name: string; role: Caller["role"]; teams: string[] }; secret: string }): Holder {
    return { caller: { name: user.name, role: user.role, teams: user.teams, identified: true }, owner: user.id, key: sessionKey(secret) };
  }

  /** The holder of the request's session cookie, once its signature and expiry check out. */
  async bySession(c: Context): Promise<(Holder & { session: string }) | null> {
    const raw = getCookie(c, SESSION_COOKIE);
    if (!raw) return null;
    const owner = raw.slice(0, raw.lastIndexOf(".")).split(".")[2] ?? ADMIN_SESSION;
    const user = owner === ADMIN_SESSION ? null : await this.o.service.userSession({ id: owner });
    const holder: Holder | null = user ? this.holderOf(user) : owner === ADMIN_SESSION && this.adminKey ? { caller: this.admin, owner, key: this.adminKey } : null;
    if (!holder) return null;
    const session = await getSignedCookie(c, holder.key, SESSION_COOKIE);
    if (!session || !(Number(session.split(".")[0]) > Date.now())) return null;
    return { ...holder, session };
  }
}

export function accessGuard(o: AccessOptions): MiddlewareHandler {
  const access = new Access(o);
  return async (c, next) => {
    if (!(await access.required())) {
      setCaller(c, access.open);
      return next();
    }
    if (c.req.path === "/login") return next();
    const authorization = c.req.header("authorization");
    if (authorization !== undefined) {
      // The scheme is case-insensitive (RFC 9110): "bearer x" is as good as "Bearer x".
      const holder = await access.byToken(/^bearer +(\S+) *$/i.exec(authorization)?.[1] ?? "");
      if (!holder) {
        c.header("WWW-Authenticate", 'Bearer realm="okr"');
        return c.json({ error: "Missing or wrong bearer token: send Authorization: Bearer <your token from okr users add, or OKR_HTTP_TOKEN>." }, 401);
      }
      setCaller(c, holder.caller);
      return next();
    }
    const held = await access.bySession(c);
    if (held) {
      if (!SAFE_METHODS.has(c.req.method) && !sameText(c.req.header(CSRF_HEADER) ?? "", csrfFor(held.key, held.session)))
        return c.json({ error: "Missing or wrong CSRF token (X-CSRF-Token): reload the page and try again." }, 403);
      setCaller(c, held.caller);
      return next();
    }
    if (wantsPage(c)) return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ""))}`, 303);
    c.header("WWW-Authenticate", 'Bearer realm="okr"');
    if (getCookie(c, SESSION_COOKIE)) return c.json({ error: "Your session has ended (signed out, 7 days passed, a new token or a removed user): sign in again at /login." }, 401);
    return c.json({ error: "Missing or wrong bearer token: send Authorization: Bearer <your token from okr users add, or OKR_HTTP_TOKEN>, or sign in at /login." }, 401);
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Only a path on this server: never "//evil.example" or "https://…". */
const safeNext = (next: string | undefined) => (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/");

const TEXT = {
  en: {
    title: "Sign in",
    lead: "This OKR workspace needs your access token (from okr users add, or OKR_HTTP_TOKEN).",
    label: "Access token",
    button: "Sign in",
    wrong: "That token is not right. Try again.",
  },
  vi: {
    title: "Đăng nhập",
    lead: "Không gian OKR này cần mã truy cập của bạn (từ okr users add, hoặc OKR_HTTP_TOKEN).",
    label: "Mã truy cập",
    button: "Đăng nhập",
    wrong: "Mã không đúng. Hãy thử lại.",
  },
};

function loginPage(c: Context, next: string, wrong: boolean) {
  const lang = /^vi\b/i.test(c.req.header("accept-language") ?? "") ? "vi" : "en";
  const t = TEXT[lang];
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${t.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem;color:#111827}label{display:block;margin:1rem 0 .3rem}input{font:inherit;width:100%;padding:.4rem;border:1px solid #9ca3af;border-radius:6px}button{font:inherit;margin-top:1rem;padding:.4rem 1rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff}.error{color:#991b1b}</style>
</head><body><main><h1>${t.title}</h1><p>${t.lead}</p>${wrong ? `<p class="error" role="alert">${t.wrong}</p>` : ""}
<form method="post" action="/login"><input type="hidden" name="next" value="${escapeHtml(next)}"><label for="token">${t.label}</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus><button type="submit">${t.button}</button></form></main></body></html>`;
  return c.html(html, wrong ? 401 : 200);
}

/** GET/POST /login and POST /logout. */
export function loginRoutes(o: AccessOptions): Hono {
  const app = new Hono();
  const access = new Access(o);
  app.get("/login", async (c) => ((await access.required()) ? loginPage(c, safeNext(c.req.query("next")), false) : c.redirect(safeNext(c.req.query("next")), 303)));
  app.post("/login", async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = typeof form.token === "string" ? form.token : "";
    const next = safeNext(typeof form.next === "string" ? form.next : undefined);
    if (!(await access.required())) return c.redirect(next, 303);
    const holder = await access.byToken(given);
    if (!holder) {
      // A wrong guess costs a moment: slows a script trying tokens, unnoticeable for a typo.
      await new Promise((r) => setTimeout(r, 400));
      return loginPage(c, next, true);
    }
    const session = `${Date.now() + SESSION_SECONDS * 1000}.${randomBytes(16).toString("base64url")}.${holder.owner}`;
    const secure = new URL(c.req.url).protocol === "https:";
    await setSignedCookie(c, SESSION_COOKIE, session, holder.key, { httpOnly: true, sameSite: "Strict", path: "/", maxAge: SESSION_SECONDS, secure });
    setCookie(c, CSRF_COOKIE, csrfFor(holder.key, session), { httpOnly: false, sameSite: "Strict", path: "/", maxAge: SESSION_SECONDS, secure });
    return c.redirect(next, 303);
  });
  app.post("/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    deleteCookie(c, CSRF_COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });
  return app;
}
