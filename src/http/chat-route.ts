// POST /api/chat: the agent for the web app, streamed as an AI SDK UI message stream.
// Body: { messages: UIMessage[] } as the AI SDK's useChat sends it.

import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { Context } from "hono";
import { OkrError } from "../domain/errors.js";
import { LocalModel } from "../agent/local/model.js";
import type { KrDirectory } from "../agent/local/understand.js";
import type { McpOptions } from "../mcp/server.js";
import type { OkrService } from "../service/okr-service.js";

export interface ChatRouteOptions {
  service: OkrService;
  mcp: McpOptions;
  model: (lookup?: KrDirectory) => LanguageModelV3;
}

export function chatRoute(o: ChatRouteOptions) {
  return async (c: Context) => {
    let body: { messages?: unknown };
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'Send JSON: { "messages": [...] } in the AI SDK UI message format.' }, 400);
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) return c.json({ error: "messages must be a non-empty array of UI messages." }, 400);
    const [{ convertToModelMessages }, { connectTools, krDirectory, workspaceSummary }, { streamAgent }] = await Promise.all([
      import("ai"),
      import("../agent/mcp-tools.js"),
      import("../agent/agent.js"),
    ]);
    let messages;
    try {
      messages = await convertToModelMessages(body.messages as never);
    } catch (e) {
      return c.json({ error: `messages are not valid UI messages: ${(e as Error).message}` }, 400);
    }
    let model: LanguageModelV3;
    try {
      model = o.model();
    } catch (e) {
      if (e instanceof OkrError) return c.json({ error: e.message }, 400);
      throw e;
    }
    const tools = await connectTools({ service: o.service, mcp: o.mcp });
    // Only the local model reads KR units ahead of time (to take 0.52 as 52%); LLMs ask the tools.
    if (model instanceof LocalModel) model = o.model(await krDirectory(tools));
    const result = streamAgent({ model, tools, messages, today: o.mcp.today(), workspace: model instanceof LocalModel ? undefined : await workspaceSummary(tools) });
    // Close the in-process MCP client once the answer has been streamed (or failed).
    Promise.resolve(result.response).then(
      () => tools.close(),
      () => tools.close(),
    );
    return result.toUIMessageStreamResponse();
  };
}
