// The `local` model: a deterministic interpreter that speaks the AI SDK's LanguageModelV3, so the
// agent loop is the same with or without an LLM. Step 1 reads the person's words into tool calls
// (understand.ts); step 2 writes the answer from the tool results (answer.ts). No network.

import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { composeAnswer, type ToolOutcome } from "./answer.js";
import { detectLang } from "./lang.js";
import { folded } from "./parse.js";
import type { ToolCallPlan, View } from "./reads.js";
import { WRITE_TOOLS } from "./plan.js";
import { readState, stateMetadata, type LocalState } from "./state.js";
import { draftRequest, understand, type KrDirectory } from "./understand.js";

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((p: { type: string; text?: string }) => (p.type === "text" ? (p.text ?? "") : "")).join("");
}

function usage(prompt: LanguageModelV3Prompt, output: string): LanguageModelV3Usage {
  // No tokenizer: characters / 4, the usual rough estimate, so --json can report something honest.
  const input = Math.ceil(JSON.stringify(prompt).length / 4);
  const out = Math.ceil(output.length / 4);
  return { inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: out, text: out, reasoning: 0 } };
}

let callCounter = 0;

export class LocalModel implements LanguageModelV3 {
  readonly specificationVersion = "v3" as const;
  readonly provider = "okr-local";
  readonly modelId = "local";
  readonly supportedUrls = {};

  /** `directory` tells the model the workspace's KRs, teams and owners (see directory.ts). */
  constructor(private readonly directory?: KrDirectory) {}

  /** Decides the next step from the conversation so far. */
  respond(prompt: LanguageModelV3Prompt): { content: LanguageModelV3Content[]; finishReason: LanguageModelV3FinishReason } {
    const lastUser = prompt.map((m) => m.role).lastIndexOf("user");
    const userText = lastUser >= 0 ? textOf(prompt[lastUser]!.content) : "";
    const lang = detectLang(userText, folded(userText));
    const after = prompt.slice(lastUser + 1);
    const results = after.flatMap((m) => (m.role === "tool" ? m.content.filter((p) => p.type === "tool-result") : []));
    if (results.length > 0) {
      // Reads held back until the writes before them were done: now.
      const made = after.flatMap((m) => (m.role === "assistant" ? m.content : [])).filter((p) => p.type === "tool-call");
      const madeStates = made.map((p) => readState(p.providerOptions));
      const later = madeStates.find((s) => s?.then?.length)?.then;
      if (later && !madeStates.some((s) => s?.deferred)) return this.callsStep(later, { view: madeStates.find((s) => s?.view)?.view, deferred: true });
      const calls = new Map(
        after
          .flatMap((m) => (m.role === "assistant" ? m.content : []))
          .filter((p) => p.type === "tool-call")
          .map((p) => [p.toolCallId, p]),
      );
      const outcomes: ToolOutcome[] = results.map((r) => {
        const out = r.output;
        const ok = out.type === "json" || out.type === "text" || out.type === "content";
        let data = out.type === "json" ? out.value : out.type === "error-json" ? JSON.stringify(out.value) : "value" in out ? out.value : "";
        // A structured tool error: its text copy stays the data (as when errors came as text).
        const error = out.type === "error-json" ? (out.value as { error?: ToolOutcome["error"] } | null)?.error : undefined;
        if (error) data = [error.message, ...(error.details ?? []).map((d) => `- ${d}`)].join("\n");
        return { toolName: r.toolName, input: (calls.get(r.toolCallId)?.input ?? {}) as Record<string, unknown>, ok, data, ...(error ? { error } : {}) };
      });
      // The view chosen with the tool calls travels on them as data (see reads.ts).
      const callParts = after.flatMap((m) => (m.role === "assistant" ? m.content : [])).filter((p) => p.type === "tool-call");
      const states = callParts.map((p) => readState(p.providerOptions)).filter((s): s is LocalState => s !== null);
      const view = states.map((s) => s.view).find(Boolean);
      const ask = states.find((s) => s.ask);
      const draft = draftRequest(userText)?.draft ?? null;
      const answer = composeAnswer(outcomes, userText, lang, draft, view);
      const text = ask?.ask ? `${answer}\n\n${ask.ask}` : answer;
      // A drafted objective, or a question asked with this answer, waits for the reply: as data.
      const critiqued = draft && outcomes.some((o) => o.toolName === "critique_objective" && o.ok);
      const pending = ask?.pending ?? (critiqued ? { kind: "draft" as const, draft } : undefined);
      return {
        content: [{ type: "text", text, ...(pending ? { providerMetadata: stateMetadata({ pending }) } : {}) }],
        finishReason: { unified: "stop", raw: "stop" },
      };
    }
    const earlier = prompt.slice(0, Math.max(0, lastUser));
    const answers = earlier.filter((m) => m.role === "assistant" && textOf(m.content));
    const previous = answers.at(-1);
    const previousUser = earlier.filter((m) => m.role === "user").at(-1);
    // Our last answer's state, as data: the metadata on its text part.
    const lastAnswer = earlier.filter((m) => m.role === "assistant").at(-1);
    const lastState: LocalState | null =
      lastAnswer && Array.isArray(lastAnswer.content) ? (lastAnswer.content.map((p) => readState(p.providerOptions)).find((s) => s?.pending) ?? null) : null;
    const plan = understand({
      directory: this.directory,
      pending: lastState?.pending ?? null,
      text: userText,
      previousAnswer: previous ? textOf(previous.content) : null,
      previousUser: previousUser ? textOf(previousUser.content) : null,
      olderAnswer: answers.length > 1 ? textOf(answers.at(-2)!.content) : null,
      today: /Today is (\d{4}-\d{2}-\d{2})/.exec((prompt.find((m) => m.role === "system")?.content as string) ?? "")?.[1] ?? null,
    });
    if (plan.kind === "text")
      return {
        content: [{ type: "text", text: plan.text, ...(plan.pending ? { providerMetadata: stateMetadata({ pending: plan.pending }) } : {}) }],
        finishReason: { unified: "stop", raw: "stop" },
      };
    // Reads said after a write wait for it ("…and tell me where that leaves KR9.4"): the answer
    // must show the numbers the write made.
    const firstWrite = plan.calls.findIndex((c) => WRITE_TOOLS.has(c.toolName));
    const later = firstWrite >= 0 ? plan.calls.slice(firstWrite).filter((c) => !WRITE_TOOLS.has(c.toolName)) : [];
    const now = plan.calls.filter((c) => !later.includes(c));
    return this.callsStep(now, {
      ...(plan.view && !later.length ? { view: plan.view } : {}),
      ...(plan.ask ? { ask: plan.ask.text, pending: plan.ask.pending } : {}),
      ...(later.length ? { then: plan.view ? later.map((c, i) => (i === 0 ? { ...c, view: plan.view } : c)) : later } : {}),
    });
  }

  /** A step of tool calls, the first one carrying the state (view, question, later reads). */
  private callsStep(calls: (ToolCallPlan & { view?: View })[], state: LocalState): { content: LanguageModelV3Content[]; finishReason: LanguageModelV3FinishReason } {
    const view = state.view ?? calls.find((c) => c.view)?.view;
    const kept: LocalState = Object.fromEntries(Object.entries({ ...state, view }).filter(([, v]) => v !== undefined));
    return {
      content: calls.map((c, i) => ({
        type: "tool-call" as const,
        toolCallId: `local-${++callCounter}`,
        toolName: c.toolName,
        input: JSON.stringify(c.input),
        ...(i === 0 && Object.keys(kept).length ? { providerMetadata: stateMetadata(kept) } : {}),
      })),
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
    };
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { content, finishReason } = this.respond(options.prompt);
    return { content, finishReason, usage: usage(options.prompt, JSON.stringify(content)), warnings: [] };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { content, finishReason } = this.respond(options.prompt);
    const parts: LanguageModelV3StreamPart[] = [{ type: "stream-start", warnings: [] }];
    for (const c of content) {
      if (c.type === "text") {
        const id = `text-${++callCounter}`;
        parts.push({ type: "text-start", id });
        // Word by word, so a terminal shows the answer arriving like any streamed model's.
        for (const piece of c.text.match(/\S+\s*|\s+/g) ?? []) parts.push({ type: "text-delta", id, delta: piece });
        parts.push({ type: "text-end", id, ...(c.providerMetadata ? { providerMetadata: c.providerMetadata } : {}) });
      } else parts.push(c as LanguageModelV3StreamPart);
    }
    parts.push({ type: "finish", finishReason, usage: usage(options.prompt, JSON.stringify(content)) });
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const p of parts) controller.enqueue(p);
        controller.close();
      },
    });
    return { stream };
  }
}
