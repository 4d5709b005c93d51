// Access to the web workspace with OKR_HTTP_TOKEN set: sign-in with the token, a session cookie
// (HttpOnly, SameSite=Strict), CSRF protection on writes made with the cookie, bearer clients as
// before, and the Host/Origin guard on every route.

import { afterAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/app.js";
import type { McpOptions } from "../../src/mcp/server.js";
import { AS_OF, acmeService, cleanup } from "../helpers.js";
import { join } from "node:path";
import { ARTIFACTS, CHROMIUM, seriousA11yViolations, startWeb } from "./browser.js";

const MCP: McpOptions = { readOnly: false, today: () => AS_OF, author: "Web", version: "test" };
const TOKEN = "correct-horse-battery-staple";
afterAll(cleanup);

/** The cookies a response sets, as one Cookie header, and their attributes by name. */
function cookiesOf(res: Response): { header: string; attributes: Record<string, string> } {
  const set = res.headers.getSetCookie();
  return {
    header: set.map((c) => c.split(";")[0]).join("; "),
    attributes: Object.fromEntries(set.map((c) => [c.split("=")[0]!, c])),
  };
}

describe("web access with a token", async () => {
  const service = await acmeService();
  const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: TOKEN });
  const at = (path: string) => `http://127.0.0.1${path}`;
  const signIn = async (token: string, next = "/kr/KR1.3") =>
    app.request(at("/login"), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token, next }).toString() });
  const checkIns = async () => (await service.keyResult("KR1.3", AS_OF)).checkIns.length;
  afterAll(() => service.close());

  it("sends a page request to the sign-in page and refuses API calls without a session or token", async () => {
    const page = await app.request(at("/kr/KR1.3?asOf=2026-11-20"), { headers: { accept: "text/html" } });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Fkr%2FKR1.3%3FasOf%3D2026-11-20");
    const login = await app.request(at("/login"));
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="token" type="password"');
    const vi = await app.request(at("/login"), { headers: { "accept-language": "vi-VN,vi;q=0.9" } });
    expect(await vi.text()).toContain("Đăng nhập");
    expect((await app.request(at("/api/meta"))).status).toBe(401);
  });

  it("refuses a wrong token and sets no cookie", async () => {
    const res = await signIn("wrong");
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).toContain("That token is not right");
  });

  it("signs in with the token: HttpOnly SameSite=Strict session, back to the page asked for", async () => {
    const res = await signIn(TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/kr/KR1.3");
    const { header, attributes } = cookiesOf(res);
    expect(attributes.okr_session).toMatch(/HttpOnly/);
    expect(attributes.okr_session).toMatch(/SameSite=Strict/);
    expect(attributes.okr_csrf).not.toMatch(/HttpOnly/);
    const meta = await app.request(at("/api/meta"), { headers: { cookie: header } });
    expect(meta.status).toBe(200);
    expect((await meta.json()).signIn).toBe(true);
  });

  it("only sends people back to a path of this server", async () => {
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) expect((await signIn(TOKEN, next)).headers.get("location")).toBe("/");
  });

  it("refuses a write made with the cookie but without the CSRF token, and stores nothing", async () => {
    const { header } = cookiesOf(await signIn(TOKEN));
    const csrf = /okr_csrf=([^;]+)/.exec(header)![1]!;
    const before = await checkIns();
    const write = (headers: Record<string, string>) =>
      app.request(at("/api/tools/log_check_in"), {
        method: "POST",
        headers: { "content-type": "application/json", cookie: header, ...headers },
        body: JSON.stringify({ keyResult: "KR1.3", value: 4.6 }),
      });
    const none = await write({});
    expect(none.status).toBe(403);
    expect((await none.json()).error).toContain("CSRF");
    expect((await write({ "x-csrf-token": "forged" })).status).toBe(403);
    expect(await checkIns()).toBe(before);
    const ok = await write({ "x-csrf-token": decodeURIComponent(csrf) });
    expect(ok.status).toBe(200);
    expect(await checkIns()).toBe(before + 1);
  });

  it("keeps the Host/Origin guard on every route, signed in or not", async () => {
    const { header } = cookiesOf(await signIn(TOKEN));
    for (const path of ["/", "/api/meta", "/login", "/assets/app.js"])
      expect((await app.request(at(path), { headers: { cookie: header, origin: "https://evil.example" } })).status, path).toBe(403);
    expect((await app.request("http://evil.example/api/meta", { headers: { cookie: header } })).status).toBe(403);
  });

  it("still takes the bearer token from programs, which need no CSRF token", async () => {
    const res = await app.request(at("/api/tools/get_key_result"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ keyResult: "KR1.3" }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data.ref).toBe("KR1.3");
    expect((await app.request(at("/api/meta"), { headers: { authorization: "Bearer nope" } })).status).toBe(401);
  });
});

describe.skipIf(!CHROMIUM)("signing in from a browser", () => {
  it("reaches the page asked for after the token, and its forms write", async () => {
    const web = await startWeb({ token: TOKEN });
    try {
      const page = await web.context.newPage();
      await page.goto(web.url("/kr/KR2.1"));
      await page.waitForURL(/\/login\?next=/);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, "login.png") });
      await page.getByLabel("Access token").fill(TOKEN);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/kr\/KR2\.1$/);
      await page.locator("input[name=value]").fill("50");
      await page.getByRole("button", { name: "Log check-in" }).click();
      await expect.poll(() => page.locator("#checkin-msg").textContent()).toContain("Logged 50%");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/login$/);
      expect((await page.request.get(web.url("/api/meta"))).status()).toBe(401);
    } finally {
      await web.close();
    }
  });
});
