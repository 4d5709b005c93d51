// The agent loop: a language model (local or an LLM) calling the OKR tools over MCP, a few steps
// at most, tool errors handed back to the model so it can correct itself. Writes wait for the
// person's approval: a run ends with them pending, unless the caller approved writes ahead.

import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText, stepCountIs, streamText, type ModelMessage } from "ai";
import { fillPrompt, loadPrompt } from "../mcp/prompts.js";
import { approvalMessage, declineUnanswered, langOf, pendingWrites, type PendingWrite } from "./approval.js";
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
  /** The person approved every write ahead (okr chat --yes, evals): proposed writes run at once. */
  approveWrites?: boolean;
  /** Signs approval requests and refuses approvals it did not sign (POST /api/chat). */
  approvalSecret?: string | Uint8Array;
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
  /** Writes the model proposed that wait for the person's yes or no, each with a dry-run preview. */
  pending: PendingWrite[];
}

export function systemPrompt(today: string, workspace?: string): string {
  return fillPrompt(loadPrompt("agent"), { today, workspace: workspace ?? "(not loaded: call list_okrs to see the refs)" });
}

/** The calls that ran, in the order they ran, with their results as the model read them. Read from
 *  the messages, not the steps: an approved write runs when the run after the approval starts,
 *  before its first step. A call denied or still waiting for approval did not run. */
function executed(earlier: ModelMessage[], added: ModelMessage[]): { records: ToolCallRecord[]; outputs: unknown[] } {
  const calls = new Map<string, { toolName: string; input: unknown }>();
  for (const m of [...earlier, ...added]) if (m.role === "assistant" && Array.isArray(m.content)) for (const p of m.content) if (p.type === "tool-call") calls.set(p.toolCallId, p);
  const records: ToolCallRecord[] = [];
  const outputs: unknown[] = [];
  for (const m of added) {
    if (m.role !== "tool") continue;
    for (const p of m.content) {
      const call = p.type === "tool-result" ? calls.get(p.toolCallId) : undefined;
      if (p.type !== "tool-result" || !call || p.output.type === "execution-denied") continue;
      const out = p.output;
      records.push({ name: call.toolName, args: call.input as Record<string, unknown>, isError: out.type === "error-text" || out.type === "error-json" });
      outputs.push(out.type === "json" || out.type === "error-json" || out.type === "text" || out.type === "error-text" ? out.value : null);
    }
  }
  return { records, outputs };
}

export async function runAgent(run: AgentRun): Promise<AgentResult> {
  const max = run.maxSteps ?? MAX_STEPS;
  const added: ModelMessage[] = [];
  const usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  let steps = 0;
  for (;;) {
    const result = await generateText({
      model: run.model,
      system: systemPrompt(run.today, run.workspace),
      messages: [...declineUnanswered(run.messages), ...added],
      tools: run.tools.tools,
      stopWhen: stepCountIs(max - steps),
      experimental_toolApprovalSecret: run.approvalSecret,
    });
    steps += result.steps.length;
    added.push(...result.response.messages);
    usage.inputTokens += result.totalUsage.inputTokens ?? 0;
    usage.outputTokens += result.totalUsage.outputTokens ?? 0;
    usage.totalTokens += result.totalUsage.totalTokens ?? 0;
    const asked = result.content.filter((p) => p.type === "tool-approval-request");
    if (run.approveWrites && asked.length > 0 && steps < max) {
      // Approved ahead: the next call runs the writes before its first step, then answers.
      added.push(approvalMessage(asked));
      continue;
    }
    const { records, outputs } = executed(run.messages, added);
    return {
      answer: result.text,
      toolCalls: records,
      toolOutputs: outputs,
      model: `${run.model.provider}:${run.model.modelId}`,
      steps,
      usage,
      responseMessages: added,
      pending: await pendingWrites(asked, run.tools, langOf(run.messages)),
    };
  }
}

/** The same loop, streamed: for the REPL and POST /api/chat. Proposed writes end the stream as
 *  approval requests (see pendingWrites); approveWrites does not apply here. */
export function streamAgent(run: AgentRun) {
  return streamText({
    model: run.model,
    system: systemPrompt(run.today, run.workspace),
    messages: declineUnanswered(run.messages),
    tools: run.tools.tools,
    stopWhen: stepCountIs(run.maxSteps ?? MAX_STEPS),
    experimental_toolApprovalSecret: run.approvalSecret,
  });
}
