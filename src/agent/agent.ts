// The agent loop: a language model (local or an LLM) calling the OKR tools over MCP, a few steps
// at most, tool errors handed back to the model so it can correct itself.

import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText, stepCountIs, streamText, type ModelMessage, type StepResult, type ToolSet } from "ai";
import { fillPrompt, loadPrompt } from "../mcp/prompts.js";
import type { AgentTools } from "./mcp-tools.js";

export const MAX_STEPS = 5;

export interface AgentRun {
  model: LanguageModelV3;
  tools: AgentTools;
  messages: ModelMessage[];
  today: string;
  /** The workspace's objectives, KRs, teams and owners for the system prompt (workspaceSummary). */
  workspace?: string;
  maxSteps?: number;
}

export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  isError: boolean;
}

export interface AgentResult {
  answer: string;
  toolCalls: ToolCallRecord[];
  /** Each call's structured result (or structured error), in the order of toolCalls: for evals. */
  toolOutputs: unknown[];
  model: string;
  steps: number;
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
  /** The messages the run added (assistant and tool turns), to keep the conversation going. */
  responseMessages: ModelMessage[];
}

export function systemPrompt(today: string, workspace?: string): string {
  return fillPrompt(loadPrompt("agent"), { today, workspace: workspace ?? "(not loaded: call list_okrs to see the refs)" });
}

function outputs(steps: StepResult<ToolSet>[]): unknown[] {
  return steps.flatMap((s) =>
    s.toolCalls.map((c) => {
      const out = s.toolResults.find((r) => r.toolCallId === c.toolCallId)?.output as { structuredContent?: unknown; content?: { text?: string }[] } | undefined;
      return out?.structuredContent ?? out?.content?.map((p) => p.text).join("\n") ?? null;
    }),
  );
}

function records(steps: StepResult<ToolSet>[]): ToolCallRecord[] {
  return steps.flatMap((s) =>
    s.toolCalls.map((c) => {
      const result = s.toolResults.find((r) => r.toolCallId === c.toolCallId);
      const error = s.content.some((p) => p.type === "tool-error" && p.toolCallId === c.toolCallId);
      const isError = error || (result?.output as { isError?: boolean } | undefined)?.isError === true;
      return { name: c.toolName, args: c.input as Record<string, unknown>, isError };
    }),
  );
}

export async function runAgent(run: AgentRun): Promise<AgentResult> {
  const result = await generateText({
    model: run.model,
    system: systemPrompt(run.today, run.workspace),
    messages: run.messages,
    tools: run.tools.tools,
    stopWhen: stepCountIs(run.maxSteps ?? MAX_STEPS),
  });
  const u = result.totalUsage;
  return {
    answer: result.text,
    toolCalls: records(result.steps),
    toolOutputs: outputs(result.steps),
    model: `${run.model.provider}:${run.model.modelId}`,
    steps: result.steps.length,
    usage: { inputTokens: u.inputTokens ?? 0, outputTokens: u.outputTokens ?? 0, totalTokens: u.totalTokens ?? 0 },
    responseMessages: result.response.messages,
  };
}

/** The same loop, streamed: for the REPL and POST /api/chat. */
export function streamAgent(run: AgentRun) {
  return streamText({
    model: run.model,
    system: systemPrompt(run.today, run.workspace),
    messages: run.messages,
    tools: run.tools.tools,
    stopWhen: stepCountIs(run.maxSteps ?? MAX_STEPS),
  });
}
