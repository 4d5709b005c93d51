// Objective roll-up: weighted mean of its KRs' clamped progress and expected progress (equal
// weights by default), and the objective's status as DESIGN.md defines it.

import type { Status } from "./types.js";

export interface RollupInput {
  ref?: string;
  clampedProgress: number;
  expected: number;
  status: Status;
  weight: number | null;
}

export interface ObjectiveRollup {
  progress: number;
  expected: number;
  gap: number;
  /** `completed` when every KR is; `off_track` when the objective itself is more than 25 pts
   *  behind its expected progress; `at_risk` when more than 10 pts behind or any KR is off track;
   *  else `on_track`. Null for an objective without KRs. An objective ahead of pace is never off track. */
  status: Status | null;
  /** Refs of the KRs pulling it down (off track first, then at risk), so "at risk" explains itself. */
  pulledDownBy: string[];
}

export function rollupObjective(krs: readonly RollupInput[]): ObjectiveRollup {
  if (krs.length === 0) return { progress: 0, expected: 0, gap: 0, status: null, pulledDownBy: [] };
  let total = 0,
    progress = 0,
    expected = 0;
  let allCompleted = true,
    anyOffTrack = false;
  for (const kr of krs) {
    const w = kr.weight !== null && kr.weight > 0 ? kr.weight : 1;
    total += w;
    progress += w * kr.clampedProgress;
    expected += w * kr.expected;
    if (kr.status !== "completed") allCompleted = false;
    if (kr.status === "off_track") anyOffTrack = true;
  }
  progress /= total;
  expected /= total;
  const gap = expected - progress;
  const status: Status = allCompleted ? "completed" : gap > 0.25 ? "off_track" : gap > 0.1 || anyOffTrack ? "at_risk" : "on_track";
  const pulledDownBy = [...krs.filter((k) => k.status === "off_track"), ...krs.filter((k) => k.status === "at_risk")].flatMap((k) => (k.ref ? [k.ref] : []));
  return { progress, expected, gap, status, pulledDownBy };
}
