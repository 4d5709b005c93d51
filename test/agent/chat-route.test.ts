// POST /api/chat: the agent streamed as an AI SDK UI message stream, behind the same guards as /mcp.

import { afterAll, describe, expect, it } from "vitest";
import { LocalModel } from "../../src/agent/local/model.js";
import { createHttpApp } from "../../src/http/app.js";
import type { McpOptions } from "../../src/mcp/server.js";
import { AS_OF, FIXTURE, cleanup, importPath, openService, tempDir } from "../helpers.js";

const MCP: McpOptions = { readOnly: false, today: () => AS_OF, author: "Web", version: "test" };
afterAll(cleanup);

const userMessage = (text: string) => ({ messages: [{ id: "m1", role: "user", parts: [{ type: "text", text }] }] });
const post = (body: unknown, headers: Record<string, string> = {}) => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("POST /api/chat", () => {
  it("streams the answer and the tool call as a UI message stream", async () => {
    const service = await openService(await tempDir());
    await importPath(service, FIXTURE);
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: "t0k", model: () => new LocalModel() });
    const unauthorized = await app.request("http://127.0.0.1/api/chat", post(userMessage("hi")));
    expect(unauthorized.status).toBe(401);
    const res = await app.request("http://127.0.0.1/api/chat", post(userMessage("which KR is lagging most this week?"), { Authorization: "Bearer t0k" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = (await res.text())
      .split("\n")
      .filter((l) => l.startsWith("data: ") && l !== "data: [DONE]")
      .map((l) => JSON.parse(l.slice(6)) as { type: string; toolName?: string; delta?: string });
    expect(events.find((e) => e.type === "tool-input-available")).toMatchObject({ toolName: "query_lagging_key_results" });
    const text = events
      .filter((e) => e.type === "text-delta")
      .map((e) => e.delta)
      .join("");
    expect(text).toMatch(/^Lagging most as of 2026-11-26: KR1\.3/);
    const bad = await app.request("http://127.0.0.1/api/chat", post({ messages: "nope" }, { Authorization: "Bearer t0k" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "messages must be a non-empty array of UI messages." });
    await service.close();
  });
});

describe("agent against a remote MCP server (--mcp-url)", () => {
  it("reaches the tools of a running okr serve --http, token included", async () => {
    const { listen } = await import("../../src/http/listen.js");
    const { connectTools, krDirectory } = await import("../../src/agent/mcp-tools.js");
    const { runAgent } = await import("../../src/agent/agent.js");
    const service = await openService(await tempDir());
    await importPath(service, FIXTURE);
    const server = await listen({ service, mcp: MCP, bindHost: "127.0.0.1", token: "remote-t0k", port: 0 });
    const tools = await connectTools({ url: `${server.url}/mcp`, token: "remote-t0k" });
    const r = await runAgent({
      model: new LocalModel(await krDirectory(tools)),
      tools,
      messages: [{ role: "user", content: "log 0.56 for 30-day retention, confidence 4" }],
      today: AS_OF,
      approveWrites: true, // the dry run and the write both go over HTTP
    });
    expect(r.toolCalls).toEqual([{ name: "log_check_in", args: { keyResult: "KR2.1", value: 56, confidence: 4 }, isError: false }]);
    expect((await service.keyResult("KR2.1", AS_OF)).current).toBe(56);
    await tools.close();
    await server.close();
    await service.close();
  });
});
