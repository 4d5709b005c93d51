// Calendar-day arithmetic on `YYYY-MM-DD` strings; day numbers are days since 1970-01-01 (UTC).

import { OkrError } from "./errors.js";

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parses a strict `YYYY-MM-DD` into a day number, or returns null if it is not a real date. */
export function tryParseDay(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-31 over to March; reject instead of guessing.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / MS_PER_DAY);
}

export function parseDay(text: string, what = "date"): number {
  const day = tryParseDay(text);
  if (day === null) throw new OkrError("invalid_input", `${what} "${text}" is not a valid date: use YYYY-MM-DD, e.g. 2026-11-26`);
  return day;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDay(parseDay(date) + days);
}

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return parseDay(b) - parseDay(a);
}
