// "Lagging most": order open KRs by gap, then lower confidence, then older last check-in; explain each.

import { formatDay } from "./dates.js";
import type { KrMetrics } from "./metrics.js";

export interface RankedKr {
  ref: string;
  metrics: KrMetrics;
}

/** Sort comparator for lagging KRs. No confidence / no check-in ranks as the least confident / oldest. */
export function compareLagging(a: RankedKr, b: RankedKr): number {
  const g = b.metrics.gap - a.metrics.gap;
  if (Math.abs(g) > 1e-12) return g;
  const ca = a.metrics.confidence ?? 0, cb = b.metrics.confidence ?? 0;
  if (ca !== cb) return ca - cb;
  const la = a.metrics.lastCheckInDay ?? -Infinity, lb = b.metrics.lastCheckInDay ?? -Infinity;
  if (la !== lb) return la < lb ? -1 : 1;
  return compareRefs(a.ref, b.ref);
}

/** Natural order for refs so that KR2.10 comes after KR2.9. */
export function compareRefs(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One line a leader can read: why this KR is on the list. Every number is one the metrics hold. */
export function lagReason(m: KrMetrics, asOf: number): string {
  const parts: string[] = [];
  if (m.gap > 0) parts.push(`${Math.round(m.gap * 100)} pts behind pace (progress ${pct(m.clampedProgress)} vs expected ${pct(m.expected)})`);
  else parts.push(`on pace (progress ${pct(m.clampedProgress)} vs expected ${pct(m.expected)})`);
  if (m.progress < 0) parts.push("below its start value");
  if (m.confidence !== null && m.confidence <= 3) parts.push(`confidence ${m.confidence}/5`);
  if (m.confidenceMismatch) parts.push(`confidence ${m.confidence}/5 despite the gap`);
  if (m.lastCheckInDay === null) parts.push("no check-in yet");
  else if (m.stale) parts.push(`no check-in for ${asOf - m.lastCheckInDay} days (last ${formatDay(m.lastCheckInDay)})`);
  if (m.weeklyDelta < 0) parts.push(`lost ${Math.round(-m.weeklyDelta * 100)} pts this week`);
  return parts.join("; ");
}
