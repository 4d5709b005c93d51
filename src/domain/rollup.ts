// Objective roll-up: weighted mean of its KRs' clamped progress (equal weights by default).

import type { Status } from "./types.js";

export interface RollupInput {
  clampedProgress: number;
  expected: number;
  status: Status;
  weight: number | null;
}

export interface ObjectiveRollup {
  progress: number;
  expected: number;
  gap: number;
  /** `completed` when every KR is; otherwise the worst status among the KRs still open. */
  status: Status | null;
}

const SEVERITY: Record<Status, number> = { completed: 0, on_track: 1, at_risk: 2, off_track: 3 };

export function rollupObjective(krs: readonly RollupInput[]): ObjectiveRollup {
  if (krs.length === 0) return { progress: 0, expected: 0, gap: 0, status: null };
  let total = 0, progress = 0, expected = 0;
  let worst: Status = "completed";
  for (const kr of krs) {
    const w = kr.weight !== null && kr.weight > 0 ? kr.weight : 1;
    total += w;
    progress += w * kr.clampedProgress;
    expected += w * kr.expected;
    if (SEVERITY[kr.status] > SEVERITY[worst]) worst = kr.status;
  }
  progress /= total;
  expected /= total;
  return { progress, expected, gap: expected - progress, status: worst };
}
