// POST /api/chat: the agent for the web app, streamed as an AI SDK UI message stream.
// Body: { messages: UIMessage[] } as the AI SDK's useChat sends it.
//
// Writes wait for the person: a proposed write ends the stream with a tool-approval-request chunk
// whose approvalDescriptor carries the dry-run preview ({ text, result, error }). The web app
// answers with addToolApprovalResponse and sends the messages back: an approved write runs (its
// request must carry this server's signature, so a client cannot forge one), a refused one does not.
// Each approval runs once, within an hour, and writes what its preview showed (ApprovalLedger).

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

/** How long an approval request stays good: long enough to read the preview and decide. */
export const APPROVAL_TTL_MS = 60 * 60_000;

/**
 * The approvals this server asked for and nobody has used yet. Each may be used once (sending the
 * same approved message again wrote again: one "log 57" became three check-ins), and runs with the
 * targets its preview resolved ("undo my last check-in" retracts the check-in the person saw, not
 * one written since). Kept in memory: an approval is answered by the server that asked for it.
 */
class ApprovalLedger {
  private readonly open = new Map<string, { toolCallId: string; pinned: Record<string, unknown>; expires: number }>();

  issue(approvalId: string, toolCallId: string, pinned: Record<string, unknown>): void {
    const now = Date.now();
    for (const [id, e] of this.open) if (e.expires <= now || this.open.size > 10_000) this.open.delete(id);
    this.open.set(approvalId, { toolCallId, pinned, expires: now + APPROVAL_TTL_MS });
  }

  /** The approval's entry, removed so that it cannot run again; null when unknown or expired. */
  take(approvalId: string): { toolCallId: string; pinned: Record<string, unknown> } | null {
    const e = this.open.get(approvalId);
    this.open.delete(approvalId);
    return e && e.expires > Date.now() ? e : null;
  }
}

/** The approval ids the last message answers with yes. */
function approvedIds(messages: ModelMessage[]): string[] {
  const last = messages.at(-1);
  if (last?.role !== "tool") return [];
  return last.content.flatMap((p) => (p.type === "tool-approval-response" && p.approved ? [p.approvalId] : []));
}

const STALE_APPROVAL = "This approval was not issued by this server, or it was used already or expired: nothing was written. Ask again.";

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
  const ledger = new ApprovalLedger();
  return async (c: Context) => {
    let body: { messages?: unknown };
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'Send JSON: { "messages": [...] } in the AI SDK UI message format.' }, 400);
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) return c.json({ error: "messages must be a non-empty array of UI messages." }, 400);
    const [ai, { connectTools, krDirectoryFromService, workspaceSummary }, { streamAgent }, { previewWrite, notWritten, langOf, pinnedTargets }] = await Promise.all([
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
    // Yes to approvals: each is used up here, before anything runs (a second send finds it gone).
    const pinned = new Map<string, Record<string, unknown>>();
    for (const approvalId of approvedIds(messages)) {
      const entry = ledger.take(approvalId);
      if (!entry)
        return ai.createUIMessageStreamResponse({
          stream: ai.createUIMessageStream({
            execute({ writer }) {
              writer.write({ type: "start" });
              writer.write({ type: "error", errorText: STALE_APPROVAL });
              writer.write({ type: "finish" });
            },
          }),
        });
      pinned.set(entry.toolCallId, entry.pinned);
    }
    let model: LanguageModelV3;
    try {
      model = o.model();
    } catch (e) {
      if (e instanceof OkrError) return c.json({ error: e.message }, 400);
      throw e;
    }
    const tools = await connectTools({ service: o.service, mcp: { ...o.mcp, actor: actorOf(c, "web-chat") }, pinned });
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
            if (chunk.type !== "tool-approval-request") {
              writer.write(chunk);
              continue;
            }
            const call = calls.get(chunk.toolCallId);
            const preview = call ? await previewWrite(tools, chunk.toolCallId, call.toolName, call.input, langOf(messages)) : null;
            ledger.issue(chunk.approvalId, chunk.toolCallId, call && preview ? pinnedTargets(call.toolName, preview.result) : {});
            writer.write(preview ? { ...chunk, approvalDescriptor: preview } : chunk);
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
