// An agent over a fresh copy of the acme workspace, for agent tests.

import type { LanguageModelV3, LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";
import { runAgent, type AgentResult } from "../../src/agent/agent.js";
import { approvalMessage, declineMessage, type PendingWrite } from "../../src/agent/approval.js";
import { LocalModel } from "../../src/agent/local/model.js";
import { connectTools, krDirectory, workspaceSummary } from "../../src/agent/mcp-tools.js";
import type { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, FIXTURE, importPath, openService, tempDir } from "../helpers.js";

/** Without a model: the local model, with its KR lookup read through MCP as okr chat builds it.
 *  Writes are approved ahead by default, as okr chat --yes and the evals run them: these tests
 *  are about understanding; approval.test.ts is about asking. */
// One scripted model step for MockLanguageModelV3: a tool call, or a text answer.
const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };
export const call = (id: string, toolName: string, input: unknown): LanguageModelV3GenerateResult => ({
  content: [{ type: "tool-call", toolCallId: id, toolName, input: JSON.stringify(input) }],
  finishReason: { unified: "tool-calls", raw: "tool_calls" },
  usage,
  warnings: [],
});
export const say = (text: string): LanguageModelV3GenerateResult => ({ content: [{ type: "text", text }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] });

export async function agentHarness(given?: LanguageModelV3, { approveWrites = true, setup }: { approveWrites?: boolean; setup?: (service: OkrService) => Promise<unknown> } = {}) {
  const service = await openService(await tempDir());
  await importPath(service, FIXTURE);
  // What others stored before this conversation (the model's KR directory is read after it).
  await setup?.(service);
  const tools = await connectTools({ service, mcp: { readOnly: false, today: () => AS_OF, author: "Agent Tester", version: "test" } });
  const model = given ?? new LocalModel(await krDirectory(tools));
  // The workspace block of the system prompt, read through MCP as okr chat reads it.
  const workspace = await workspaceSummary(tools);
  const messages: ModelMessage[] = [];
  return {
    service,
    tools,
    workspace,
    messages,
    /** One turn of a conversation: earlier turns stay in context. */
    async say(text: string, maxSteps?: number): Promise<AgentResult> {
      messages.push({ role: "user", content: text });
      const r = await runAgent({ model, tools, messages, today: AS_OF, maxSteps, workspace, approveWrites });
      messages.push(...r.responseMessages);
      return r;
    },
    /** The person's answer to the writes the last turn proposed: yes runs them (a model call to
     *  answer), no records the refusal and calls no model. */
    async answer(pending: PendingWrite[], yes: boolean): Promise<AgentResult | null> {
      if (!yes) {
        messages.push(declineMessage(pending));
        return null;
      }
      messages.push(approvalMessage(pending));
      const r = await runAgent({ model, tools, messages, today: AS_OF, workspace, approveWrites });
      messages.push(...r.responseMessages);
      return r;
    },
    async checkInCount(): Promise<number> {
      return (await service.store.checkIns()).length;
    },
    async close() {
      await tools.close();
      await service.close();
    },
  };
}
