import { describe, expect, it } from "vitest";
import { parseDay } from "../../src/domain/dates.js";
import { EMPTY_HISTORY, evaluate, expectedProgress, progressOf, statusOf, type History, type KrSpec } from "../../src/domain/metrics.js";

const d = parseDay;
const cycle = { startDay: d("2026-10-01"), endDay: d("2026-12-31") }; // 91 days
const metric = (start: number, target: number, direction: KrSpec["direction"] = start <= target ? "increase" : "decrease"): KrSpec => ({
  kind: "metric",
  direction,
  start,
  target,
  startDay: null,
  dueDay: null,
});
function hist(...rows: [string, number, number][]): History {
  return { days: rows.map((r) => d(r[0])), values: rows.map((r) => r[1]), confidences: rows.map((r) => r[2]), length: rows.length };
}

describe("progress", () => {
  it("is (current - start) / (target - start) for increase", () => {
    expect(progressOf(metric(45, 60), 52.5)).toBeCloseTo(0.5, 10);
  });
  it("uses the same formula for decrease (target below start)", () => {
    expect(progressOf(metric(7, 3), 5)).toBeCloseTo(0.5, 10);
    expect(progressOf(metric(5, 3), 4.9)).toBeCloseTo(0.05, 10);
  });
  it("goes negative on regression below start and above 1 on overshoot; status and gap use it clamped", () => {
    const kr = metric(100, 200);
    const asOf = d("2026-11-15");
    const low = evaluate(kr, cycle, hist(["2026-11-10", 90, 4]), asOf);
    expect(low.progress).toBeCloseTo(-0.1, 10);
    expect(low.clampedProgress).toBe(0);
    expect(low.gap).toBeCloseTo(45 / 91, 10);
    const high = evaluate(kr, cycle, hist(["2026-11-10", 230, 4]), asOf);
    expect(high.progress).toBeCloseTo(1.3, 10);
    expect(high.clampedProgress).toBe(1);
    expect(high.status).toBe("completed");
  });
  it("regression on a decrease KR is negative too", () => {
    expect(progressOf(metric(5, 3), 5.4)).toBeCloseTo(-0.2, 10);
  });
  it("start = target: 1 once the target is reached in the KR's direction, else 0 (no division by zero)", () => {
    expect(progressOf(metric(50, 50, "increase"), 50)).toBe(1);
    expect(progressOf(metric(50, 50, "increase"), 49)).toBe(0);
    expect(progressOf(metric(50, 50, "decrease"), 51)).toBe(0);
    expect(progressOf(metric(50, 50, "decrease"), 40)).toBe(1);
  });
  it("milestones are 0 until the value reaches the target, then 1", () => {
    const m: KrSpec = { kind: "milestone", direction: "increase", start: 0, target: 1, startDay: null, dueDay: null };
    expect(progressOf(m, 0)).toBe(0);
    expect(progressOf(m, 0.9)).toBe(0);
    expect(progressOf(m, 1)).toBe(1);
  });
  it("stay KRs are 1 while on the right side of the threshold", () => {
    const below: KrSpec = { kind: "metric", direction: "stay_below", start: 380, target: 400, startDay: null, dueDay: null };
    expect(progressOf(below, 399)).toBe(1);
    expect(progressOf(below, 400)).toBe(1);
    expect(progressOf(below, 401)).toBe(0);
    const above: KrSpec = { kind: "metric", direction: "stay_above", start: 99, target: 99.5, startDay: null, dueDay: null };
    expect(progressOf(above, 99.4)).toBe(0);
    expect(progressOf(above, 99.6)).toBe(1);
  });
});

describe("expected progress", () => {
  it("is the elapsed share of the cycle, clamped", () => {
    expect(expectedProgress(metric(0, 1), cycle, d("2026-11-26"))).toBeCloseTo(56 / 91, 10);
    expect(expectedProgress(metric(0, 1), cycle, d("2026-09-15"))).toBe(0); // cycle not started
    expect(expectedProgress(metric(0, 1), cycle, d("2027-01-20"))).toBe(1); // cycle ended
    expect(expectedProgress(metric(0, 1), cycle, d("2026-10-01"))).toBe(0);
    expect(expectedProgress(metric(0, 1), cycle, d("2026-12-31"))).toBe(1);
  });
  it("is 0 before a milestone's or stay KR's due date and 1 from it on (default: cycle end)", () => {
    const m: KrSpec = { kind: "milestone", direction: "increase", start: 0, target: 1, startDay: null, dueDay: d("2026-11-15") };
    expect(expectedProgress(m, cycle, d("2026-11-14"))).toBe(0);
    expect(expectedProgress(m, cycle, d("2026-11-15"))).toBe(1);
    const noDue = { ...m, startDay: null, dueDay: null };
    expect(expectedProgress(noDue, cycle, d("2026-12-30"))).toBe(0);
    expect(expectedProgress(noDue, cycle, d("2026-12-31"))).toBe(1);
    const stay: KrSpec = { kind: "metric", direction: "stay_above", start: 90, target: 90, startDay: null, dueDay: null };
    expect(expectedProgress(stay, cycle, d("2026-11-26"))).toBe(0);
  });
});

describe("status", () => {
  it("follows the thresholds exactly", () => {
    expect(statusOf(1, 0.9, 1)).toBe("completed");
    expect(statusOf(0.5, 0.26, 5)).toBe("off_track");
    expect(statusOf(0.5, 0.25, 5)).toBe("at_risk"); // gap must exceed 0.25
    expect(statusOf(0.5, 0.0, 2)).toBe("off_track");
    expect(statusOf(0.5, 0.11, 4)).toBe("at_risk");
    expect(statusOf(0.5, 0.1, 4)).toBe("on_track"); // gap must exceed 0.10
    expect(statusOf(0.5, -0.2, 3)).toBe("at_risk");
    expect(statusOf(0.5, 0.05, null)).toBe("on_track");
  });
});

describe("evaluate", () => {
  const kr = metric(45, 60);
  it("with no check-ins: current = start, no confidence, stale", () => {
    const m = evaluate(kr, cycle, EMPTY_HISTORY, d("2026-11-26"));
    expect(m.current).toBe(45);
    expect(m.progress).toBe(0);
    expect(m.confidence).toBeNull();
    expect(m.lastCheckInDay).toBeNull();
    expect(m.stale).toBe(true);
    expect(m.status).toBe("off_track"); // gap 56/91 > 0.25
    expect(m.weeklyDelta).toBe(0);
  });
  it("ignores check-ins dated after asOf", () => {
    const h = hist(["2026-10-10", 48, 4], ["2026-11-20", 55, 4], ["2026-12-10", 60, 5]);
    const m = evaluate(kr, cycle, h, d("2026-11-26"));
    expect(m.current).toBe(55);
    expect(m.confidence).toBe(4);
  });
  it("before the cycle starts nothing is expected", () => {
    const m = evaluate(kr, cycle, EMPTY_HISTORY, d("2026-09-20"));
    expect(m.expected).toBe(0);
    expect(m.gap).toBe(0);
    expect(m.status).toBe("on_track");
  });
  it("after the cycle ends everything is expected", () => {
    const m = evaluate(kr, cycle, hist(["2026-12-20", 57, 4]), d("2027-01-05"));
    expect(m.expected).toBe(1);
    expect(m.gap).toBeCloseTo(1 - 12 / 15, 10);
    expect(m.status).toBe("at_risk");
  });
  it("stale after more than 7 days, not at exactly 7", () => {
    const h = hist(["2026-11-19", 50, 4]);
    expect(evaluate(kr, cycle, h, d("2026-11-26")).stale).toBe(false);
    expect(evaluate(kr, cycle, h, d("2026-11-27")).stale).toBe(true);
  });
  it("flags confidence ≥ 4 with a gap over 0.25 as a mismatch", () => {
    const m = evaluate(kr, cycle, hist(["2026-11-25", 46, 4]), d("2026-11-26"));
    expect(m.gap).toBeGreaterThan(0.25);
    expect(m.confidenceMismatch).toBe(true);
    expect(m.status).toBe("off_track");
    const low = evaluate(kr, cycle, hist(["2026-11-25", 46, 3]), d("2026-11-26"));
    expect(low.confidenceMismatch).toBe(false);
  });
  it("weekly delta = progress(asOf) - progress(asOf - 7 days)", () => {
    const h = hist(["2026-11-12", 48, 4], ["2026-11-19", 51, 4], ["2026-11-24", 54, 3]);
    const m = evaluate(kr, cycle, h, d("2026-11-26"));
    expect(m.weeklyDelta).toBeCloseTo((54 - 45) / 15 - (51 - 45) / 15, 10);
  });
  it("takes the later of two check-ins on the same day", () => {
    const h = hist(["2026-11-20", 50, 4], ["2026-11-20", 52, 2]);
    const m = evaluate(kr, cycle, h, d("2026-11-20"));
    expect(m.current).toBe(52);
    expect(m.confidence).toBe(2);
  });
  it("a stay KR on the right side is complete, on the wrong side after its due date is off track", () => {
    const stay: KrSpec = { kind: "metric", direction: "stay_below", start: 380, target: 400, startDay: null, dueDay: null };
    expect(evaluate(stay, cycle, hist(["2026-11-20", 390, 4]), d("2026-11-26")).status).toBe("completed");
    const wrong = evaluate(stay, cycle, hist(["2026-11-20", 420, 4]), d("2026-11-26"));
    expect(wrong.gap).toBe(0); // nothing expected before the due date
    expect(wrong.status).toBe("on_track");
    expect(evaluate(stay, cycle, hist(["2026-12-30", 420, 4]), d("2026-12-31")).status).toBe("off_track");
  });
});

describe("pace for a KR with its own start date", () => {
  it("counts expected progress from the KR's start day to its due day, not from the cycle's", () => {
    const late: KrSpec = { ...metric(0, 100), startDay: d("2026-11-26") };
    expect(expectedProgress(late, cycle, d("2026-11-26"))).toBe(0);
    expect(expectedProgress(late, cycle, d("2026-11-01"))).toBe(0); // before it started
    expect(expectedProgress(late, cycle, d("2026-12-11"))).toBeCloseTo(15 / 35, 10);
    const m = evaluate(late, cycle, EMPTY_HISTORY, d("2026-11-26"));
    expect(m.gap).toBe(0);
    expect(m.status).toBe("on_track");
    const due: KrSpec = { ...metric(0, 100), dueDay: d("2026-11-30") };
    expect(expectedProgress(due, cycle, d("2026-11-30"))).toBe(1);
    expect(expectedProgress(due, cycle, d("2026-10-31"))).toBeCloseTo(30 / 60, 10);
  });
});

describe("weekly change", () => {
  it("reads on the capped 0–1 scale: an overshoot or a regression below start moves at most 100 pts", () => {
    const k = metric(45, 60);
    // 45 → 150 in a week: raw progress 7, capped 1.
    const up = evaluate(k, cycle, hist(["2026-11-19", 45, 4], ["2026-11-26", 150, 4]), d("2026-11-26"));
    expect(up.progress).toBe(7);
    expect(up.weeklyDelta).toBe(1);
    // 50 → -60: raw progress −7, capped 0.
    const down = evaluate(k, cycle, hist(["2026-11-19", 50, 4], ["2026-11-26", -60, 4]), d("2026-11-26"));
    expect(down.weeklyDelta).toBeCloseTo(-(5 / 15), 10);
  });
});
