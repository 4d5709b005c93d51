// Is a number a believable new value for this KR? A wrong number in a leader's OKRs costs more than
// a question, so a value far off the KR's own scale (5000 on a 96%→99% KR, 3 billion on a $1.2M→$1.5M
// one, 45% on a churn KR that runs 5%→3%) is asked about, not logged.

import type { DirectoryKr } from "./directory.js";

export interface Implausible {
  reason: "percent-range" | "off-scale";
  low: number;
  high: number;
}

/** Null when the value fits: within the KR's start, target and current, widened by three times
 *  their spread (a big week or an overshoot is still believable), and 0–100 for a percent KR
 *  whose own range lies inside 0–100. */
export function implausible(kr: DirectoryKr, value: number): Implausible | null {
  // A milestone (0 → 1, no unit) is done or not: 0.5 is "halfway", which it cannot record.
  if (!kr.unit && kr.start === 0 && kr.target === 1 && value !== 0 && value !== 1) return { reason: "off-scale", low: 0, high: 1 };
  const lo = Math.min(kr.start, kr.target, kr.current);
  const hi = Math.max(kr.start, kr.target, kr.current);
  const spread = hi - lo || Math.abs(hi) || 1;
  const low = lo - 3 * spread,
    high = hi + 3 * spread;
  if (kr.unit === "%" && hi <= 100 && (value < 0 || value > 100)) return { reason: "percent-range", low: Math.max(0, low), high: Math.min(100, high) };
  if (value < low || value > high) return { reason: "off-scale", low, high };
  return null;
}
