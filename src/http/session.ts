// Access when OKR_HTTP_TOKEN is set. Programs (MCP clients, scripts) send the token as a bearer
// header, as before. People sign in once at /login with the token and get a session cookie
// (HttpOnly, SameSite=Strict, signed with a key derived from the token, so every server holding the
// same token accepts it and changing the token signs everyone out). A request authenticated by the
// cookie that changes state must also carry the CSRF token (X-CSRF-Token: the value of the readable
// okr_csrf cookie, itself derived from the session), so another site cannot write through a
// signed-in browser even where SameSite is not honoured. The Host/Origin guard runs before this.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { deleteCookie, getSignedCookie, setCookie, setSignedCookie } from "hono/cookie";

export const SESSION_COOKIE = "okr_session";
export const CSRF_COOKIE = "okr_csrf";
export const CSRF_HEADER = "x-csrf-token";
const SESSION_SECONDS = 7 * 24 * 3600;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const sessionKey = (token: string) => createHmac("sha256", "okr-session-v1").update(token).digest();
const csrfFor = (key: Buffer, session: string) => createHmac("sha256", key).update(`csrf:${session}`).digest("base64url");

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A page request from a browser (which can be sent to the sign-in page), not an API call. */
const wantsPage = (c: Context) => c.req.method === "GET" && (c.req.header("accept") ?? "").includes("text/html");

export function accessGuard(token: string | null): MiddlewareHandler {
  if (!token) return async (_c, next) => next();
  const key = sessionKey(token);
  return async (c, next) => {
    if (c.req.path === "/login") return next();
    const authorization = c.req.header("authorization");
    if (authorization !== undefined) {
      // The scheme is case-insensitive (RFC 9110): "bearer x" is as good as "Bearer x".
      const given = /^bearer +(\S+) *$/i.exec(authorization)?.[1] ?? "";
      if (!sameText(given, token)) {
        c.header("WWW-Authenticate", 'Bearer realm="okr"');
        return c.json({ error: "Missing or wrong bearer token: send Authorization: Bearer <OKR_HTTP_TOKEN>." }, 401);
      }
      return next();
    }
    const session = await getSignedCookie(c, key, SESSION_COOKIE);
    const expires = session ? Number(session.split(".")[0]) : NaN;
    if (session && expires > Date.now()) {
      if (!SAFE_METHODS.has(c.req.method) && !sameText(c.req.header(CSRF_HEADER) ?? "", csrfFor(key, session)))
        return c.json({ error: "Missing or wrong CSRF token (X-CSRF-Token): reload the page and try again." }, 403);
      return next();
    }
    if (wantsPage(c)) return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ""))}`, 303);
    c.header("WWW-Authenticate", 'Bearer realm="okr"');
    return c.json({ error: "Missing or wrong bearer token: send Authorization: Bearer <OKR_HTTP_TOKEN>, or sign in at /login." }, 401);
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Only a path on this server: never "//evil.example" or "https://…". */
const safeNext = (next: string | undefined) => (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/");

const TEXT = {
  en: {
    title: "Sign in",
    lead: "This OKR workspace needs its access token (OKR_HTTP_TOKEN).",
    label: "Access token",
    button: "Sign in",
    wrong: "That token is not right. Try again.",
  },
  vi: { title: "Đăng nhập", lead: "Không gian OKR này cần mã truy cập (OKR_HTTP_TOKEN).", label: "Mã truy cập", button: "Đăng nhập", wrong: "Mã không đúng. Hãy thử lại." },
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

/** GET/POST /login and POST /logout; only mounted when a token is set. */
export function loginRoutes(token: string): Hono {
  const app = new Hono();
  const key = sessionKey(token);
  app.get("/login", (c) => loginPage(c, safeNext(c.req.query("next")), false));
  app.post("/login", async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = typeof form.token === "string" ? form.token : "";
    const next = safeNext(typeof form.next === "string" ? form.next : undefined);
    if (!sameText(given, token)) {
      // A wrong guess costs a moment: slows a script trying tokens, unnoticeable for a typo.
      await new Promise((r) => setTimeout(r, 400));
      return loginPage(c, next, true);
    }
    const session = `${Date.now() + SESSION_SECONDS * 1000}.${randomBytes(16).toString("base64url")}`;
    const secure = new URL(c.req.url).protocol === "https:";
    await setSignedCookie(c, SESSION_COOKIE, session, key, { httpOnly: true, sameSite: "Strict", path: "/", maxAge: SESSION_SECONDS, secure });
    setCookie(c, CSRF_COOKIE, csrfFor(key, session), { httpOnly: false, sameSite: "Strict", path: "/", maxAge: SESSION_SECONDS, secure });
    return c.redirect(next, 303);
  });
  app.post("/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    deleteCookie(c, CSRF_COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });
  return app;
}
