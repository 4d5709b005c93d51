// POST /api/chat: the agent streamed as an AI SDK UI message stream, behind the same guards as /mcp.

import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { isToolUIPart, simulateReadableStream, readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";
import { afterAll, describe, expect, it } from "vitest";
import { LocalModel } from "../../src/agent/local/model.js";
import { createHttpApp } from "../../src/http/app.js";
import type { McpOptions } from "../../src/mcp/server.js";
import { AS_OF, FIXTURE, acmeService, cleanup, importPath, openService, tempDir } from "../helpers.js";

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

  it("gives an LLM the workspace in its system prompt", async () => {
    const service = await openService(await tempDir());
    await importPath(service, FIXTURE);
    const chunks: LanguageModelV3StreamPart[] = [
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hello." },
      { type: "text-end", id: "t" },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "stop" },
        usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
      },
    ];
    const llm = new MockLanguageModelV3({ doStream: async () => ({ stream: simulateReadableStream({ chunks }) }) });
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, model: () => llm });
    expect(await (await app.request("http://127.0.0.1/api/chat", post(userMessage("hi")))).text()).toContain("Hello.");
    const system = llm.doStreamCalls[0]!.prompt.find((m) => m.role === "system")!.content as string;
    expect(system).toContain("O9 Keep more customers and cut churn (Customer Success; Grace Okafor)\n- KR9.1 Raise CSAT from 84% to 90% [%]");
    await service.close();
  });
});

/** The UI message stream's chunks, as useChat reads them. */
async function chunks(res: Response): Promise<UIMessageChunk[]> {
  return (await res.text())
    .split("\n")
    .filter((l) => l.startsWith("data: ") && l !== "data: [DONE]")
    .map((l) => JSON.parse(l.slice(6)) as UIMessageChunk);
}

/** The assistant message useChat builds from a stream's chunks. */
async function assistantMessage(list: UIMessageChunk[]): Promise<UIMessage> {
  let last: UIMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(c) {
      for (const x of list) c.enqueue(x);
      c.close();
    },
  });
  for await (const m of readUIMessageStream({ stream })) last = m;
  return last!;
}

/** What addToolApprovalResponse does to the message's tool part. */
function answerApproval(m: UIMessage, approved: boolean): UIMessage {
  return {
    ...m,
    parts: m.parts.map((p) =>
      isToolUIPart(p) && p.state === "approval-requested" ? ({ ...p, state: "approval-responded", approval: { ...p.approval, approved } } as unknown as typeof p) : p,
    ),
  };
}

const textOf = (list: UIMessageChunk[]) =>
  list
    .filter((e) => e.type === "text-delta")
    .map((e) => (e as { delta: string }).delta)
    .join("");

describe("POST /api/chat asks before writing", () => {
  const PREVIEW =
    'KR2.1 Raise 30-day retention from 45% to 60%: 53.4% → 54.1%, confidence 4/5, 2026-11-26, note "onboarding emails shipped"; progress 56% → 61%, on track → on track';
  const ask = { id: "u1", role: "user" as const, parts: [{ type: "text" as const, text: "log 54.1% for 30-day retention, confidence 4, onboarding emails shipped" }] };

  async function proposed(app: ReturnType<typeof createHttpApp>) {
    const first = await chunks(await app.request("http://127.0.0.1/api/chat", post({ messages: [ask] })));
    return { first, assistant: await assistantMessage(first) };
  }

  it("streams the proposed write as a signed approval request with its preview, and runs it once approved", async () => {
    const service = await acmeService();
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, model: () => new LocalModel() });
    const version = await service.store.version();
    const { first, assistant } = await proposed(app);
    const request = first.find((e) => e.type === "tool-approval-request");
    expect(request).toMatchObject({ signature: expect.any(String), approvalDescriptor: { text: PREVIEW, error: null } });
    expect(await service.store.version()).toBe(version);
    const res = await app.request("http://127.0.0.1/api/chat", post({ messages: [ask, answerApproval(assistant, true)] }));
    const second = await chunks(res);
    expect(second.find((e) => e.type === "tool-output-available")).toMatchObject({ output: { structuredContent: { checkIn: { value: 54.1 } } } });
    expect(textOf(second)).toContain("Logged 54.1 on KR2.1");
    expect((await service.keyResult("KR2.1", AS_OF)).current).toBe(54.1);
    await service.close();
  });

  it("does not run a refused write, and says nothing was written", async () => {
    const service = await acmeService();
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, model: () => new LocalModel() });
    const version = await service.store.version();
    const { assistant } = await proposed(app);
    const second = await chunks(await app.request("http://127.0.0.1/api/chat", post({ messages: [ask, answerApproval(assistant, false)] })));
    expect(second.map((e) => e.type)).toContain("tool-output-denied");
    expect(textOf(second)).toBe("Not approved: nothing was written.");
    expect(await service.store.version()).toBe(version);
    await service.close();
  });

  it("refuses an approval it did not sign: a changed input, or another server's request", async () => {
    const service = await acmeService();
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, model: () => new LocalModel() });
    const version = await service.store.version();
    const { assistant } = await proposed(app);
    const tampered = answerApproval(
      { ...assistant, parts: assistant.parts.map((p) => (isToolUIPart(p) ? ({ ...p, input: { ...(p.input as object), value: 99 } } as typeof p) : p)) },
      true,
    );
    const other = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, model: () => new LocalModel() });
    for (const [server, message] of [
      [app, tampered],
      [other, answerApproval(assistant, true)],
    ] as const) {
      const list = await chunks(await server.request("http://127.0.0.1/api/chat", post({ messages: [ask, message] })));
      expect(list.find((e) => e.type === "error")).toMatchObject({ errorText: expect.stringContaining("not issued by this server") });
      expect(list.some((e) => e.type === "tool-output-available")).toBe(false);
    }
    expect(await service.store.version()).toBe(version);
    await service.close();
  });
});

describe("POST /api/chat approvals are used once, for what they showed", () => {
  it("runs an approval once: sending the same approved message again writes nothing", async () => {
    const service = await acmeService();
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, model: () => new LocalModel() });
    const ask = { id: "u1", role: "user" as const, parts: [{ type: "text" as const, text: "log 57% for 30-day retention, confidence 4" }] };
    const assistant = await assistantMessage(await chunks(await app.request("http://127.0.0.1/api/chat", post({ messages: [ask] }))));
    const approved = post({ messages: [ask, answerApproval(assistant, true)] });
    const before = (await service.keyResult("KR2.1", AS_OF)).checkIns.length;
    expect(textOf(await chunks(await app.request("http://127.0.0.1/api/chat", approved)))).toContain("Logged 57 on KR2.1");
    for (let i = 0; i < 2; i++) {
      const again = await chunks(await app.request("http://127.0.0.1/api/chat", approved));
      expect(again.find((e) => e.type === "error")).toMatchObject({ errorText: expect.stringMatching(/used already or expired: nothing was written/) });
    }
    expect((await service.keyResult("KR2.1", AS_OF)).checkIns.length).toBe(before + 1);
    await service.close();
  });

  it("retracts the check-in its preview named, not one written while the person was reading", async () => {
    const service = await acmeService();
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, model: () => new LocalModel() });
    await service.checkIn({ kr: "KR2.3", value: 61, confidence: 4 }, AS_OF);
    const ask = { id: "u1", role: "user" as const, parts: [{ type: "text" as const, text: "undo the last check-in" }] };
    const first = await chunks(await app.request("http://127.0.0.1/api/chat", post({ messages: [ask] })));
    const request = first.find((e) => e.type === "tool-approval-request") as { approvalDescriptor: { text: string } } | undefined;
    expect(request?.approvalDescriptor.text).toMatch(/KR2\.3/);
    // Someone else checks in on another KR before the approval arrives.
    await service.checkIn({ kr: "KR3.2", value: 8.8, confidence: 3 }, AS_OF);
    const kr32 = (await service.keyResult("KR3.2", AS_OF)).current;
    const second = await chunks(await app.request("http://127.0.0.1/api/chat", post({ messages: [ask, answerApproval(await assistantMessage(first), true)] })));
    expect(second.find((e) => e.type === "tool-output-available")).toMatchObject({ output: { structuredContent: { keyResult: { ref: "KR2.3" }, action: "retract" } } });
    expect((await service.keyResult("KR3.2", AS_OF)).current).toBe(kr32);
    expect((await service.keyResult("KR2.3", AS_OF)).checkIns.some((c) => c.value === 61)).toBe(false);
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

describe("POST /api/chat for people with personal tokens", () => {
  it("lets a viewer's or another team's write fail before anyone is asked to approve it, saying why", async () => {
    const service = await acmeService();
    const lee = (await service.addUser({ name: "lee", role: "viewer" })).token;
    const ana = (await service.addUser({ name: "ana", role: "member", teams: ["Kinh doanh"] })).token;
    const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null, model: () => new LocalModel() });
    const version = await service.store.version();
    const ask = (token: string, text: string) => app.request("http://127.0.0.1/api/chat", post(userMessage(text), { Authorization: `Bearer ${token}` }));

    const viewer = await chunks(await ask(lee, "log 54.1% for 30-day retention, confidence 4"));
    expect(viewer.find((e) => e.type === "tool-approval-request")).toBeUndefined();
    expect(textOf(viewer)).toMatch(/lee is a viewer/);
    const member = await chunks(await ask(ana, "log 54.1% for 30-day retention, confidence 4"));
    expect(member.find((e) => e.type === "tool-approval-request")).toBeUndefined();
    expect(textOf(member)).toMatch(/ana is a member of the Kinh doanh team, so cannot log a check-in on KR2\.1/);
    expect(await service.store.version()).toBe(version);
    await service.close();
  });
});
