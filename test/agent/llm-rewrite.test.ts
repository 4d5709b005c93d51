// An LLM may word the critic's rewrite better; the rules discard wording that breaks them.

import type { LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { llmRewrite } from "../../src/agent/llm-rewrite.js";
import { rewriteObjective } from "../../src/domain/critic-rewrite.js";

const O3 = "Increase conversion by 2% by optimizing the landing page";
const answer = (text: string): LanguageModelV3GenerateResult => ({
  content: [{ type: "text", text }],
  finishReason: { unified: "stop", raw: "stop" },
  usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
  warnings: [],
});

describe("LLM-worded rewrite", () => {
  const rules = rewriteObjective(O3)!;
  it("keeps a wording that passes the rules, with the rules' key result", async () => {
    const model = new MockLanguageModelV3({ doGenerate: [answer('{"objective": "Make our landing page win over the visitors who matter"}')] });
    const r = await llmRewrite(model, O3, rules);
    const worded = "Make our landing page win over the visitors who matter";
    expect(r).toEqual({ source: "llm", rewrite: { ...rules, objective: worded, candidates: [worded, ...rules.candidates].slice(0, 3) } });
    expect(JSON.stringify(model.doGenerateCalls[0]!.prompt)).toContain(O3);
  });
  it.each([
    ['{"objective": "Lift conversion by 2% on the landing page"}', /still contains a metric \("2%"\)/],
    ['{"objective": "Launch a faster landing page"}', /names an output \("Launch"\)/],
    ['{"objective": "Improve conversion"}', /too vague/],
    ["Sure! Here is a better objective: Delight visitors", /did not answer with/],
  ])("discards %j", async (text, why) => {
    const r = await llmRewrite(new MockLanguageModelV3({ doGenerate: [answer(text)] }), O3, rules);
    expect(r.source).toBe("rules");
    expect(r.rewrite).toEqual(rules);
    expect(r.rejected).toMatch(why);
  });
});
