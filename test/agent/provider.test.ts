// The real provider code (@ai-sdk/openai-compatible and @ai-sdk/openai .chat) over HTTP against a
// fake Chat Completions server on 127.0.0.1 that replays recorded tool-call responses.

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamAgent } from "../../src/agent/agent.js";
import { resolveModel } from "../../src/agent/models.js";
import { AS_OF, cleanup } from "../helpers.js";
import { agentHarness } from "./harness.js";

interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: { role: string; content: unknown; tool_calls?: unknown[] }[];
  tools?: { type: string; function: { name: string } }[];
}

const requests: ChatRequest[] = [];
let server: Server;
let baseUrl: string;

const TOOL_CALL = { id: "call_1", type: "function", function: { name: "query_lagging_key_results", arguments: '{"limit":1}' } };
const ANSWER = "KR1.3 (monthly logo churn) is lagging most: 5% against 62% expected.";

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const parsed = JSON.parse(await body(req)) as ChatRequest;
    requests.push(parsed);
    const answered = parsed.messages.some((m) => m.role === "tool");
    const usage = { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 };
    if (!parsed.stream) {
      const message = answered ? { role: "assistant", content: ANSWER } : { role: "assistant", content: null, tool_calls: [TOOL_CALL] };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-1",
          object: "chat.completion",
          created: 1,
          model: parsed.model,
          choices: [{ index: 0, message, finish_reason: answered ? "stop" : "tool_calls" }],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    const chunk = (delta: unknown, finish: string | null, extra: object = {}) =>
      res.write(
        `data: ${JSON.stringify({ id: "chatcmpl-2", object: "chat.completion.chunk", created: 1, model: parsed.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`,
      );
    if (answered) {
      chunk({ role: "assistant", content: "" }, null);
      for (const piece of ANSWER.match(/\S+\s*/g)!) chunk({ content: piece }, null);
      chunk({}, "stop", { usage });
    } else {
      chunk({ role: "assistant", content: null, tool_calls: [{ index: 0, ...TOOL_CALL, function: { name: TOOL_CALL.function.name, arguments: "" } }] }, null);
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"limit":' } }] }, null);
      chunk({ tool_calls: [{ index: 0, function: { arguments: "1}" } }] }, null);
      chunk({}, "tool_calls", { usage });
    }
    res.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

describe("OpenAI-compatible providers against a fake server", () => {
  for (const spec of ["openai-compatible:fake-llama", "openai:fake-gpt"]) {
    it(`${spec}: tool call, tool result, answer — over HTTP, not streamed`, async () => {
      requests.length = 0;
      const model = resolveModel(spec, { apiKey: "test-key", baseUrl });
      const h = await agentHarness(model);
      const r = await h.say("which KR is lagging most this week?");
      expect(r.toolCalls).toEqual([{ name: "query_lagging_key_results", args: { limit: 1 }, isError: false }]);
      expect(r.answer).toBe(ANSWER);
      expect(r.steps).toBe(2);
      expect(r.usage).toMatchObject({ inputTokens: 240, outputTokens: 24 });
      expect(requests).toHaveLength(2);
      expect(requests[0]!.model).toBe(spec.split(":")[1]);
      expect(requests[0]!.tools!.map((t) => t.function.name)).toContain("log_check_in");
      expect(requests[0]!.messages[0]).toMatchObject({ role: "system" });
      // The tool result the model got back is our server's structured answer.
      const toolMessage = requests[1]!.messages.find((m) => m.role === "tool")!;
      expect(String(toolMessage.content)).toContain('"ref":"KR1.3"');
      await h.close();
    });
  }

  it("streams: tool-call deltas assembled, then the answer text arrives in pieces", async () => {
    requests.length = 0;
    const h = await agentHarness(resolveModel("openai-compatible:fake-llama", { apiKey: null, baseUrl }));
    const stream = streamAgent({
      model: resolveModel("openai-compatible:fake-llama", { apiKey: null, baseUrl }),
      tools: h.tools,
      messages: [{ role: "user", content: "which KR is lagging most?" }],
      today: AS_OF,
    });
    const pieces: string[] = [];
    for await (const d of stream.textStream) pieces.push(d);
    expect(pieces.join("")).toBe(ANSWER);
    expect(pieces.length).toBeGreaterThan(3);
    const steps = await stream.steps;
    expect(steps[0]!.toolCalls.map((c) => [c.toolName, c.input])).toEqual([["query_lagging_key_results", { limit: 1 }]]);
    expect(requests.every((r) => r.stream === true)).toBe(true);
    await h.close();
  });

  it("explains what a provider needs when it is missing", () => {
    expect(() => resolveModel("openai:gpt-4o-mini", { apiKey: null, baseUrl: null })).toThrow(/needs OPENAI_API_KEY/);
    expect(() => resolveModel("openai-compatible:llama3.1", { apiKey: null, baseUrl: null })).toThrow(/needs OPENAI_BASE_URL, e\.g\. http:\/\/127\.0\.0\.1:11434\/v1 for Ollama/);
    expect(() => resolveModel("claude:opus", { apiKey: null, baseUrl: null })).toThrow(/Unknown model "claude:opus"/);
  });
});
