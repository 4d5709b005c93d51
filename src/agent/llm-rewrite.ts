// With an LLM configured, the critic may ask it for a better-worded objective; the rules stay the
// judge: a wording that still carries a metric, names an output, is vague or too long is dropped.
// A kept wording goes first; the rules' own candidates follow it.

import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText } from "ai";
import { judgeObjective, type Rewrite } from "../domain/critic-rewrite.js";
import { fillPrompt, loadPrompt } from "../mcp/prompts.js";

export interface RewriteOutcome {
  rewrite: Rewrite;
  source: "llm" | "rules";
  /** Why the LLM's wording was not used, when it was not. */
  rejected?: string;
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
  const best = objective.trim();
  const candidates = [best, ...rules.candidates.filter((c) => c.toLowerCase() !== best.toLowerCase())].slice(0, 3);
  return { rewrite: { ...rules, objective: best, candidates }, source: "llm" };
}
