// POST /api/chat: the agent for the web app, streamed as an AI SDK UI message stream.
// Body: { messages: UIMessage[] } as the AI SDK's useChat sends it.
//
// Writes wait for the person: a proposed write ends the stream with a tool-approval-request chunk
// whose approvalDescriptor carries the dry-run preview ({ text, result, error }). The web app
// answers with addToolApprovalResponse and sends the messages back: an approved write runs (its
// request must carry this server's signature, so a client cannot forge one), a refused one does not.

import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { ModelMessage, UIMessageChunk } from "ai";
import type { Context } from "hono";
import { OkrError } from "../domain/errors.js";
import { LocalModel } from "../agent/local/model.js";
import type { KrDirectory } from "../agent/local/understand.js";
import type { McpOptions } from "../mcp/server.js";
import type { OkrService } from "../service/okr-service.js";
import { actorOf } from "./session.js";

export interface ChatRouteOptions {
  service: OkrService;
  mcp: McpOptions;
  model: (lookup?: KrDirectory) => LanguageModelV3;
  /** Signs the approval requests this server sends, and checks the approvals sent back. */
  approvalSecret: string | Uint8Array;
}

/** The tool calls of the approvals the last message answers, when it answers every one with no. */
function refusedOnly(messages: ModelMessage[]): string[] {
  const last = messages.at(-1);
  if (last?.role !== "tool") return [];
  const answers = last.content.filter((p) => p.type === "tool-approval-response");
  if (answers.length === 0 || answers.some((a) => a.approved)) return [];
  const ids = new Set(answers.map((a) => a.approvalId));
  return messages.flatMap((m) =>
    m.role === "assistant" && Array.isArray(m.content) ? m.content.flatMap((p) => (p.type === "tool-approval-request" && ids.has(p.approvalId) ? [p.toolCallId] : [])) : [],
  );
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
    const [ai, { connectTools, krDirectoryFromService, workspaceSummary }, { streamAgent }, { previewWrite, notWritten, langOf }] = await Promise.all([
      import("ai"),
      import("../agent/mcp-tools.js"),
      import("../agent/agent.js"),
      import("../agent/approval.js"),
    ]);
    let messages: ModelMessage[];
    try {
      messages = await ai.convertToModelMessages(body.messages as never);
    } catch (e) {
      return c.json({ error: `messages are not valid UI messages: ${(e as Error).message}` }, 400);
    }
    // No to every write asked about: nothing runs, and saying so needs no model.
    const refused = refusedOnly(messages);
    if (refused.length)
      return ai.createUIMessageStreamResponse({
        stream: ai.createUIMessageStream({
          execute({ writer }) {
            writer.write({ type: "start" });
            for (const toolCallId of refused) writer.write({ type: "tool-output-denied", toolCallId });
            writer.write({ type: "text-start", id: "not-written" });
            writer.write({ type: "text-delta", id: "not-written", delta: notWritten(langOf(messages)) });
            writer.write({ type: "text-end", id: "not-written" });
            writer.write({ type: "finish" });
          },
        }),
      });
    let model: LanguageModelV3;
    try {
      model = o.model();
    } catch (e) {
      if (e instanceof OkrError) return c.json({ error: e.message }, 400);
      throw e;
    }
    const tools = await connectTools({ service: o.service, mcp: { ...o.mcp, actor: actorOf(c, "web-chat") } });
    // Only the local model reads KR units ahead of time (to take 0.52 as 52%); LLMs ask the tools.
    if (model instanceof LocalModel) model = o.model(await krDirectoryFromService(o.service, o.mcp.today()));
    const result = streamAgent({
      model,
      tools,
      messages,
      today: o.mcp.today(),
      workspace: model instanceof LocalModel ? undefined : await workspaceSummary(tools),
      approvalSecret: o.approvalSecret,
    });
    // Other errors stay masked, as the SDK masks them by default.
    const onError = (e: unknown) =>
      ai.InvalidToolApprovalSignatureError.isInstance(e)
        ? "This approval was not issued by this server (its signature does not match): nothing was written. Ask again."
        : "An error occurred.";
    // Each approval request goes out with what the write would do, for the web app to show.
    const calls = new Map<string, { toolName: string; input: Record<string, unknown> }>();
    const stream = ai.createUIMessageStream({
      onError,
      async execute({ writer }) {
        try {
          for await (const chunk of result.toUIMessageStream({ onError }) as AsyncIterable<UIMessageChunk>) {
            if (chunk.type === "tool-input-available") calls.set(chunk.toolCallId, { toolName: chunk.toolName, input: (chunk.input ?? {}) as Record<string, unknown> });
            const call = chunk.type === "tool-approval-request" ? calls.get(chunk.toolCallId) : undefined;
            if (chunk.type === "tool-approval-request" && call) {
              const preview = await previewWrite(tools, chunk.toolCallId, call.toolName, call.input, langOf(messages));
              writer.write({ ...chunk, approvalDescriptor: preview });
            } else writer.write(chunk);
          }
        } finally {
          // The in-process MCP client closes once the answer has been streamed (or failed).
          await tools.close();
        }
      },
    });
    return ai.createUIMessageStreamResponse({ stream });
  };
}
