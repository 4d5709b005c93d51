// The LLM summary writer: grounded summaries pass, an invented number is retried once, and a model
// that keeps inventing falls back to the template, saying so.

import type { LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSummary } from "../../src/agent/summary-writer.js";
import type { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, acmeService, cleanup } from "../helpers.js";

const answer = (text: string): LanguageModelV3GenerateResult => ({
  content: [{ type: "text", text }],
  finishReason: { unified: "stop", raw: "stop" },
  usage: { inputTokens: { total: 100, noCache: 100, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 50, text: 50, reasoning: 0 } },
  warnings: [],
});
const GOOD = "**Headline:** KR1.3 is furthest behind: 57 pts behind pace, 5% against 62% expected [F16].\n- KR2.3 has had no check-in since 2026-10-30 [F19].";
const INVENTED = "**Headline:** KR1.3 is 71 pts behind and churn hit 6.5% [F16].";

let svc: OkrService;
beforeAll(async () => {
  svc = await acmeService();
});
afterAll(async () => {
  await svc.close();
  await cleanup();
});

async function input(model: MockLanguageModelV3 | null) {
  const w = await svc.weeklySummary(AS_OF);
  return { facts: w.facts, template: w.summary, lang: "en" as const, context: w.groundingContext, model };
}

describe("summary writer", () => {
  it("uses the template without a model", async () => {
    const r = await writeSummary(await input(null));
    expect(r.writer).toBe("template");
    expect(r.grounded).toBe(true);
  });
  it("keeps a grounded LLM summary, given only the facts", async () => {
    const model = new MockLanguageModelV3({ doGenerate: [answer(GOOD)] });
    const r = await writeSummary(await input(model));
    expect(r).toMatchObject({ markdown: GOOD, grounded: true, writer: "llm:mock-provider:mock-model-id" });
    const prompt = JSON.stringify(model.doGenerateCalls[0]!.prompt);
    expect(prompt).toContain('\\"id\\": \\"F16\\"');
    expect(prompt).toContain("quote it word for word if you use it");
  });
  it("retries once with the ungrounded claims, and keeps the corrected summary", async () => {
    const model = new MockLanguageModelV3({ doGenerate: [answer(INVENTED), answer(GOOD)] });
    const r = await writeSummary(await input(model));
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(JSON.stringify(model.doGenerateCalls[1]!.prompt)).toContain('These claims are not in the facts: \\"71 pts\\" (number), \\"6.5%\\" (number)');
    expect(r).toMatchObject({ markdown: GOOD, grounded: true });
  });
  it("falls back to the template when the model keeps inventing, and says so", async () => {
    const model = new MockLanguageModelV3({ doGenerate: [answer(INVENTED), answer(INVENTED)] });
    const r = await writeSummary(await input(model));
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(r.markdown).toBe((await input(null)).template);
    expect(r.grounded).toBe(true);
    expect(r.writer).toBe('template (fallback: the LLM summary failed the grounding check twice: "71 pts" (number), "6.5%" (number))');
  });
});
