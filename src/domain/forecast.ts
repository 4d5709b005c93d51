// Cycle-end forecast (least squares through the cycle's check-ins) and end-of-cycle grades.

import { clamp01, isBinary, latestIndexAtOrBefore, paceSpan, progressOf, type CycleSpan, type History, type KrSpec } from "./metrics.js";

export type GradeColor = "red" | "yellow" | "green";

export interface Grade {
  score: number;
  color: GradeColor;
}

export interface Forecast {
  method: "least_squares" | "linear_pace" | "current";
  /** Number of points the projection was fitted on, including (start day, start value). */
  points: number;
  /** How many of those points are check-ins (points − 1 for a metric KR). */
  checkIns: number;
  projectedValue: number;
  projectedProgress: number;
  grade: Grade;
}

/** Clamped progress rounded to one decimal; 0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green. */
export function gradeOf(progress: number): Grade {
  const score = Math.round(clamp01(progress) * 10) / 10;
  return { score, color: score >= 0.7 ? "green" : score >= 0.4 ? "yellow" : "red" };
}

/** Projects to the KR's due day (the cycle end by default), anchored at its start day. */
export function forecast(kr: KrSpec, cycleSpan: CycleSpan, h: History, asOf: number): Forecast {
  const cycle = paceSpan(kr, cycleSpan);
  const last = latestIndexAtOrBefore(h, Math.min(asOf, cycle.endDay));
  if (isBinary(kr)) {
    // A milestone or a threshold has no trend to extrapolate: it stays where it is.
    const value = last < 0 ? kr.start : (h.values[last] as number);
    const p = progressOf(kr, value);
    return { method: "current", points: last + 1, checkIns: last + 1, projectedValue: value, projectedProgress: p, grade: gradeOf(p) };
  }
  const xs: number[] = [0];
  const ys: number[] = [kr.start];
  for (let i = 0; i <= last; i++) {
    const d = h.days[i] as number;
    if (d < cycle.startDay) continue;
    xs.push(d - cycle.startDay);
    ys.push(h.values[i] as number);
  }
  const horizon = cycle.endDay - cycle.startDay;
  let projectedValue: number;
  let method: Forecast["method"];
  if (xs.length >= 3) {
    method = "least_squares";
    projectedValue = fitLine(xs, ys, horizon);
  } else {
    method = "linear_pace";
    const elapsed = Math.min(asOf, cycle.endDay) - cycle.startDay;
    const current = ys[ys.length - 1] as number;
    projectedValue = elapsed > 0 ? kr.start + ((current - kr.start) * horizon) / elapsed : current;
  }
  // Values stored before numbers were bounded (1e308) overflow the fit: then project nothing beyond
  // where the KR stands, rather than NaN, which every reader of this KR then failed on.
  if (!Number.isFinite(projectedValue) || !Number.isFinite(progressOf(kr, projectedValue))) {
    method = "current";
    projectedValue = ys[ys.length - 1] as number;
  }
  const projectedProgress = progressOf(kr, projectedValue);
  return { method, points: xs.length, checkIns: xs.length - 1, projectedValue, projectedProgress, grade: gradeOf(projectedProgress) };
}

/** Ordinary least squares y = a + b·x evaluated at `at`; a vertical cloud (all x equal) gives mean y. */
function fitLine(xs: number[], ys: number[], at: number): number {
  const n = xs.length;
  let sx = 0,
    sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] as number;
    sy += ys[i] as number;
  }
  const mx = sx / n,
    my = sy / n;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - my);
  }
  if (sxx === 0) return my;
  const b = sxy / sxx;
  return my + b * (at - mx);
}
