// Writes the weekly summary: with an LLM configured, from the facts alone, checked for grounding
// and retried once with the claims that failed; otherwise (or if it fails twice) the template.

import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText } from "ai";
import { checkGrounding, type Claim, type GroundingContext } from "../domain/grounding.js";
import { fillPrompt, loadPrompt } from "../mcp/prompts.js";
import type { Fact, Lang } from "../service/weekly.js";

export interface WrittenSummary {
  markdown: string;
  grounded: boolean;
  claims: Claim[];
  /** "template", "llm:<model>", or "template (fallback: …)". */
  writer: string;
}

export interface SummaryInput {
  facts: Fact[];
  template: string;
  lang: Lang;
  context: GroundingContext;
  model?: LanguageModelV3 | null;
}

export async function writeSummary(input: SummaryInput): Promise<WrittenSummary> {
  const template = (writer: string): WrittenSummary => ({ markdown: input.template, ...checkGrounding(input.template, input.context), writer });
  if (!input.model) return template("template");
  const name = `llm:${input.model.provider}:${input.model.modelId}`;
  const facts = JSON.stringify(
    input.facts.map(({ id, kind, text, refs, dates }) => ({ id, kind, text, refs, dates })),
    null,
    1,
  );
  const prompt = fillPrompt(loadPrompt("weekly-summary"), { language: input.lang === "vi" ? "Vietnamese" : "English", facts });
  let messages: { role: "user" | "assistant"; content: string }[] = [{ role: "user", content: prompt }];
  for (let attempt = 1; attempt <= 2; attempt++) {
    let text: string;
    try {
      ({ text } = await generateText({ model: input.model, messages, maxRetries: 0 }));
    } catch (e) {
      return template(`template (fallback: the model failed: ${(e as Error).message})`);
    }
    const check = checkGrounding(text, input.context);
    if (check.grounded) return { markdown: text.trim(), ...check, writer: name };
    const bad = check.claims.filter((c) => !c.grounded).map((c) => `"${c.text}" (${c.kind})`);
    if (attempt === 2) return template(`template (fallback: the LLM summary failed the grounding check twice: ${bad.join(", ")})`);
    messages = [
      ...messages,
      { role: "assistant", content: text },
      {
        role: "user",
        content: `These claims are not in the facts: ${bad.join(", ")}. Rewrite the summary using only numbers, dates, refs and quotes exactly as the facts give them.`,
      },
    ];
  }
  return template("template");
}
