// Writes wait for the person: every tool not annotated read-only needs approval (the AI SDK's tool
// approval), a run returns what it proposes with a dry-run preview, and only a yes writes.

import { MockLanguageModelV3 } from "ai/test";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { isYes } from "../../src/agent/approval.js";
import { AS_OF, cleanup } from "../helpers.js";
import { agentHarness, call, say } from "./harness.js";

let h: Awaited<ReturnType<typeof agentHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(cleanup);

const CHECK_IN = "log 54.1% for 30-day retention, confidence 4, onboarding emails shipped";
const PREVIEW =
  'KR2.1 Raise 30-day retention from 45% to 60%: 53.4% → 54.1%, confidence 4/5, 2026-11-26, note "onboarding emails shipped"; progress 56% → 61%, on track → on track';

describe("writes wait for the person's approval", () => {
  it("asks for every tool not annotated read-only, and for no read tool", async () => {
    h = await agentHarness(undefined, { approveWrites: false });
    const writes = Object.keys(h.tools.tools).filter((n) => h!.tools.tools[n]!.needsApproval !== undefined);
    expect(writes.sort()).toEqual(["add_key_result", "correct_check_in", "create_objective", "log_check_in", "update_key_result"]);
    expect(writes.every((n) => !h!.tools.readOnly.has(n))).toBe(true);
    expect([...h.tools.dryRun].sort()).toEqual(writes);
  });

  it("does not offer the model dryRun (the agent previews writes itself); a dry run it makes anyway writes nothing", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [call("d", "log_check_in", { keyResult: "KR2.1", value: 58, confidence: 4, dryRun: true }), say("That would make it 58.")],
    });
    h = await agentHarness(model, { approveWrites: false });
    const version = await h.service.store.version();
    const r = await h.say("what if I logged 58 for KR2.1?");
    const offered = model.doGenerateCalls[0]!.tools!.find((t) => t.name === "log_check_in") as { inputSchema: { properties: Record<string, unknown> } };
    expect(Object.keys(offered.inputSchema.properties)).not.toContain("dryRun");
    expect(r.pending).toEqual([]);
    expect(r.toolOutputs[0]).toMatchObject({ checkIn: { value: 58 } });
    expect(await h.service.store.version()).toBe(version);
  });

  it("returns a proposed check-in as data with its preview, writes nothing, and writes it on yes in one more model call", async () => {
    h = await agentHarness(undefined, { approveWrites: false });
    const version = await h.service.store.version();
    const r = await h.say(CHECK_IN);
    expect(r.pending).toEqual([
      {
        approvalId: expect.any(String),
        toolCallId: expect.any(String),
        toolName: "log_check_in",
        input: { keyResult: "KR2.1", value: 54.1, confidence: 4, note: "onboarding emails shipped" },
        preview: { result: expect.objectContaining({ checkIn: expect.objectContaining({ value: 54.1 }) }), error: null, text: PREVIEW, lang: "en" },
      },
    ]);
    expect(r.toolCalls).toEqual([]);
    expect(r.steps).toBe(1);
    expect(await h.service.store.version()).toBe(version);
    const done = (await h.answer(r.pending, true))!;
    expect(done.steps).toBe(1); // the SDK runs the approved call itself; the model only answers
    expect(done.toolCalls).toEqual([{ name: "log_check_in", args: r.pending[0]!.input, isError: false }]);
    expect(done.answer).toContain("Logged 54.1 on KR2.1");
    expect(done.pending).toEqual([]);
    expect((await h.service.keyResult("KR2.1", AS_OF)).current).toBe(54.1);
  });

  it("writes nothing on no, and the conversation goes on", async () => {
    h = await agentHarness(undefined, { approveWrites: false });
    const version = await h.service.store.version();
    const r = await h.say(CHECK_IN);
    expect(await h.answer(r.pending, false)).toBeNull();
    const next = await h.say("which KR is lagging most this week?");
    expect(next.answer).toMatch(/^Lagging most as of 2026-11-26: KR1\.3/);
    expect(await h.service.store.version()).toBe(version);
  });

  it("takes moving on to something else as a no", async () => {
    h = await agentHarness(undefined, { approveWrites: false });
    const version = await h.service.store.version();
    await h.say(CHECK_IN);
    const next = await h.say("which KR is lagging most this week?");
    expect(next.toolCalls.map((c) => c.name)).toEqual(["query_lagging_key_results"]);
    expect(await h.service.store.version()).toBe(version);
  });

  it("does not put a call that would fail to the person: the model gets the error and can ask", async () => {
    const model = new MockLanguageModelV3({ doGenerate: [call("c1", "log_check_in", { keyResult: "retention", value: 55, confidence: 4 }), say("Which one: KR1.1 or KR2.1?")] });
    h = await agentHarness(model, { approveWrites: false });
    const r = await h.say("log 55 for retention, confidence 4");
    expect(r.pending).toEqual([]);
    expect(r.toolCalls).toEqual([{ name: "log_check_in", args: { keyResult: "retention", value: 55, confidence: 4 }, isError: true }]);
    expect(JSON.stringify(model.doGenerateCalls[1]!.prompt)).toContain('\\"retention\\" matches 2 key results');
    expect(r.steps).toBe(2);
  });

  it("approved ahead (--yes, evals), a check-in takes two model calls: the tool call and the answer", async () => {
    h = await agentHarness(undefined, { approveWrites: true });
    const r = await h.say(CHECK_IN);
    expect(r.steps).toBe(2);
    expect(r.pending).toEqual([]);
    expect(r.toolCalls).toEqual([{ name: "log_check_in", args: { keyResult: "KR2.1", value: 54.1, confidence: 4, note: "onboarding emails shipped" }, isError: false }]);
    expect(r.toolOutputs[0]).toMatchObject({ keyResult: { ref: "KR2.1" }, checkIn: { value: 54.1 } });
  });

  it("previews updates, new objectives, new KRs and corrections the way a person reads them", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        call("u", "update_key_result", { keyResult: "KR6.1", target: 20, owner: "Minh Tran", title: "Cut unqualified leads" }),
        call("o", "create_objective", {
          title: "Make support feel instant",
          team: "Customer Success",
          owner: "Grace Okafor",
          parent: "O1",
          keyResults: [
            { title: "Cut first reply from 8 hours to 2", start: 8, target: 2, unit: "hours" },
            { title: "Raise CSAT from 80% to 90%", start: 80, target: 90, unit: "%" },
          ],
        }),
        call("k", "add_key_result", { objective: "O6", title: "Answer within a day", start: 60, target: 95, unit: "%", owner: "Minh Tran" }),
        call("c", "correct_check_in", { keyResult: "KR2.1", value: 53.1 }),
        call("r", "correct_check_in", { keyResult: "KR2.1", retract: true }),
      ],
    });
    h = await agentHarness(model, { approveWrites: false });
    const version = await h.service.store.version();
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) texts.push((await h.say(`write ${i}`)).pending[0]!.preview.text);
    expect(texts).toEqual([
      'KR6.1 Reduce unqualified leads passed to sales from 40% to 25%: title "Reduce unqualified leads passed to sales from 40% to 25%" → "Cut unqualified leads", target 25% → 20%, owner "Sofia Alvarez" → "Minh Tran"',
      'New objective O10 "Make support feel instant" (Customer Success, 2026-Q4), owner Grace Okafor, under O1; key results: KR10.1 Cut first reply from 8 hours to 2; KR10.2 Raise CSAT from 80% to 90%',
      'New key result KR6.4 "Answer within a day" on O6: increase from 60% to 95%, owner Minh Tran',
      "KR2.1 Raise 30-day retention from 45% to 60%: the check-in of 2026-11-20 (53.4%, confidence 4/5) → 53.1%, confidence 4/5; progress 56% → 54%, on track → on track",
      "KR2.1 Raise 30-day retention from 45% to 60%: the check-in of 2026-11-20 (53.4%, confidence 4/5) → retracted (it stays in history); progress 56% → 47%, on track → at risk",
    ]);
    expect(await h.service.store.version()).toBe(version);
  });
});

describe("isYes", () => {
  it("takes y, yes, có, ok and đồng ý (any case, with or without accents) as yes, and anything else as no", () => {
    for (const a of ["y", "Yes", "YES!", "có", "co", "ok", "OK.", "okay", "đồng ý", "dong y", " yes "]) expect(isYes(a), a).toBe(true);
    for (const a of ["", "n", "no", "không", "yes, but 54.2", "sure", "yep", "y es"]) expect(isYes(a), a).toBe(false);
  });
});

describe("proposals in the person's language", () => {
  it("previews a Vietnamese check-in in Vietnamese, statuses included", async () => {
    const h = await agentHarness(undefined, { approveWrites: false });
    const r = await h.say("cập nhật KR8.2 xuống 33 ngày, tự tin 4");
    expect(r.pending).toHaveLength(1);
    expect(r.pending[0]!.preview.lang).toBe("vi");
    expect(r.pending[0]!.preview.text).toMatch(/^KR8\.2 .*: 35 ngày → 33 ngày, độ tin cậy 4\/5, 2026-11-26; tiến độ \d+% → \d+%, (đúng tiến độ|có rủi ro|chệch hướng) → /);
    expect(r.pending[0]!.preview.text).not.toMatch(/confidence|progress|on track|at risk/);
    await h.close();
  });
});
