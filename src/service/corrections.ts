// Correcting or retracting a check-in: which check-in is meant, and the correction record that
// supersedes it. Pure over the check-ins the store hands over; the service writes the result.

import { newId } from "./ids.js";
import { acceptValue } from "../domain/values.js";
import { acceptText } from "../domain/text.js";
import { tryParseDay } from "../domain/dates.js";
import { OkrError, invalidInput as bad } from "../domain/errors.js";
import type { CheckInCorrection, Cycle, EffectiveCheckIn, KeyResult } from "../domain/types.js";

export interface CorrectionInput {
  /** The KR (ref, id or title words); omitted: the check-in written last in the workspace. */
  kr?: string;
  /** One check-in by id; default: the KR's check-in written last. */
  checkInId?: string;
  /** The check-in dated this day (the last written that day), instead of the last written. */
  checkInDate?: string;
  /** `retract` undoes the check-in; `correct` replaces the fields given. */
  action: "correct" | "retract";
  value?: number;
  /** The person confirmed a value far outside the KR's range. */
  confirmed?: boolean;
  confidence?: number;
  note?: string;
  date?: string;
  reason?: string;
  /** Who is correcting. */
  author?: string;
  /** Only check-ins written by this person count as "the last one" ("undo MY last check-in"). */
  onlyBy?: string;
}

/** The check-in a correction is about: by id, else the one written last (by `onlyBy` if given). */
export function pickCheckIn(checkIns: readonly EffectiveCheckIn[], input: Pick<CorrectionInput, "checkInId" | "checkInDate" | "onlyBy">, what: string): EffectiveCheckIn {
  if (input.checkInId) {
    const found = checkIns.find((c) => c.id === input.checkInId);
    if (!found) throw new OkrError("not_found", `No check-in ${input.checkInId} on ${what} (it may have been retracted already).`);
    return found;
  }
  const by = input.onlyBy?.trim().toLowerCase();
  let last: EffectiveCheckIn | undefined;
  for (const c of checkIns) {
    if (by && c.author.trim().toLowerCase() !== by) continue;
    if (input.checkInDate && c.date !== input.checkInDate) continue;
    // Written order: createdAt, then the store's order (same-millisecond writes keep theirs).
    if (!last || c.createdAt >= last.createdAt) last = c;
  }
  if (!last)
    throw new OkrError("not_found", `There is no check-in${by ? ` by ${input.onlyBy}` : ""}${input.checkInDate ? ` dated ${input.checkInDate}` : ""} on ${what} to correct.`);
  return last;
}

/** Validates what the correction changes and builds the record. */
export function buildCorrection(kr: KeyResult, cycle: Cycle, target: EffectiveCheckIn, input: CorrectionInput, now: string): CheckInCorrection {
  const base = {
    id: newId(),
    checkInId: target.id,
    krId: kr.id,
    reason: acceptText(input.reason, "note", "The reason", bad),
    author: acceptText(input.author, "name", "The author", bad),
    createdAt: now,
  };
  if (input.action === "retract") return { ...base, action: "retract" };
  const fix: Partial<CheckInCorrection> = {};
  if (input.value !== undefined) {
    fix.value = acceptValue(input.value, "value", bad);
  }
  if (input.confidence !== undefined) {
    if (!Number.isInteger(input.confidence) || input.confidence < 1 || input.confidence > 5)
      throw bad(`confidence must be a whole number from 1 (no chance) to 5 (certain), not ${input.confidence}`);
    fix.confidence = input.confidence;
  }
  if (input.note !== undefined) fix.note = acceptText(input.note, "note", "The note", bad);
  if (input.date !== undefined) {
    if (tryParseDay(input.date) === null) throw bad(`date must be YYYY-MM-DD, not ${input.date}`);
    if (input.date < cycle.start || input.date > cycle.end)
      throw new OkrError("conflict", `${input.date} is outside ${kr.ref}'s cycle ${cycle.name} (${cycle.start} to ${cycle.end}); pass a date inside it.`);
    fix.date = input.date;
  }
  const changes = (["value", "confidence", "note", "date"] as const).filter((f) => fix[f] !== undefined && fix[f] !== target[f]);
  if (changes.length === 0) {
    const given = Object.keys(fix).length;
    throw bad(
      given
        ? `The check-in of ${target.date} on ${kr.ref} already says that; nothing to correct.`
        : "Say what the check-in should have said: a value, confidence, note or date (or retract it).",
    );
  }
  return { ...base, action: "correct", ...fix };
}
