// MCP over Streamable HTTP: a real client against a listening server on 127.0.0.1, auth, guards,
// limits, and a check-in that survives a restart and shows in `okr lagging`.

import { execFile } from "node:child_process";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/app.js";
import { listen } from "../../src/http/listen.js";
import type { McpOptions } from "../../src/mcp/server.js";
import { AS_OF, FIXTURE, cleanup, importPath, openService, tempDir } from "../helpers.js";
import { EVERY_TOOL } from "./helpers.js";

const MCP: McpOptions = { readOnly: false, today: () => AS_OF, author: "HTTP Tester", version: "test" };
const BIN = join(import.meta.dirname, "../../bin/okr.js");
afterAll(cleanup);

async function acmeService(dir?: string) {
  const d = dir ?? (await tempDir());
  const service = await openService(d);
  if (!dir) await importPath(service, FIXTURE);
  return { service, dir: d };
}

async function client(url: string, token?: string): Promise<Client> {
  const c = new Client({ name: "http-test", version: "1.0.0" });
  await c.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : undefined));
  return c;
}

describe("HTTP transport", () => {
  it("serves the tools to a real MCP client; a check-in survives a restart and shows in okr lagging", async () => {
    const { service, dir } = await acmeService();
    const server = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const c = await client(server.url);
    expect((await c.listTools()).tools).toHaveLength(11);
    const lag = (await c.callTool({ name: "query_lagging_key_results", arguments: { limit: 1 } })) as CallToolResult;
    expect((lag.structuredContent as { keyResults: { ref: string }[] }).keyResults[0]!.ref).toBe("KR1.3");
    const logged = (await c.callTool({ name: "log_check_in", arguments: { keyResult: "KR1.3", value: 3.1, confidence: 5, note: "win-back campaign worked" } })) as CallToolResult;
    expect(logged.isError).toBeFalsy();
    const bad = (await c.callTool({ name: "log_check_in", arguments: { keyResult: "KR1.3", value: 3, confidence: 0 } })) as CallToolResult;
    expect(bad.isError).toBe(true);
    expect(bad.structuredContent).toMatchObject({ error: { code: "invalid_input", message: expect.stringContaining("confidence must be a whole number") } });
    await c.close();
    await server.close();
    await service.close();

    const again = await acmeService(dir);
    const restarted = await listen({ service: again.service, mcp: MCP, bindHost: "127.0.0.1", token: null, port: 0 });
    const c2 = await client(restarted.url);
    const kr = (await c2.callTool({ name: "get_key_result", arguments: { keyResult: "KR1.3" } })) as CallToolResult;
    expect(kr.structuredContent).toMatchObject({ current: 3.1, confidence: 5 });
    await c2.close();
    await restarted.close();
    await again.service.close();

    const { stdout } = await promisify(execFile)(process.execPath, [BIN, "lagging", "--json", "--as-of", AS_OF, "--data", dir]);
    const rows = JSON.parse(stdout) as { ref: string; progress: number; status: string }[];
    expect(rows[0]!.ref).toBe("KR9.2"); // KR1.3 no longer lags most…
    expect(rows.find((r) => r.ref === "KR1.3")).toMatchObject({ progress: 0.95, status: "on_track" }); // (3.1 − 5) / (3 − 5)
  }, 30_000);

  it("runs every tool over HTTP", async () => {
    const { service } = await acmeService();
    const server = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, port: 0 });
    const c = await client(server.url);
    for (const t of EVERY_TOOL) {
      const r = (await c.callTool({ name: t.name, arguments: t.args })) as CallToolResult;
      expect(r.isError, `${t.name}: ${JSON.stringify(r.content)}`).toBeFalsy();
      t.expect(r.structuredContent as Record<string, unknown>);
    }
    await c.close();
    await server.close();
    await service.close();
  });

  it("requires the bearer token when one is set: none and wrong get 401, right gets through", async () => {
    const { service } = await acmeService();
    const server = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: "s3cret-token", port: 0 });
    const none = await fetch(`${server.url}/healthz`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await fetch(`${server.url}/healthz`, { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
    const ok = await fetch(`${server.url}/healthz`, { headers: { Authorization: "Bearer s3cret-token" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "ok", objectives: 9 });
    await expect(client(server.url, "wrong")).rejects.toThrow();
    const c = await client(server.url, "s3cret-token");
    expect((await c.listTools()).tools.length).toBe(11);
    await c.close();
    await server.close();
    await service.close();
  });

  it("refuses to listen on a non-loopback address without a token, or with a short one", async () => {
    const { service } = await acmeService();
    await expect(listen({ service, mcp: MCP, bindHost: "0.0.0.0", token: null, port: 0 })).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0 without tokens/);
    await expect(listen({ service, mcp: MCP, bindHost: "0.0.0.0", token: "x", port: 0 })).rejects.toThrow(
      "Refusing to listen on 0.0.0.0 with a 1-character OKR_HTTP_TOKEN: beyond loopback it must be at least 32 characters (e.g. openssl rand -hex 32).",
    );
    // On loopback a short token is the owner's choice.
    const local = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: "x", port: 0 });
    await local.close();
    await service.close();
  });

  it("takes the bearer scheme in any case", async () => {
    const { service } = await acmeService();
    const server = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: "s3cret-token", port: 0 });
    for (const scheme of ["Bearer", "bearer", "BEARER"])
      expect((await fetch(`${server.url}/healthz`, { headers: { Authorization: `${scheme} s3cret-token` } })).status, scheme).toBe(200);
    expect((await fetch(`${server.url}/healthz`, { headers: { Authorization: "Basic s3cret-token" } })).status).toBe(401);
    expect((await fetch(`${server.url}/healthz`, { headers: { Authorization: "bearer s3cret-token-and-more" } })).status).toBe(401);
    await server.close();
    await service.close();
  });
});

/** Sends raw bytes on one connection; resolves with everything the server sent until it closed,
 *  or after `waitMs`, with whether it closed. */
function raw(port: number, write: (socket: Socket) => void, waitMs: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => write(socket));
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
  });
}

describe("HTTP edges", () => {
  it("answers an oversized body with 413 and Connection: close, then closes cleanly", async () => {
    const { service } = await acmeService();
    const server = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, port: 0 });
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", padding: "x".repeat(1024 * 1024) });
    const r = await raw(
      server.port,
      (s) =>
        s.write(
          `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        ),
      5_000,
    );
    expect(r.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.text.toLowerCase()).toContain("connection: close");
    expect(r.closed).toBe(true);
    await server.close();
    await service.close();
  });

  it("cuts off a client that trickles its headers or its body", async () => {
    const { service } = await acmeService();
    const timeouts = { headersMs: 400, requestMs: 800 };
    const server = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, port: 0, timeouts });
    const slowHeaders = await raw(server.port, (s) => s.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`), 5_000);
    expect(slowHeaders.closed).toBe(true);
    expect(slowHeaders.text).toMatch(/^HTTP\/1\.1 408 |^$/);
    const slowBody = await raw(
      server.port,
      (s) => {
        s.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
        const drip = setInterval(() => (s.writable ? s.write(" ") : clearInterval(drip)), 100);
        s.on("close", () => clearInterval(drip));
      },
      5_000,
    );
    expect(slowBody.closed).toBe(true);
    // A client that sends its request in time is served as before.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.close();
    await service.close();
  });
});

describe("HTTP app guards (app.request)", () => {
  it("rejects foreign Host and Origin headers, big bodies, and GET on /mcp", async () => {
    const { service } = await acmeService();
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null });
    expect((await app.request("http://127.0.0.1:8787/healthz")).status).toBe(200);
    expect((await app.request("http://localhost:8787/healthz")).status).toBe(200);
    const rebinding = await app.request("http://evil.example:8787/healthz");
    expect(rebinding.status).toBe(403);
    expect(await rebinding.json()).toEqual({ error: "Host evil.example:8787 is not allowed: connect to http://127.0.0.1 or http://localhost." });
    expect((await app.request("http://127.0.0.1:8787/healthz", { headers: { Origin: "https://evil.example" } })).status).toBe(403);
    expect((await app.request("http://127.0.0.1:8787/healthz", { headers: { Origin: "http://localhost:5173" } })).status).toBe(200);
    const big = await app.request("http://127.0.0.1:8787/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", padding: "x".repeat(1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect((await app.request("http://127.0.0.1:8787/mcp")).status).toBe(405);
    expect((await app.request("http://127.0.0.1:8787/nope")).status).toBe(404);
    await service.close();
  });

  it("answers a bug with a 500 that names an id, not the internals; the log has the detail", async () => {
    const { service } = await acmeService();
    service.ws = async () => {
      throw new Error("ENOENT: /srv/secret/records.lance/_versions/3.manifest (lance-io/src/local.rs:201)");
    };
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null });
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (logged.push(String(chunk)), true)) as typeof process.stderr.write;
    let r: Response;
    try {
      r = await app.request("http://127.0.0.1:8787/healthz");
    } finally {
      process.stderr.write = write;
    }
    expect(r.status).toBe(500);
    const body = (await r.json()) as { error: string; id: string };
    expect(body.error).toBe(`Internal error (id ${body.id}): the server's log has the details.`);
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(logged.join("")).toMatch(new RegExp(`internal error ${body.id} on GET /healthz: Error: ENOENT: /srv/secret`));
    await service.close();
  });

  it("answers a JSON-RPC tools/call posted directly", async () => {
    const { service } = await acmeService();
    const app = createHttpApp({ service, mcp: { ...MCP, readOnly: true }, bindHost: "127.0.0.1", token: null });
    const res = await app.request("http://127.0.0.1:8787/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/list" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: number; result: { tools: { name: string }[] } };
    expect(body.id).toBe(7);
    expect(body.result.tools.map((t) => t.name)).not.toContain("log_check_in");
    await service.close();
  });
});
