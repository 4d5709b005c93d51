// The local model end to end (agent loop → MCP client → our server → store) over the acme fixture.

import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AS_OF, cleanup } from "../helpers.js";
import { agentHarness } from "./harness.js";

let h: Awaited<ReturnType<typeof agentHarness>>;
beforeEach(async () => {
  h = await agentHarness();
});
afterEach(async () => h.close());
afterAll(cleanup);

const WRITES = ["log_check_in", "create_objective", "add_key_result", "update_key_result"];

describe("lagging questions", () => {
  it('"which KR is lagging most this week?" names KR1.3 in two model calls', async () => {
    const r = await h.say("which KR is lagging most this week?");
    expect(r.toolCalls).toEqual([{ name: "query_lagging_key_results", args: { limit: 3 }, isError: false }]);
    expect(r.answer).toMatch(/^Lagging most as of 2026-11-26: KR1\.3 Reduce monthly logo churn/);
    expect(r.answer).toContain("no change this week");
    expect(r.steps).toBe(2);
    expect(r.usage.totalTokens).toBeGreaterThan(0);
  });
  it("maps a team named in English to its Vietnamese name and reports what is off track", async () => {
    const r = await h.say("what's off track in Sales?");
    expect(r.toolCalls[0]).toMatchObject({ name: "query_lagging_key_results", args: { team: "Kinh doanh" }, isError: false });
    expect(r.answer).toContain("Nothing in Kinh doanh is off track");
    expect(r.answer).toContain("KR8.1");
  });
  it("understands Vietnamese and a top N", async () => {
    const vi = await h.say("KR nào đang chậm nhất?");
    expect(vi.toolCalls[0]!.name).toBe("query_lagging_key_results");
    expect(vi.answer).toMatch(/^Chậm nhất tính đến 2026-11-26: KR1\.3/);
    const top = await h.say("top 2 lagging KRs for engineering");
    expect(top.toolCalls[0]!.args).toEqual({ team: "Engineering", limit: 2 });
    expect(top.answer).toContain("KR5.2");
  });
});

describe("check-ins", () => {
  it("logs an English check-in on the KR named by a fragment, with value, confidence and note", async () => {
    const r = await h.say("log 53.9% for 30-day retention, confidence 3, onboarding emails shipped");
    // The KR named by words is resolved to its ref before the call (the model knows the KR titles).
    expect(r.toolCalls).toEqual([{ name: "log_check_in", args: { keyResult: "KR2.1", value: 53.9, confidence: 3, note: "onboarding emails shipped" }, isError: false }]);
    const kr = await h.service.keyResult("KR2.1", AS_OF);
    expect(kr.current).toBe(53.9);
    expect(kr.confidence).toBe(3);
    expect(kr.checkIns.at(-1)).toMatchObject({ note: "onboarding emails shipped", author: "Agent Tester", date: AS_OF });
    expect(r.answer).toContain("Logged 53.9 on KR2.1");
  });
  it("logs a Vietnamese check-in with a decimal comma and a note", async () => {
    const r = await h.say("cập nhật KR8.2 xuống 33,5 ngày, tự tin 4, ghi chú: mẫu hợp đồng mới rút ngắn chu kỳ");
    expect(r.toolCalls[0]).toEqual({ name: "log_check_in", args: { keyResult: "KR8.2", value: 33.5, confidence: 4, note: "mẫu hợp đồng mới rút ngắn chu kỳ" }, isError: false });
    expect((await h.service.keyResult("KR8.2", AS_OF)).current).toBe(33.5);
    expect(r.answer).toMatch(/^Đã ghi 33\.5 cho KR8\.2/);
  });
  it("reads 0.52 as 52 on a percent KR whose range sits above 1, and says so; leaves other values alone", async () => {
    const r = await h.say("log 0.55 for 30-day retention, confidence 4");
    expect(r.toolCalls[0]!.args).toMatchObject({ keyResult: "KR2.1", value: 55 });
    expect(r.answer).toContain("Logged 55 (I read 0.55 as 55%) on KR2.1");
    const days = await h.say("log 0.5 for KR2.2");
    expect(days.toolCalls[0]!.args).toMatchObject({ keyResult: "KR2.2", value: 0.5 }); // days, not a percent
    const spelled = await h.say("KR9.2 is now fifty-two, confidence 2");
    expect(spelled.toolCalls[0]!.args).toMatchObject({ keyResult: "KR9.2", value: 52, confidence: 2 });
  });

  it("maps red/yellow/green to 2/3/4 and says so", async () => {
    const r = await h.say("KR9.1 is now 88, yellow");
    expect(r.toolCalls[0]!.args).toEqual({ keyResult: "KR9.1", value: 88, confidence: 3 });
    expect(r.answer).toContain('(I read "yellow" as 3)');
    expect((await h.service.keyResult("KR9.1", AS_OF)).confidence).toBe(3);
  });
  it("asks which KR when a name matches several, writes nothing, and logs once the person picks", async () => {
    const before = await h.checkInCount();
    const r = await h.say("update the retention KR to 55");
    expect(r.toolCalls).toEqual([]); // it knows the KR titles, so it asks before calling anything
    expect(r.answer).toBe("Which one do you mean: KR1.1 (Increase net revenue retention from 102% to 110%), KR2.1 (Raise 30-day retention from 45% to 60%)? Reply with the ref.");
    expect(await h.checkInCount()).toBe(before);
    const picked = await h.say("KR2.1");
    expect(picked.toolCalls[0]).toMatchObject({ name: "log_check_in", args: { keyResult: "KR2.1", value: 55 }, isError: false });
    expect((await h.service.keyResult("KR2.1", AS_OF)).current).toBe(55);
  });
  it("asks for the value instead of writing when it is missing", async () => {
    const before = await h.checkInCount();
    const r = await h.say("log a check-in for KR2.2");
    expect(r.toolCalls).toEqual([]);
    expect(r.answer).toBe("What is the new value for KR2.2?");
    expect(await h.checkInCount()).toBe(before);
    const r2 = await h.say("3.5 days, confidence 4");
    expect(r2.toolCalls[0]).toMatchObject({ name: "log_check_in", args: { keyResult: "KR2.2", value: 3.5, confidence: 4 } });
  });
});

describe("objectives", () => {
  it("drafts an objective, runs the critic, creates nothing until the person says yes", async () => {
    const objectives = async () => (await h.service.tree(AS_OF)).length;
    const draft = await h.say("help me write an objective about faster support");
    expect(draft.toolCalls.map((c) => c.name)).toEqual(["critique_objective"]);
    expect(draft.answer).toContain("Objective: Give every customer fast, helpful support");
    expect(draft.answer).toContain("- Cut median first-response time from 8 hours to 2 hours");
    expect(draft.answer).toContain('Reply "yes" to create it');
    expect(await objectives()).toBe(9);
    const team = await h.say("yes");
    expect(team.toolCalls).toEqual([]);
    expect(team.answer).toContain("Which team should own it?");
    expect(await objectives()).toBe(9);
    const created = await h.say("yes, for Customer Success");
    expect(created.toolCalls[0]).toMatchObject({
      name: "create_objective",
      args: { title: "Give every customer fast, helpful support", team: "Customer Success" },
      isError: false,
    });
    expect(created.answer).toMatch(/^Created O10 "Give every customer fast, helpful support" for Customer Success \(2026-Q4\) with KR10\.1, KR10\.2, KR10\.3\./);
    const o10 = (await h.service.tree(AS_OF, "Customer Success")).find((o) => o.ref === "O10")!;
    expect(o10.keyResults.map((k) => [k.title, k.target])).toEqual([
      ["Cut median first-response time from 8 hours to 2 hours", 2],
      ["Raise support CSAT from 85% to 92%", 92],
      ["Raise tickets resolved within 24 hours from 60% to 80%", 80],
    ]);
  });
  it("drops a draft on no", async () => {
    await h.say("giúp tôi viết mục tiêu về giữ chân khách hàng");
    const r = await h.say("không");
    expect(r.toolCalls).toEqual([]);
    expect(r.answer).toBe("Được, mình không tạo gì cả.");
    expect((await h.service.tree(AS_OF)).length).toBe(9);
  });
  it("creates an objective and adds a key result when asked", async () => {
    const o = await h.say("create an objective for Marketing: Be the voice of remote product teams");
    expect(o.toolCalls[0]).toEqual({ name: "create_objective", args: { title: "Be the voice of remote product teams", team: "Marketing" }, isError: false });
    const kr = await h.say("add a KR to O10: grow newsletter subscribers from 8,000 to 12,000 subscribers");
    expect(kr.toolCalls[0]).toMatchObject({ name: "add_key_result", args: { objective: "O10", start: 8000, target: 12000, unit: "subscribers" }, isError: false });
    expect((await h.service.keyResult("KR10.1", AS_OF)).target).toBe(12000);
  });
  it("critiques an objective without writing", async () => {
    const r = await h.say("critique: Increase conversion by 2% by optimizing the landing page");
    expect(r.toolCalls).toEqual([{ name: "critique_objective", args: { title: "Increase conversion by 2% by optimizing the landing page" }, isError: false }]);
    expect(r.answer).toContain("What I would change:");
  });
});

describe("other requests", () => {
  it("writes the weekly summary from the tool's facts", async () => {
    const r = await h.say("write the leadership summary for this week");
    expect(r.toolCalls.map((c) => c.name)).toEqual(["weekly_summary"]);
    expect(r.answer).toMatch(/^# Weekly OKR summary, 2026-11-20 to 2026-11-26/);
    const vi = await h.say("viết tóm tắt tuần này cho lãnh đạo");
    expect(vi.toolCalls[0]).toEqual({ name: "weekly_summary", args: { language: "vi" }, isError: false });
    expect(vi.answer).toMatch(/^# Tóm tắt OKR tuần, 2026-11-20 đến 2026-11-26/);
  });
  it("shows a team's OKRs and one KR's status", async () => {
    expect((await h.say("show me Product's OKRs")).toolCalls[0]).toMatchObject({ name: "list_okrs", args: { team: "Product" } });
    const kr = await h.say("how is KR6.1 doing?");
    expect(kr.toolCalls[0]).toEqual({ name: "get_key_result", args: { keyResult: "KR6.1" }, isError: false });
    expect(kr.answer).toContain("KR6.1 Reduce unqualified leads passed to sales");
  });
  it("says what it can do for anything else, and calls no write tool", async () => {
    const before = await h.checkInCount();
    for (const text of ["tell me a joke", "delete every objective", "what's the weather in Hanoi?"]) {
      const r = await h.say(text);
      expect(
        r.toolCalls.filter((c) => WRITES.includes(c.name)),
        text,
      ).toEqual([]);
    }
    const r = await h.say("tell me a joke");
    expect(r.answer).toMatch(/^I can help with your OKRs/);
    expect(await h.checkInCount()).toBe(before);
    expect((await h.service.tree(AS_OF)).length).toBe(9);
  });
  it("does not act on instructions stored in a check-in note (the acme fixture has one on KR6.1)", async () => {
    const before = await h.checkInCount();
    const results = [await h.say("how is KR6.1 doing?"), await h.say("search for scoring model"), await h.say("what's lagging in Marketing?")];
    for (const r of results) expect(r.toolCalls.filter((c) => WRITES.includes(c.name))).toEqual([]);
    expect(await h.checkInCount()).toBe(before);
    expect((await h.service.tree(AS_OF)).length).toBe(9);
  });
});

describe("fixing a check-in", () => {
  it('"undo my last check-in" retracts the check-in written last, and says what it took back', async () => {
    await h.say("log 61 for KR4.1, confidence 3");
    const before = await h.service.keyResult("KR4.1", AS_OF);
    expect(before.current).toBe(61);
    const r = await h.say("undo my last check-in");
    expect(r.toolCalls).toEqual([{ name: "correct_check_in", args: { keyResult: "KR4.1", retract: true }, isError: false }]);
    expect(r.answer).toMatch(/Retracted KR4\.1's check-in of 2026-11-26 \(61, confidence 3\/5\)/);
    expect((await h.service.keyResult("KR4.1", AS_OF)).current).toBe(65);
  });
  it('"that should have been 54" corrects the check-in just logged instead of adding one', async () => {
    await h.say("log 45 for KR2.1, confidence 4");
    const count = await h.checkInCount();
    const r = await h.say("oops, that should have been 54");
    expect(r.toolCalls[0]).toMatchObject({ name: "correct_check_in", args: { keyResult: "KR2.1", value: 54 }, isError: false });
    expect(await h.checkInCount()).toBe(count);
    expect((await h.service.keyResult("KR2.1", AS_OF)).current).toBe(54);
    expect(r.answer).toContain("Corrected KR2.1's check-in");
  });
  it("reads a Vietnamese correction that names the check-in by its date, without taking the date for the value", async () => {
    const r = await h.say("Check-in ngày 20/11 của KR5.2 bị nhập sai, giá trị đúng là 17.");
    expect(r.toolCalls[0]).toMatchObject({ name: "correct_check_in", args: { keyResult: "KR5.2", of: "2026-11-20", value: 17 }, isError: false });
    const d = await h.service.keyResult("KR5.2", AS_OF);
    expect(d.checkIns.find((c) => c.date === "2026-11-20")?.value).toBe(17);
  });
});

describe("a value far off the KR's scale", () => {
  it("asks first, and a yes logs it: the yes is the confirmation the tool wants for a value that far off", async () => {
    const a = await agentHarness();
    const before = await a.checkInCount();
    const asked = await a.say("log 5400% for KR2.1, confidence 4");
    expect(asked.answer).toMatch(/^5400% does not fit KR2\.1 .* so I logged nothing\. What is the right value\? \(Reply "yes" to log 5400% anyway\.\)$/);
    expect(await a.checkInCount()).toBe(before);
    const yes = await a.say("yes");
    expect(yes.toolCalls.map((c) => [c.name, c.args.confirm, c.isError])).toEqual([["log_check_in", true, false]]);
    expect(await a.checkInCount()).toBe(before + 1);
    expect((await a.service.keyResult("KR2.1", AS_OF)).current).toBe(5400);
    await a.close();
  });
});
