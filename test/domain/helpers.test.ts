import { describe, expect, it } from "vitest";
import { addDays, formatDay, parseDay, tryParseDay } from "../../src/domain/dates.js";
import { OkrError } from "../../src/domain/errors.js";
import { compareLagging, compareRefs, lagReason } from "../../src/domain/lagging.js";
import { evaluate, type KrMetrics } from "../../src/domain/metrics.js";
import { nextKrRef, nextObjectiveRef } from "../../src/domain/refs.js";
import { closestItems, foldText, resolveOne, sameTitle } from "../../src/domain/resolve.js";
import { rollupObjective } from "../../src/domain/rollup.js";

describe("dates", () => {
  it("parses strict YYYY-MM-DD and rejects impossible dates", () => {
    expect(formatDay(parseDay("2026-11-26"))).toBe("2026-11-26");
    expect(tryParseDay("2026-02-30")).toBeNull();
    expect(tryParseDay("26/11/2026")).toBeNull();
    expect(tryParseDay("2026-1-5")).toBeNull();
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(() => parseDay("tomorrow", "check-in date")).toThrow(/check-in date "tomorrow" is not a valid date: use YYYY-MM-DD/);
  });
});

describe("objective roll-up", () => {
  it("is the weighted mean of clamped KR progress, equal weights by default", () => {
    const r = rollupObjective([
      { clampedProgress: 0.2, expected: 0.6, status: "off_track", weight: null },
      { clampedProgress: 0.8, expected: 0.6, status: "on_track", weight: null },
    ]);
    expect(r.progress).toBeCloseTo(0.5, 10);
    // 10 pts behind is not more than 10: at risk only because one KR is off track.
    expect(r.status).toBe("at_risk");
    const w = rollupObjective([
      { clampedProgress: 0.2, expected: 0.6, status: "at_risk", weight: 3 },
      { clampedProgress: 1, expected: 0.6, status: "completed", weight: 1 },
    ]);
    expect(w.progress).toBeCloseTo((0.2 * 3 + 1) / 4, 10);
    expect(w.status).toBe("at_risk");
  });
  it("takes its status from its own gap: ahead of pace is never off track, and it names the KRs pulling it down", () => {
    const ahead = rollupObjective([
      { ref: "KR1.1", clampedProgress: 0.1, expected: 0.6, status: "off_track", weight: null },
      { ref: "KR1.2", clampedProgress: 1, expected: 0.6, status: "completed", weight: null },
      { ref: "KR1.3", clampedProgress: 0.9, expected: 0.6, status: "on_track", weight: null },
    ]);
    expect(ahead.gap).toBeLessThan(0);
    expect(ahead.status).toBe("at_risk");
    expect(ahead.pulledDownBy).toEqual(["KR1.1"]);
    const behind = rollupObjective([
      { ref: "KR2.1", clampedProgress: 0.2, expected: 0.6, status: "at_risk", weight: null },
      { ref: "KR2.2", clampedProgress: 0.3, expected: 0.6, status: "off_track", weight: null },
    ]);
    expect(behind.gap).toBeCloseTo(0.35, 10);
    expect(behind.status).toBe("off_track");
    expect(behind.pulledDownBy).toEqual(["KR2.2", "KR2.1"]);
    const slightly = rollupObjective([{ ref: "KR3.1", clampedProgress: 0.45, expected: 0.6, status: "at_risk", weight: null }]);
    expect(slightly.status).toBe("at_risk");
    const fine = rollupObjective([{ ref: "KR4.1", clampedProgress: 0.55, expected: 0.6, status: "on_track", weight: null }]);
    expect(fine.status).toBe("on_track");
    expect(fine.pulledDownBy).toEqual([]);
  });
  it("is completed only when every KR is, and empty objectives have no status", () => {
    expect(rollupObjective([{ clampedProgress: 1, expected: 0.6, status: "completed", weight: null }]).status).toBe("completed");
    expect(rollupObjective([]).status).toBeNull();
  });
});

describe("lagging order", () => {
  const m = (gap: number, confidence: number | null, last: number | null): KrMetrics => ({
    current: 0,
    progress: 0,
    clampedProgress: 0,
    expected: gap,
    gap,
    status: "off_track",
    confidence,
    lastCheckInDay: last,
    stale: false,
    confidenceMismatch: false,
    weeklyDelta: 0,
  });
  it("sorts by gap, then lower confidence, then older last check-in, then ref", () => {
    const items = [
      { ref: "KR1.1", metrics: m(0.3, 4, 100) },
      { ref: "KR1.2", metrics: m(0.5, 4, 100) },
      { ref: "KR1.3", metrics: m(0.3, 2, 100) },
      { ref: "KR1.4", metrics: m(0.3, 4, 90) },
      { ref: "KR1.10", metrics: m(0.3, 4, 100) },
      { ref: "KR1.5", metrics: m(0.3, null, null) },
    ];
    expect(items.sort(compareLagging).map((i) => i.ref)).toEqual(["KR1.2", "KR1.5", "KR1.3", "KR1.4", "KR1.1", "KR1.10"]);
  });
  it("orders refs naturally", () => {
    expect(["KR2.10", "KR2.9", "KR10.1", "KR2.1"].sort(compareRefs)).toEqual(["KR2.1", "KR2.9", "KR2.10", "KR10.1"]);
  });
  it("explains a KR with the numbers it holds", () => {
    const cycle = { startDay: parseDay("2026-10-01"), endDay: parseDay("2026-12-31") };
    const h = { days: [parseDay("2026-11-10")], values: [46], confidences: [2], length: 1 };
    const metrics = evaluate({ kind: "metric", direction: "increase", start: 45, target: 60, startDay: null, dueDay: null }, cycle, h, parseDay("2026-11-26"));
    expect(lagReason(metrics, parseDay("2026-11-26"))).toBe("55 pts behind pace (progress 7% vs expected 62%); confidence 2/5; no check-in for 16 days (last 2026-11-10)");
  });
});

describe("refs", () => {
  it("generates the next free refs", () => {
    expect(nextObjectiveRef(["O1", "O3", "X"])).toBe("O4");
    expect(nextObjectiveRef([])).toBe("O1");
    expect(nextKrRef("O3", ["KR3.1", "KR3.2", "KR2.9"])).toBe("KR3.3");
    expect(nextKrRef("O12", [])).toBe("KR12.1");
  });
});

describe("resolve", () => {
  const items = [
    { id: "a1", ref: "KR2.1", title: "Raise 30-day retention from 45% to 60%" },
    { id: "a2", ref: "KR1.1", title: "Increase net revenue retention from 102% to 110%" },
    { id: "a3", ref: "KR8.1", title: "Tăng tỷ lệ thắng từ 18% lên 25%" },
  ];
  it("finds by id, by ref (any case) and by a unique fragment (accents optional)", () => {
    expect(resolveOne(items, "a2", "key result").ref).toBe("KR1.1");
    expect(resolveOne(items, "kr2.1", "key result").id).toBe("a1");
    expect(resolveOne(items, "30-day", "key result").ref).toBe("KR2.1");
    expect(resolveOne(items, "ty le thang", "key result").ref).toBe("KR8.1");
    expect(foldText("Đạt  Tỷ LỆ")).toBe("dat ty le");
  });
  it("refuses an ambiguous fragment and lists the candidates", () => {
    try {
      resolveOne(items, "retention", "key result");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OkrError);
      const err = e as OkrError;
      expect(err.code).toBe("ambiguous");
      expect(err.candidates.map((c) => c.ref)).toEqual(["KR1.1", "KR2.1"]); // in ref order, whatever the input order
      expect(err.message).toContain("KR1.1 (Increase net revenue retention from 102% to 110%), KR2.1 (Raise 30-day retention");
    }
  });
  it("says what to do when nothing matches, with advice for the CLI and for MCP clients kept apart", () => {
    expect(() => resolveOne(items, "velocity", "key result")).toThrow(/No key result matches "velocity"/);
    expect(() => resolveOne(items, "  ", "key result")).toThrow(/Say which key result/);
    try {
      resolveOne(items, "KR2.2", "key result");
      expect.unreachable();
    } catch (e) {
      const err = e as OkrError;
      expect(err.code).toBe("not_found");
      expect(err.candidates.map((c) => c.ref)).toEqual(["KR2.1"]);
      expect(err.message).toBe('No key result matches "KR2.2". Closest: KR2.1 (Raise 30-day retention from 45% to 60%).');
      expect(err.messageFor("cli")).toBe(`${err.message} Run \`okr tree\` to see every ref.`);
      expect(err.messageFor("mcp")).toBe(`${err.message} Call list_okrs to see every ref.`);
    }
  });
  it("finds the closest items for a query that matched nothing, or none when nothing is close", () => {
    const refs = (q: string) => closestItems(items, q).map((i) => i.ref);
    expect(refs("KR2.7")).toEqual(["KR2.1"]); // the other KRs of its objective
    expect(refs("KR21.1")).toEqual(["KR1.1", "KR2.1"]); // no O21: refs one edit away
    expect(refs("KR5.5")).toEqual([]);
    expect(refs("retention rate")).toEqual(["KR1.1", "KR2.1"]); // shared words, in ref order
    expect(refs("30 day retension")).toEqual(["KR2.1"]); // one typo; "day" is rarer than "retention" here
    expect(refs("ty le thang cao")).toEqual(["KR8.1"]); // accents optional
    expect(refs("from 45% to 60%")).toEqual([]); // numbers and filler words say nothing
    const many = Array.from({ length: 9 }, (_, n) => ({ id: `k${n}`, ref: `KR3.${n + 1}`, title: `Grow signups ${n}` }));
    expect(closestItems(many, "signup growth").map((i) => i.ref)).toEqual(["KR3.1", "KR3.2", "KR3.3", "KR3.4", "KR3.5"]); // at most five
  });
});

describe("same title (does an imported ref still name the stored item?)", () => {
  it.each([
    ["Raise NPS from 48 to 65", "raise  NPS from 48 to 70"],
    ["Giảm chu kỳ bán hàng từ 42 xuống 30 ngày", "Giam chu ky ban hang tu 42 xuong 28 ngay"],
    ["Grow MRR from $1.20M to $1.50M", "Grow MRR from $1.2M to $1,600,000"],
  ])("%j is %j with new numbers", (a, b) => expect(sameTitle(a, b)).toBe(true));
  it.each([
    ["Become the workspace remote product teams love", "Become the go-to workspace for remote product teams"],
    ["Raise NPS from 48 to 65", "Raise CSAT from 48 to 65"],
    ["Tăng tỷ lệ thắng từ 18% lên 25%", "Tăng tỷ lệ thua từ 18% lên 25%"],
  ])("%j is not %j", (a, b) => expect(sameTitle(a, b)).toBe(false));
});
