// The one reader for numbers people write, in English or Vietnamese: the agent, `okr checkin`, the
// cells of `okr import`, the grounding check and the critic all read "53,4" or "1tr4" the same way.
//
// Separators (the only place English and Vietnamese disagree):
//   - A comma followed by exactly three digits groups thousands: 1,200 = 1200, 1,200,000, 1,200.5.
//     Followed by one or two digits (or four and more) it is a decimal comma: 53,4 = 53.4, 3,25,
//     1,2345. A leading 0 never starts a group: 0,615 = 0.615.
//   - Dots group thousands when the grouping is unmistakable: 1.200.000 (two groups or more) and
//     1.200,5 (a decimal comma after the group). 53.4, 0.615 and 1234.567 are decimals.
//   - A lone dot followed by exactly three digits, after 1–3 digits not starting with 0 (45.200,
//     3.125), is the one truly ambiguous form (but before a scale word it is a decimal: 1.365M): Vietnamese write 45,200 so; English and every program
//     write 3.125 so. In text people type it groups thousands (as the agent always read it) and the
//     result says `ambiguous`, so a caller may ask instead (okr checkin does); in a cell (a
//     spreadsheet or program wrote it: okr import) it is a decimal point, as import always read it.
// Scales, any case, accents optional: k, nghìn, ngàn, thousand = 1e3; M, mn, tr, triệu, million =
//   1e6; B, bn, tỷ, tỉ, billion = 1e9. "1,2 triệu" = 1,200,000; "3 tỷ" = 3e9; "1.2bn" = 1.2e9.
//   Compact Vietnamese: digits right after k/tr/tỷ are its fraction: 1tr4 = 1,400,000, 2k5 = 2,500,
//   1tỷ25 = 1.25e9. "nửa triệu" (nua trieu) = 500,000: half of any scale.
// Also: a sign (+/-), ".5", "5.", an exponent on a plain number (1e5, 1.5E-3: spreadsheets write
// them), and a trailing % (value 52 for "52%", with `percent` set: the KR's unit says what it means).
// Anything else ("1,20,000", "12..3", "5x", "1 200") is not a number: null.

export type NumberSource = "text" | "cell";

export interface NumberRead {
  value: number;
  /** Written with a trailing %. */
  percent: boolean;
  /** Set only for the lone-dot form (45.200) read as thousands; see above. */
  ambiguous?: true;
}

const SCALES: Record<string, number> = {
  k: 1e3,
  nghin: 1e3,
  ngan: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  tr: 1e6,
  trieu: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  ty: 1e9,
  ti: 1e9,
  billion: 1e9,
};
/** The scale words that take the compact form 1tr4 / 2k5 / 1tỷ2. */
const COMPACT = new Set(["k", "tr", "ty", "ti"]);

function fold(word: string): string {
  return word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase();
}

/** The multiplier a scale word stands for (see above), or undefined. */
export function scaleOf(word: string): number | undefined {
  return SCALES[fold(word)];
}

/**
 * Digits with separators as a plain dot-decimal string (1.200.000,5 → 1200000.5, 53,4 → 53.4), or
 * null when they follow no rule. `ambiguous` is set when a text's 45.200 was read as 45200.
 */
function plain(digits: string, source: NumberSource): { digits: string; ambiguous: boolean } | null {
  const ok = (d: string, ambiguous = false) => ({ digits: d, ambiguous });
  if (/^\d+$/.test(digits)) return ok(digits);
  if (/^(\d+\.\d*|\.\d+)$/.test(digits)) {
    return source === "text" && /^[1-9]\d{0,2}\.\d{3}$/.test(digits) ? ok(digits.replace(".", ""), true) : ok(digits);
  }
  if (/^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(digits)) return ok(digits.replace(/,/g, ""));
  if (/^\d+,\d+$/.test(digits)) return ok(digits.replace(",", "."));
  if (/^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(digits)) return ok(digits.replace(/\./g, "").replace(",", "."));
  return null;
}

/**
 * Digits as written in English or Vietnamese, as a plain dot-decimal string: 1,200,000.5 and
 * 1.200.000,5 → 1200000.5, 53,4 → 53.4, 45.200 → 45200 (text; see the rules above). For readers
 * that need the digits themselves (the grounding check counts the decimals a claim was written at).
 */
export function plainDigits(digits: string, source: NumberSource = "text"): string | null {
  return plain(digits, source)?.digits ?? null;
}

const PLAIN_DECIMAL = /^[-+]?\d+(?:\.\d+)?$/;
const NUMBER = /^([-+]?)(\d[\d.,]*|\.\d+)(?:e([-+]?\d+))?\s*(%|\p{L}+)?$/iu;
const COMPACT_NUMBER = /^([-+]?)(\d+)(\p{L}+)(\d+)$/u;
const HALF = /^(?:nửa|nua)\s+(\p{L}+)$/iu;

/** Rounding away binary noise: 1.2 × 1e6 should be 1200000, not 1199999.9999999998. */
const tidy = (x: number) => Number(x.toPrecision(15));

/** A whole string as a number (see the rules at the top of this file), or null. */
export function readNumber(text: string, source: NumberSource = "text"): NumberRead | null {
  const t = text.trim();
  // The common case, short plain decimals (53.4, -7, 120): Number reads them exactly as the rules
  // below do (at most 15 digits, so tidy would change nothing), without the regular expressions;
  // an import reads a million of them. A text's 45.200 still takes the long way (read as 45200).
  if (t.length <= 15 && PLAIN_DECIMAL.test(t) && (source === "cell" || !/^[-+]?[1-9]\d{0,2}\.\d{3}$/.test(t))) return { value: Number(t) + 0, percent: false };
  const half = HALF.exec(t);
  if (half) {
    const scale = scaleOf(half[1]!);
    return scale ? { value: scale / 2, percent: false } : null;
  }
  const compact = COMPACT_NUMBER.exec(t);
  if (compact && COMPACT.has(fold(compact[3]!))) {
    const word = fold(compact[3]!);
    const value = tidy(Number(`${compact[1]}${compact[2]}.${compact[4]}`) * SCALES[word]!);
    return Number.isFinite(value) ? { value, percent: false } : null;
  }
  const m = NUMBER.exec(t);
  if (!m) return null;
  const [, sign, digits, exponent, suffix] = m;
  if (exponent !== undefined) {
    // Only a plain dot-decimal takes an exponent: 1e5, 1.5E-3 (never 1,5e3 or 1e5k).
    if (suffix !== undefined || !/^(\d+\.?\d*|\.\d+)$/.test(digits!)) return null;
    const value = Number(`${sign}${digits}e${exponent}`);
    return Number.isFinite(value) ? { value, percent: false } : null;
  }
  const percent = suffix === "%";
  const scale = suffix === undefined || percent ? 1 : scaleOf(suffix);
  if (scale === undefined) return null;
  // With a scale word the lone-dot form is a decimal: "1.365M" is 1.365 million, never 1,365 million.
  const read = scale !== 1 && /^[1-9]\d{0,2}\.\d{3}$/.test(digits!) ? { digits: digits!, ambiguous: false } : plain(digits!, source);
  if (!read) return null;
  const value = tidy(Number(`${sign}${read.digits}`) * scale);
  if (!Number.isFinite(value)) return null;
  return read.ambiguous ? { value, percent, ambiguous: true } : { value, percent };
}

/** The largest magnitude a value, start or target may have: a quadrillion, beyond any metric a team
 *  tracks (revenue in đồng included) and small enough that progress arithmetic on it stays finite.
 *  1e308 used to be stored, and every read of that KR then failed on Infinity. */
export const MAX_VALUE = 1e15;

/** Why `x` cannot be stored as `what` (a value, a target…), or null when it can. */
export function valueProblem(x: number, what: string): string | null {
  if (!Number.isFinite(x)) return `${what} must be a number, e.g. 52 or 1200000`;
  if (Math.abs(x) > MAX_VALUE) return `${what} ${x} is out of range: numbers up to ±1,000,000,000,000,000 (10^15) are accepted`;
  return null;
}

/** valueProblem for a caller that refuses with an error: `x`, or `fail(problem)` thrown. */
export function acceptValue(x: number, what: string, fail: (problem: string) => Error): number {
  const problem = valueProblem(x, what);
  if (problem) throw fail(problem);
  return x;
}

/** A value more than this many times a KR's range (start → target) beyond everything the KR has been
 *  (its start, its target, where it stands) is taken for a slip (an extra zero, another unit, 1e15 on a
 *  percentage) until the person confirms it. */
export const FAR_FACTOR = 10;

/** How many of a KR's ranges `value` lies beyond its start, its target and the `others` (where it
 *  stands; the value a correction replaces), when that is more than FAR_FACTOR; else null. A KR whose
 *  start equals its target (a threshold to stay above) measures in its target's size instead. */
export function farOff(value: number, start: number, target: number, others: readonly number[]): number | null {
  const known = [start, target, ...others];
  const lo = Math.min(...known),
    hi = Math.max(...known);
  const beyond = value < lo ? lo - value : value > hi ? value - hi : 0;
  const range = Math.abs(target - start) || Math.max(Math.abs(target), 1);
  const times = beyond / range;
  return times > FAR_FACTOR ? times : null;
}
