import { describe, expect, it } from "vitest";
import { parseDay } from "../../src/domain/dates.js";
import { forecast, gradeOf } from "../../src/domain/forecast.js";
import type { History, KrSpec } from "../../src/domain/metrics.js";

const d = parseDay;
const cycle = { startDay: d("2026-10-01"), endDay: d("2026-12-31") }; // 91 days
const kr: KrSpec = { kind: "metric", direction: "increase", start: 0, target: 91, startDay: null, dueDay: null };
function hist(...rows: [string, number][]): History {
  return { days: rows.map((r) => d(r[0])), values: rows.map((r) => r[1]), confidences: rows.map(() => 3), length: rows.length };
}

describe("forecast", () => {
  it("fits a least-squares line through (cycle start, start) and the check-ins", () => {
    // Points on y = x (days since start): the line hits 91 at the cycle end.
    const f = forecast(kr, cycle, hist(["2026-10-11", 10], ["2026-10-21", 20], ["2026-10-31", 30]), d("2026-11-01"));
    expect(f.method).toBe("least_squares");
    expect(f.points).toBe(4);
    expect(f.projectedValue).toBeCloseTo(91, 8);
    expect(f.projectedProgress).toBeCloseTo(1, 8);
    expect(f.grade).toEqual({ score: 1, color: "green" });
  });
  it("matches a hand-computed regression on noisy points", () => {
    // x = 0, 10, 20, 30; y = 0, 4, 11, 15 → mean x 15, mean y 7.5, Sxy = 112.5 + 17.5 + 17.5 + 112.5 = 260, Sxx = 500, b = 0.52
    // y(91) = 7.5 + 0.52 * (91 - 15) = 47.02
    const f = forecast(kr, cycle, hist(["2026-10-11", 4], ["2026-10-21", 11], ["2026-10-31", 15]), d("2026-11-05"));
    expect(f.projectedValue).toBeCloseTo(47.02, 8);
    expect(f.projectedProgress).toBeCloseTo(47.02 / 91, 8);
    expect(f.grade).toEqual({ score: 0.5, color: "yellow" });
  });
  it("uses linear pace with fewer than 3 points", () => {
    // One check-in: 2 points. Pace = 20 over 40 days → 45.5 at day 91.
    const f = forecast(kr, cycle, hist(["2026-10-31", 20]), d("2026-11-10"));
    expect(f.method).toBe("linear_pace");
    expect(f.projectedValue).toBeCloseTo((20 * 91) / 40, 8);
    const none = forecast(kr, cycle, hist(), d("2026-11-10"));
    expect(none.projectedValue).toBe(0);
    expect(none.grade.color).toBe("red");
  });
  it("ignores check-ins after asOf and before the cycle", () => {
    const f = forecast(kr, cycle, hist(["2026-09-20", 50], ["2026-10-11", 10], ["2026-10-21", 20], ["2026-10-31", 30], ["2026-12-01", 0]), d("2026-11-01"));
    expect(f.points).toBe(4);
    expect(f.projectedValue).toBeCloseTo(91, 8);
  });
  it("keeps milestones where they are", () => {
    const m: KrSpec = { kind: "milestone", direction: "increase", start: 0, target: 1, startDay: null, dueDay: null };
    expect(forecast(m, cycle, hist(["2026-11-01", 1]), d("2026-11-10")).projectedProgress).toBe(1);
    expect(forecast(m, cycle, hist(["2026-11-01", 0]), d("2026-11-10")).projectedProgress).toBe(0);
  });
  it("for a decrease KR projects progress toward the lower target", () => {
    const dec: KrSpec = { kind: "metric", direction: "decrease", start: 91, target: 0, startDay: null, dueDay: null };
    const f = forecast(dec, cycle, hist(["2026-10-11", 81], ["2026-10-21", 71], ["2026-10-31", 61]), d("2026-11-01"));
    expect(f.projectedValue).toBeCloseTo(0, 8);
    expect(f.projectedProgress).toBeCloseTo(1, 8);
  });
});

describe("grade", () => {
  it("rounds clamped progress to one decimal and colours it", () => {
    expect(gradeOf(0.34)).toEqual({ score: 0.3, color: "red" });
    expect(gradeOf(0.35)).toEqual({ score: 0.4, color: "yellow" });
    expect(gradeOf(0.64)).toEqual({ score: 0.6, color: "yellow" });
    expect(gradeOf(0.66)).toEqual({ score: 0.7, color: "green" });
    expect(gradeOf(1.4)).toEqual({ score: 1, color: "green" });
    expect(gradeOf(-0.3)).toEqual({ score: 0, color: "red" });
  });
});
