// MCP servers reused across HTTP requests (src/http/mcp-pool.ts): one request at a time each, the
// caller of each request (not of the server's first) decides what it may write, concurrent clients
// that number their requests alike each get their own answers, and a server that answered
// `initialize` is not handed to anyone else.

import { afterAll, describe, expect, it } from "vitest";
import { McpServerPool } from "../../src/http/mcp-pool.js";
import { listen } from "../../src/http/listen.js";
import { createMcpServer, type McpOptions } from "../../src/mcp/server.js";
import { localActor, type Actor } from "../../src/domain/access.js";
import { AS_OF, acmeService, cleanup } from "../helpers.js";

const MCP: McpOptions = { readOnly: false, today: () => AS_OF, author: "Pool", version: "test" };
afterAll(cleanup);

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });
const viewer: Actor = { name: "lee", role: "viewer", teams: [], surface: "mcp-http", identified: true };
const admin = localActor("max", "mcp-http");

type Answer = { id: number; result?: { isError?: boolean; structuredContent: { error?: { code: string }; checkIn?: { author: string } } }; error?: { code: number } };

describe("MCP server pool", async () => {
  const service = await acmeService();
  afterAll(() => service.close());

  it("reuses servers for requests in turn; each request acts as its own caller", async () => {
    const pool = new McpServerPool(() => createMcpServer(service, { ...MCP, actor: "per-request" }), 1024 * 1024);
    const logCheckIn = (id: number) =>
      post({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "log_check_in", arguments: { keyResult: "KR1.3", value: 3, confidence: 3, dryRun: true } } });
    const answers: Answer[] = [];
    for (let i = 0; i < 6; i++) answers.push((await (await pool.handle(logCheckIn(i), i % 2 ? viewer : admin)).json()) as Answer);
    expect(pool.built).toBe(1);
    expect(answers.map((a) => a.result?.structuredContent.error?.code ?? "ok")).toEqual(["ok", "forbidden", "ok", "forbidden", "ok", "forbidden"]);
    expect(answers.map((a) => a.id)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("builds a new server for a request that comes while the others are busy, and keeps no initialized one", async () => {
    const pool = new McpServerPool(() => createMcpServer(service, { ...MCP, actor: "per-request" }), 1024 * 1024);
    const list = (id: number) => post({ jsonrpc: "2.0", id, method: "tools/list" });
    const both = await Promise.all([pool.handle(list(1), admin), pool.handle(list(1), viewer)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(pool.built).toBe(2);
    const init = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: { sampling: {} }, clientInfo: { name: "one", version: "1" } },
    };
    expect((await pool.handle(post(init), admin)).status).toBe(200);
    expect((await pool.handle(post(init), admin)).status).toBe(200);
    // Both initialize requests took a kept server and neither came back: the next two requests
    // find none left and build their own.
    await pool.handle(list(2), admin);
    await pool.handle(list(3), admin);
    expect(pool.built).toBe(3);
  });

  it("answers a body that is not JSON with MCP's parse error", async () => {
    const pool = new McpServerPool(() => createMcpServer(service, { ...MCP, actor: "per-request" }), 1024 * 1024);
    const bad = new Request("http://127.0.0.1/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: "{nope",
    });
    const res = await pool.handle(bad, admin);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Answer).error?.code).toBe(-32700);
  });

  it("gives concurrent clients over HTTP, numbering their requests alike, each their own answers", async () => {
    const tokens = {
      ana: (await service.addUser({ name: "ana", role: "member", teams: ["Sales"] })).token,
      lee: (await service.addUser({ name: "lee", role: "viewer", teams: [] })).token,
    };
    const server = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, port: 0 });
    try {
      const ask = async (who: "ana" | "lee", id: number) => {
        const res = await fetch(`${server.url}/mcp`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${tokens[who]}` },
          body: JSON.stringify({
            jsonrpc: "2.0",
            id,
            method: "tools/call",
            params: { name: "log_check_in", arguments: { keyResult: "KR8.1", value: 3, confidence: 3, dryRun: true } },
          }),
        });
        return { who, answer: (await res.json()) as Answer };
      };
      const rounds = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(i % 2 ? "lee" : "ana", i % 4)));
      for (const { who, answer } of rounds)
        expect(answer.result?.structuredContent.error?.code ?? `ok as ${answer.result?.structuredContent.checkIn?.author}`).toBe(who === "lee" ? "forbidden" : "ok as ana");
    } finally {
      await server.close();
    }
  });
});
