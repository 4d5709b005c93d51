// Users, roles and team scope over HTTP: personal tokens identify callers of MCP, the web app's tool
// route and its sessions; viewers cannot write, members write only their teams' OKRs, the author of
// a check-in is the caller, and every write leaves an audit entry naming who, what and where.

import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/app.js";
import type { McpOptions } from "../../src/mcp/server.js";
import type { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, cleanup, fixtureCopy, importPath, listing, okrErrorOf, openService, FIXTURE } from "../helpers.js";
import { localActor } from "../../src/domain/access.js";

const MCP: McpOptions = { readOnly: false, today: () => AS_OF, author: "Desk", version: "test" };
const ADMIN_TOKEN = "an-admin-token-long-enough-for-anything-0123";
const at = (path: string) => `http://127.0.0.1${path}`;
afterAll(cleanup);

describe("users, roles and team scope", async () => {
  let service: OkrService;
  let dir: string;
  let app: ReturnType<typeof createHttpApp>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    dir = await fixtureCopy();
    service = await openService(dir);
    await importPath(service, FIXTURE);
    for (const [name, role, teams] of [
      ["ana", "member", ["Sales"]],
      ["lee", "viewer", []],
      ["max", "admin", []],
    ] as const)
      tokens[name] = (await service.addUser({ name, role, teams })).token;
    app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null });
  });
  afterAll(() => service.close());

  let rpcId = 0;
  async function call(token: string | null, name: string, args: Record<string, unknown>) {
    const res = await app.request(at("/mcp"), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++rpcId, method: "tools/call", params: { name, arguments: args } }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { result?: { isError?: boolean; structuredContent: { error?: { code: string }; checkIn?: { author: string } }; content: { text: string }[] } },
    };
  }
  const checkIns = async (kr: string) => (await service.keyResult(kr, AS_OF)).checkIns.length;

  it("stores no token, only its hash", async () => {
    const files = await listing(dir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const bytes = await readFile(`${dir}/${f}`).catch(() => null);
      if (bytes) for (const t of Object.values(tokens)) expect(bytes.includes(t), `${f} holds a token`).toBe(false);
    }
    expect(Object.values(tokens).every((t) => t.length >= 40)).toBe(true);
  });

  it("asks every HTTP caller for a token once users exist, even without OKR_HTTP_TOKEN", async () => {
    expect((await call(null, "list_okrs", {})).status).toBe(401);
    expect((await call("okr_not-a-real-token", "list_okrs", {})).status).toBe(401);
    expect((await app.request(at("/api/meta"))).status).toBe(401);
    expect((await call(tokens.lee!, "list_okrs", {})).body.result?.isError).toBeFalsy();
  });

  it("lets a viewer read but not write, with a clear error and nothing stored", async () => {
    const before = await checkIns("KR8.1");
    const { status, body } = await call(tokens.lee!, "log_check_in", { keyResult: "KR8.1", value: 5, confidence: 3 });
    expect(status).toBe(200);
    expect(body.result?.isError).toBe(true);
    expect(body.result?.structuredContent.error?.code).toBe("forbidden");
    expect(body.result?.content[0]!.text).toMatch(/lee is a viewer: viewers can read OKRs but not log a check-in on KR8\.1/);
    expect(await checkIns("KR8.1")).toBe(before);
    // A dry run is refused the same way: a preview never promises a write that cannot happen.
    expect((await call(tokens.lee!, "log_check_in", { keyResult: "KR8.1", value: 5, confidence: 3, dryRun: true })).body.result?.structuredContent.error?.code).toBe("forbidden");
  });

  it("lets a member write their team's KRs, as themselves, and refuses another team's", async () => {
    const mine = await call(tokens.ana!, "log_check_in", { keyResult: "KR8.1", value: 41, confidence: 4, author: "Somebody Else" });
    expect(mine.body.result?.isError).toBeFalsy();
    expect(mine.body.result?.structuredContent.checkIn?.author).toBe("ana");
    const stored = (await service.keyResult("KR8.1", AS_OF)).checkIns.at(-1)!;
    expect(stored).toMatchObject({ value: 41, author: "ana" });

    const before = await checkIns("KR4.1");
    const theirs = await call(tokens.ana!, "log_check_in", { keyResult: "KR4.1", value: 1, confidence: 4 });
    expect(theirs.body.result?.structuredContent.error?.code).toBe("forbidden");
    expect(theirs.body.result?.content[0]!.text).toBe(
      'ana is a member of the Kinh doanh team, so cannot log a check-in on KR4.1, which belongs to Engineering. An admin can change that: okr users set ana --team "Kinh doanh" --team Engineering.',
    );
    expect(await checkIns("KR4.1")).toBe(before);

    const objectives = (await service.ws()).objectives.size;
    const other = await call(tokens.ana!, "create_objective", { title: "Delight every engineer", team: "Engineering", owner: "ana" });
    expect(other.body.result?.structuredContent.error?.code).toBe("forbidden");
    expect((await service.ws()).objectives.size).toBe(objectives);
    const own = await call(tokens.ana!, "create_objective", { title: "Win the mid-market", team: "Kinh doanh", owner: "ana" });
    expect(own.body.result?.isError).toBeFalsy();
    expect((await service.ws()).objectives.size).toBe(objectives + 1);
    expect((await call(tokens.ana!, "update_key_result", { keyResult: "KR4.1", target: 99 })).body.result?.structuredContent.error?.code).toBe("forbidden");
    // Their team spelled another way is their team, not a new one beside it.
    const teams = (await service.ws()).teams();
    for (const team of ["kinh  DOANH", "Kính doanh"]) {
      const r = await call(tokens.ana!, "create_objective", { title: `Win more deals ${team.length}`, team, owner: "ana" });
      expect(r.body.result?.isError).toBeFalsy();
    }
    expect((await service.ws()).teams()).toEqual(teams);
    expect([...(await service.ws()).objectives.values()].filter((o) => o.title.startsWith("Win more deals")).map((o) => o.team)).toEqual(["Kinh doanh", "Kinh doanh"]);
  });

  it("lets an admin write any team's KRs", async () => {
    const r = await call(tokens.max!, "log_check_in", { keyResult: "KR4.1", value: 3, confidence: 4 });
    expect(r.body.result?.isError).toBeFalsy();
    expect(r.body.result?.structuredContent.checkIn?.author).toBe("max");
  });

  it("records who wrote what, when and through which surface, and exports the trail", async () => {
    const trail = await service.auditTrail();
    const mine = trail.filter((a) => a.actor === "ana");
    expect(mine.map((a) => [a.role, a.surface, a.action, a.target.split(" ")[0]])).toEqual([
      ["member", "mcp-http", "log_check_in", "KR8.1"],
      ["member", "mcp-http", "create_objective", expect.stringMatching(/^O\d+$/)],
      ["member", "mcp-http", "create_objective", expect.stringMatching(/^O\d+$/)],
      ["member", "mcp-http", "create_objective", expect.stringMatching(/^O\d+$/)],
    ]);
    expect(mine[0]!.detail).toBe(`41 on ${AS_OF}, confidence 4`);
    // Refused writes wrote nothing, not even an entry.
    expect(trail.filter((a) => a.actor === "lee")).toEqual([]);
    expect(trail.filter((a) => a.action === "add_user").map((a) => a.target)).toEqual(["ana", "lee", "max"]);
    const doc = await service.exportDocument();
    expect(doc.audit?.length).toBe(trail.length);
    expect(JSON.stringify(doc)).not.toContain("tokenHash");
  });

  it("takes the web app's tool route and sessions from a personal token", async () => {
    const viewer = await app.request(at("/api/tools/log_check_in"), {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.lee}`, "content-type": "application/json" },
      body: JSON.stringify({ keyResult: "KR8.1", value: 5, confidence: 3 }),
    });
    expect(viewer.status).toBe(403);
    expect(((await viewer.json()) as { error: { code: string } }).error.code).toBe("forbidden");

    const login = await app.request(at("/login"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.ana!, next: "/" }).toString(),
    });
    expect(login.status).toBe(303);
    const set = login.headers.getSetCookie();
    const cookie = set.map((c) => c.split(";")[0]).join("; ");
    const csrf = set
      .find((c) => c.startsWith("okr_csrf="))!
      .split(";")[0]!
      .slice("okr_csrf=".length);
    const meta = await app.request(at("/api/meta"), { headers: { cookie } });
    expect(await meta.json()).toMatchObject({ you: { name: "ana", role: "member", teams: ["Kinh doanh"] }, signIn: true, readOnly: false });
    // A viewer's pages come with their forms off.
    expect(await (await app.request(at("/api/meta"), { headers: { authorization: `Bearer ${tokens.lee}` } })).json()).toMatchObject({ readOnly: true });
    const write = await app.request(at("/api/tools/log_check_in"), {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
      body: JSON.stringify({ keyResult: "KR8.2", value: 7, confidence: 4 }),
    });
    expect(write.status).toBe(200);
    expect((await service.auditTrail(1))[0]).toMatchObject({ actor: "ana", surface: "web", action: "log_check_in", target: "KR8.2" });

    // A new token ends the old token and the sessions signed for it.
    const renewed = await service.renewUserToken("ana");
    expect((await app.request(at("/api/meta"), { headers: { cookie } })).status).toBe(401);
    expect((await call(tokens.ana!, "list_okrs", {})).status).toBe(401);
    expect((await call(renewed.token, "list_okrs", {})).status).toBe(200);
    tokens.ana = renewed.token;
  });

  it("keeps OKR_HTTP_TOKEN as one admin token beside the users", async () => {
    const both = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: ADMIN_TOKEN });
    const res = await both.request(at("/mcp"), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "log_check_in", arguments: { keyResult: "KR4.2", value: 97.5, confidence: 3, author: "Pat" } },
      }),
    });
    const body = (await res.json()) as { result: { isError?: boolean; structuredContent: { checkIn: { author: string } } } };
    expect(body.result.isError).toBeFalsy();
    // Not a person: the author is whoever the call names.
    expect(body.result.structuredContent.checkIn?.author).toBe("Pat");
    expect((await service.auditTrail(1))[0]).toMatchObject({ actor: "OKR_HTTP_TOKEN", role: "admin", surface: "mcp-http" });
  });

  it("takes 'undo my last check-in' from a person as theirs, not the workspace's last", async () => {
    await service.checkIn({ kr: "KR4.2", value: 97, confidence: 3 }, AS_OF);
    const r = await call(tokens.ana!, "correct_check_in", { retract: true });
    expect(r.body.result?.isError).toBeFalsy();
    expect(r.body.result?.structuredContent).toMatchObject({ keyResult: { ref: "KR8.2" }, action: "retract" });
    expect((await service.keyResult("KR4.2", AS_OF)).current).toBe(97);
  });

  it("refuses a sign-in posted from another site, another port of this machine included", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded", host: "127.0.0.1:8787" };
    const body = new URLSearchParams({ token: tokens.max!, next: "/" }).toString();
    const foreign = await app.request(at("/login"), { method: "POST", headers: { ...form, origin: "http://127.0.0.1:3000" }, body });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.getSetCookie()).toEqual([]);
    expect((await app.request(at("/login"), { method: "POST", headers: { ...form, origin: "http://127.0.0.1:8787" }, body })).status).toBe(303);
    // An ended session says so, rather than asking for a bearer token.
    const stale = await app.request(at("/api/meta"), { headers: { cookie: "okr_session=1.x.y.z" } });
    expect(((await stale.json()) as { error: string }).error).toMatch(/^Your session has ended/);
  });

  it("closes a removed user's door at once", async () => {
    await service.removeUser("lee");
    expect((await call(tokens.lee!, "list_okrs", {})).status).toBe(401);
    expect((await service.users()).map((u) => u.name)).toEqual(["ana", "max"]);
  });

  it("checks roles in the service, whatever the surface", async () => {
    const member = { name: "ana", role: "member" as const, teams: ["Kinh doanh"], surface: "cli-chat" as const, identified: true };
    expect((await okrErrorOf(service.import({ cycles: [], objectives: [], keyResults: [], checkIns: [] }, [], undefined, { actor: member }), "forbidden")).message).toMatch(
      /Only an admin can import data/,
    );
    expect((await okrErrorOf(service.addUser({ name: "zed", role: "admin" }, { actor: member }), "forbidden")).message).toMatch(/Only an admin can add users/);
    expect((await okrErrorOf(service.addUser({ name: "zed", role: "member" }, { actor: localActor("me", "cli") }))).message).toMatch(/give at least one --team/);
    expect((await okrErrorOf(service.addUser({ name: "ANA", role: "viewer" }), "conflict")).message).toMatch(/already a user ANA/);
  });
});
