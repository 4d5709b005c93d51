// Numbers as people type them on a command line: 52, 52%, 1,200,000, 1.2M, 15k, -3.5.

const HUMAN = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*([kKmMbB]|%)?$/;
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * Digits as written in English or Vietnamese, as a plain dot-decimal string: 1,200,000.5 and
 * 1.200.000,5 → 1200000.5, 53,4 → 53.4. (A leading 0 is never a thousands group: 0.615 stays.)
 */
export function plainDigits(digits: string): string {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return digits.replace(/,/g, "");
  if (/^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(digits)) return digits.replace(/\./g, "").replace(",", ".");
  return digits.replace(",", ".");
}

/** Returns null when the text is not a number; a trailing % is dropped (the KR's unit says %). */
export function parseHumanNumber(text: string): number | null {
  const m = HUMAN.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const base = Number(`${m[1]}${(m[2] ?? "0").replace(/,/g, "")}${m[3] ?? ""}`);
  const suffix = m[4]?.toLowerCase();
  const scaled = suffix && suffix !== "%" ? base * SCALE[suffix]! : base;
  // Rounding away binary noise: 1.2 × 1e6 should be 1200000, not 1199999.9999999998.
  return Number.isFinite(scaled) ? Number(scaled.toPrecision(15)) : null;
}
