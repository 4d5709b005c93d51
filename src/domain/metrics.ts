// Progress, pace, status and flags for one key result, exactly as DESIGN.md "The numbers" defines them.
// Pure and allocation-light: the lagging query runs this for every KR in the workspace.

import type { Direction, KrKind, Status } from "./types.js";

/** What the numbers need to know about a key result. Days are day numbers (dates.ts). */
export interface KrSpec {
  kind: KrKind;
  direction: Direction;
  start: number;
  target: number;
  /** Day pace starts counting from; null means the cycle start. */
  startDay: number | null;
  /** Due day; null means the cycle end. */
  dueDay: number | null;
}

export interface CycleSpan {
  startDay: number;
  endDay: number;
}

/** A KR's check-ins sorted by day ascending; for equal days the later-written one comes last. */
export interface History {
  readonly days: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly confidences: ArrayLike<number>;
  readonly length: number;
}

export const EMPTY_HISTORY: History = { days: [], values: [], confidences: [], length: 0 };

export interface KrMetrics {
  current: number;
  /** Raw progress: may leave [0, 1] on regression or overshoot. */
  progress: number;
  /** Progress clamped to [0, 1]: what status, gap and roll-ups use. */
  clampedProgress: number;
  expected: number;
  /** expected − clamped progress; positive = behind pace. */
  gap: number;
  status: Status;
  /** Confidence of the latest check-in on or before asOf, null when there is none. */
  confidence: number | null;
  lastCheckInDay: number | null;
  stale: boolean;
  confidenceMismatch: boolean;
  /** clamped progress(asOf) − clamped progress(asOf − 7 days): on the same 0–1 scale as progress. */
  weeklyDelta: number;
}

export const STALE_AFTER_DAYS = 7;

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Index of the latest check-in dated on or before `day`, or -1. Binary search: histories are sorted. */
export function latestIndexAtOrBefore(h: History, day: number): number {
  return latestIndexIn(h.days, 0, h.length, day);
}

/** latestIndexAtOrBefore over rows [from, to) of sorted days: an index in `days`, or -1. */
export function latestIndexIn(days: ArrayLike<number>, from: number, to: number, day: number): number {
  let lo = from;
  let hi = to - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] as number) <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function currentValue(kr: KrSpec, h: History, day: number): number {
  const i = latestIndexAtOrBefore(h, day);
  return i < 0 ? kr.start : (h.values[i] as number);
}

function reached(direction: Direction, value: number, target: number): boolean {
  return direction === "decrease" || direction === "stay_below" ? value <= target : value >= target;
}

/** Raw progress of a value. Metric KRs with start = target (not measurable) count as 1 once the
 *  target is reached in the KR's direction and 0 before, instead of dividing by zero. */
export function progressOf(kr: KrSpec, value: number): number {
  if (kr.direction === "stay_above") return value >= kr.target ? 1 : 0;
  if (kr.direction === "stay_below") return value <= kr.target ? 1 : 0;
  if (kr.kind === "milestone") return reached(kr.direction, value, kr.target) ? 1 : 0;
  const span = kr.target - kr.start;
  if (span === 0) return reached(kr.direction, value, kr.target) ? 1 : 0;
  return (value - kr.start) / span;
}

/** Binary KRs (milestones and stay KRs) are expected at 0 before their due date and 1 from it on. */
export function isBinary(kr: KrSpec): boolean {
  return kr.kind === "milestone" || kr.direction === "stay_above" || kr.direction === "stay_below";
}

/** The span pace runs over: the KR's own start and due days, defaulting to the cycle's. */
export function paceSpan(kr: KrSpec, cycle: CycleSpan): CycleSpan {
  return { startDay: kr.startDay ?? cycle.startDay, endDay: kr.dueDay ?? cycle.endDay };
}

export function expectedProgress(kr: KrSpec, cycle: CycleSpan, day: number): number {
  const { startDay, endDay } = paceSpan(kr, cycle);
  if (isBinary(kr)) return day >= endDay ? 1 : 0;
  const length = endDay - startDay;
  if (length <= 0) return day >= endDay ? 1 : 0;
  return clamp01((day - startDay) / length);
}

export function statusOf(progress: number, gap: number, confidence: number | null): Status {
  if (progress >= 1) return "completed";
  if (gap > 0.25 || (confidence !== null && confidence <= 2)) return "off_track";
  if (gap > 0.1 || confidence === 3) return "at_risk";
  return "on_track";
}

export function evaluate(kr: KrSpec, cycle: CycleSpan, h: History, asOf: number): KrMetrics {
  const i = latestIndexAtOrBefore(h, asOf);
  const current = i < 0 ? kr.start : (h.values[i] as number);
  const confidence = i < 0 ? null : (h.confidences[i] as number);
  const lastCheckInDay = i < 0 ? null : (h.days[i] as number);
  const progress = progressOf(kr, current);
  const clampedProgress = clamp01(progress);
  const expected = expectedProgress(kr, cycle, asOf);
  const gap = expected - clampedProgress;
  const weekAgo = clamp01(progressOf(kr, currentValue(kr, h, asOf - 7)));
  return {
    current,
    progress,
    clampedProgress,
    expected,
    gap,
    status: statusOf(progress, gap, confidence),
    confidence,
    lastCheckInDay,
    stale: lastCheckInDay === null || asOf - lastCheckInDay > STALE_AFTER_DAYS,
    confidenceMismatch: confidence !== null && confidence >= 4 && gap > 0.25,
    weeklyDelta: clampedProgress - weekAgo,
  };
}
