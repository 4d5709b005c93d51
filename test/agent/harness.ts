// An agent over a fresh copy of the acme workspace, for agent tests.

import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";
import { runAgent, type AgentResult } from "../../src/agent/agent.js";
import { LocalModel } from "../../src/agent/local/model.js";
import { connectTools, krDirectory, workspaceSummary } from "../../src/agent/mcp-tools.js";
import { AS_OF, FIXTURE, importPath, openService, tempDir } from "../helpers.js";

/** Without a model: the local model, with its KR lookup read through MCP as okr chat builds it. */
export async function agentHarness(given?: LanguageModelV3) {
  const service = await openService(await tempDir());
  await importPath(service, FIXTURE);
  const tools = await connectTools({ service, mcp: { readOnly: false, today: () => AS_OF, author: "Agent Tester", version: "test" } });
  const model = given ?? new LocalModel(await krDirectory(tools));
  // The workspace block of the system prompt, read through MCP as okr chat reads it.
  const workspace = await workspaceSummary(tools);
  const messages: ModelMessage[] = [];
  return {
    service,
    tools,
    workspace,
    /** One turn of a conversation: earlier turns stay in context. */
    async say(text: string, maxSteps?: number): Promise<AgentResult> {
      messages.push({ role: "user", content: text });
      const r = await runAgent({ model, tools, messages, today: AS_OF, maxSteps, workspace });
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
