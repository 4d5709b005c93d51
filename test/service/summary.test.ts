// The weekly summary on the acme fixture: what it says, and that every number in it is grounded.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OkrService } from "../../src/service/okr-service.js";
import { toHtml, toSlack } from "../../src/service/summary.js";
import { AS_OF, acmeService, cleanup } from "../helpers.js";

let svc: OkrService;
beforeAll(async () => {
  svc = await acmeService();
});
afterAll(async () => {
  await svc.close();
  await cleanup();
});

describe("weekly summary on acme, week ending 2026-11-26", () => {
  it("names KR1.3 furthest behind, KR2.3 stale, KR5.2's confidence mismatch, and is grounded", async () => {
    const w = await svc.weeklySummary(AS_OF);
    const md = w.summary;
    expect(md.split("\n")[0]).toBe("# Weekly OKR summary, 2026-11-20 to 2026-11-26");
    expect(md).toMatch(/\*\*Headline:\*\* 25 key results: 6 off track, 4 at risk, 14 on track, 1 completed; furthest behind: KR1\.3 Reduce monthly logo churn/);
    const section = (title: string) => md.split(`## ${title}\n`)[1]!.split("\n## ")[0]!;
    expect(section("At risk and why").split("\n")[0]).toContain("KR1.3");
    expect(section("Check-ins to chase")).toContain("KR2.3 Lift onboarding completion from 52% to 80% (Bao Le) has had no check-in since 2026-10-30, 27 days ago.");
    expect(section("Needs a decision")).toContain("KR5.2 Reduce average code review time from 20 hours to 14 hours reports confidence 4/5 but is 28 pts behind pace.");
    expect(w.grounding.grounded).toBe(true);
    // Each number in the summary is a value of a fact it cites.
    const numbers = w.grounding.claims.filter((c) => c.kind === "number");
    expect(numbers.length).toBeGreaterThan(30);
    for (const c of numbers) expect(c.factIds.length, c.text).toBeGreaterThan(0);
  });
  it("facts carry ids, refs and dates, and quotes are marked as quotes", async () => {
    const w = await svc.weeklySummary(AS_OF);
    expect(w.facts.map((f) => f.id)).toEqual(w.facts.map((_, i) => `F${i + 1}`));
    const q = w.facts.find((f) => f.kind === "quote" && f.refs[0] === "KR1.3")!;
    expect(q).toMatchObject({ dates: ["2026-11-20"], quote: "No improvement yet. Churn survey says onboarding gaps and price." });
    expect(w.facts.filter((f) => f.kind === "objective").map((f) => f.refs[0])).toEqual(["O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9"]);
  });
  it("writes Vietnamese too, just as grounded, and for one team", async () => {
    const vi = await svc.weeklySummary(AS_OF, undefined, "vi");
    expect(vi.summary).toMatch(/^# Tóm tắt OKR tuần, 2026-11-20 đến 2026-11-26/);
    expect(vi.summary).toContain("## Cần nhắc cập nhật");
    expect(vi.grounding.grounded).toBe(true);
    const eng = await svc.weeklySummary(AS_OF, "engineering");
    expect(eng.team).toBe("Engineering");
    expect(eng.facts.flatMap((f) => f.refs).every((r) => /^(KR[45]\.|O[45])/.test(r))).toBe(true);
  });
  it("renders Slack mrkdwn and an HTML body", async () => {
    const md = (await svc.weeklySummary(AS_OF)).summary;
    const slack = toSlack(md);
    expect(slack.split("\n")[0]).toBe("*Weekly OKR summary, 2026-11-20 to 2026-11-26*");
    expect(slack).toContain("\n• KR1.3");
    expect(slack).not.toContain("**");
    const w = await svc.weeklySummary(AS_OF);
    const html = toHtml(md, w.facts);
    expect(html).toMatch(/<h1 style="[^"]+">Weekly OKR summary, 2026-11-20 to 2026-11-26<\/h1>/);
    expect(html).toMatch(/<li style="[^"]+">KR1\.3 Reduce monthly logo churn/);
    expect(html).toContain("&quot;No improvement yet.");
    // Citations become the KR with the fact as tooltip: no raw fact id is left.
    expect(html).not.toMatch(/\[F\d+/);
    const lagging = w.facts.find((f) => f.kind === "lagging" && f.refs.includes("KR1.3"))!;
    expect(html).toContain(`<abbr title="${lagging.text.replace(/"/g, "&quot;")}"`);
  });
  it("keeps stored text from paging the channel, mentioning people or disguising links in Slack", () => {
    const hostile = "<!channel> <@U024BE7LH> see <https://evil.example|the dashboard> & <!here>";
    const md = `# Weekly OKR summary\n\n## In their words (quoted from check-in notes)\n- KR1.3, Linh Tran on 2026-11-26: "${hostile}" [F50]`;
    const slack = toSlack(md);
    expect(slack).toContain('• KR1.3, Linh Tran on 2026-11-26: "&lt;!channel&gt; &lt;@U024BE7LH&gt; see &lt;https://evil.example|the dashboard&gt; &amp; &lt;!here&gt;"');
    expect(slack).not.toMatch(/<[!@#]|<https?:/);
    expect(slack.split("\n")[0]).toBe("*Weekly OKR summary*");
  });
  it("calls no KR behind pace when a team's are all on or ahead of it", async () => {
    const own = await acmeService();
    const team = (await own.tree(AS_OF, "Engineering")).flatMap((o) => o.keyResults);
    expect(team.length).toBeGreaterThan(0);
    // 90% of the way (about 62% is expected by now): ahead of pace, not done.
    for (const k of team) await own.checkIn({ kr: k.ref, value: k.start + 0.9 * (k.target - k.start), confidence: 5 }, AS_OF);
    const w = await own.weeklySummary(AS_OF, "Engineering");
    expect(w.facts.filter((f) => f.kind === "lagging")).toEqual([]);
    expect(w.summary).not.toMatch(/-\d+ pts behind/);
    expect(w.grounding.grounded).toBe(true);
    await own.close();
  });
  it("reminds owners who have not checked in this week", async () => {
    const r = await svc.reminders(AS_OF);
    expect(r).toEqual({
      weekStart: "2026-11-20",
      owners: [{ owner: "Bao Le", keyResults: [{ ref: "KR2.3", title: "Lift onboarding completion from 52% to 80%", lastCheckIn: "2026-10-30" }] }],
    });
  });
});
