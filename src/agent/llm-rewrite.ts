// With an LLM configured, the critic may ask it for a better-worded objective; the rules stay the
// judge: a wording that still carries a metric, names an output, is vague or too long is dropped.

import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText } from "ai";
import { findMetric, findOutput, findVague } from "../domain/critic-language.js";
import { MAX_OBJECTIVE_WORDS } from "../domain/critic.js";
import type { Rewrite } from "../domain/critic-rewrite.js";
import { fillPrompt, loadPrompt } from "../mcp/prompts.js";

export interface RewriteOutcome {
  rewrite: Rewrite;
  source: "llm" | "rules";
  /** Why the LLM's wording was not used, when it was not. */
  rejected?: string;
}

export function judgeObjective(text: string): string | null {
  if (!text.trim()) return "empty";
  if (findMetric(text)) return `still contains a metric ("${findMetric(text)!.text}")`;
  if (findOutput(text)) return `names an output ("${findOutput(text)!.text}")`;
  if (findVague(text)) return "too vague";
  if (text.trim().split(/\s+/).length > MAX_OBJECTIVE_WORDS) return "too long";
  return null;
}

export async function llmRewrite(model: LanguageModelV3, title: string, rules: Rewrite): Promise<RewriteOutcome> {
  let text: string;
  try {
    ({ text } = await generateText({ model, prompt: fillPrompt(loadPrompt("critic-rewrite"), { title, keyResult: rules.keyResults[0]?.title ?? "" }), maxRetries: 0 }));
  } catch (e) {
    return { rewrite: rules, source: "rules", rejected: `the model failed: ${(e as Error).message}` };
  }
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  let objective: unknown;
  try {
    objective = json ? (JSON.parse(json) as { objective?: unknown }).objective : undefined;
  } catch {
    objective = undefined;
  }
  if (typeof objective !== "string") return { rewrite: rules, source: "rules", rejected: 'the model did not answer with {"objective": …}' };
  const broken = judgeObjective(objective);
  if (broken) return { rewrite: rules, source: "rules", rejected: `the model's "${objective}" ${broken}` };
  return { rewrite: { ...rules, objective: objective.trim() }, source: "llm" };
}
