// Check-ins a key result already has on a date, read just before logging another one, so the CLI
// and log_check_in can warn about a likely double entry. Reads only; the check-in is still written.

import { tryParseDay } from "../domain/dates.js";
import type { OkrService } from "./okr-service.js";

export interface SameDay {
  ref: string;
  unit: string;
  /** Earlier check-ins on that date, oldest first. */
  checkIns: { value: number; confidence: number }[];
}

/** Null when the date is not one (the check-in itself will say so); throws what resolving the KR
 *  throws (unknown, ambiguous), which the check-in would throw a moment later anyway. */
export async function checkInsOnDay(svc: OkrService, krQuery: string, date: string): Promise<SameDay | null> {
  const day = tryParseDay(date);
  if (day === null) return null;
  const kr = await svc.resolveKeyResult(krQuery);
  const h = (await svc.ws()).entry(kr.id)?.history;
  const checkIns: SameDay["checkIns"] = [];
  if (h) for (let i = 0; i < h.length; i++) if (h.days[i] === day) checkIns.push({ value: h.values[i]!, confidence: h.confidences[i]! });
  return { ref: kr.ref, unit: kr.unit, checkIns };
}

/** Two sentences for people, or null when the day had no check-in yet. `anotherDay` says how the
 *  caller gives a date ("pass --date YYYY-MM-DD"), `fix` how it corrects one instead. */
export function sameDayWarning(s: SameDay | null, date: string, o: { withUnit: (value: number, unit: string) => string; anotherDay: string; fix: string }): string | null {
  if (!s || s.checkIns.length === 0) return null;
  const last = s.checkIns[s.checkIns.length - 1]!;
  const one = s.checkIns.length === 1;
  return (
    `${s.ref} already had ${one ? "a check-in" : `${s.checkIns.length} check-ins`} on ${date} (${one ? "" : "latest "}${o.withUnit(last.value, s.unit)}, confidence ${last.confidence}/5). ` +
    `${one ? "Both are" : "All are"} kept and the latest counts. ${o.fix}; for another day's value, ${o.anotherDay}.`
  );
}
