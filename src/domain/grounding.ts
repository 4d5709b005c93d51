// The grounding check: every number, date, ref and quote a summary states must come from the
// facts it was written from. Pure; run on every summary, template or LLM.

import { plainDigits } from "./values.js";

export interface GroundingFact {
  id: string;
  values: number[];
  dates: string[];
  quote?: string;
}

export interface GroundingContext {
  facts: GroundingFact[];
  /** Refs (KR1.3, O2) and cycle names that exist, with their stored titles (numbers in a stored
   *  title, like "from 5% to 3%", are data, not claims). */
  titles: Map<string, string>;
  /** Dates the summary may name besides the facts' own (the week's first and last day). */
  dates: string[];
}

export type ClaimKind = "number" | "date" | "ref" | "quote";

export interface Claim {
  text: string;
  kind: ClaimKind;
  grounded: boolean;
  /** The facts that support it. */
  factIds: string[];
}

export interface Grounding {
  grounded: boolean;
  claims: Claim[];
}

const SCALES: Record<string, number> = { k: 1e3, m: 1e6, million: 1e6, bn: 1e9, b: 1e9, billion: 1e9 };

/** A number as written, read into a value and the precision it was written at. */
function parseClaim(raw: string): { value: number; decimals: number; percent: boolean; scale: number } | null {
  const m = /^([$€£]?)\s?(\d[\d.,]*)\s?(%|pts|points|điểm|k|m|bn|b|million|billion)?$/i.exec(raw.trim());
  if (!m) return null;
  const digits = plainDigits(m[2]!.replace(/[.,]$/, ""));
  if (digits === null) return null;
  const value = Number(digits);
  if (!Number.isFinite(value)) return null;
  const unit = (m[3] ?? "").toLowerCase();
  return { value, decimals: (digits.split(".")[1] ?? "").length, percent: ["%", "pts", "points", "điểm"].includes(unit), scale: SCALES[unit] ?? 1 };
}

/** Does a stored value, shown at the claim's precision (as a percentage for %, scaled for k/M), read as the claim? */
export function numberMatches(claim: string, factValue: number): boolean {
  const c = parseClaim(claim);
  if (!c) return false;
  const tolerance = 0.5 * 10 ** -c.decimals + 1e-9;
  const candidates = c.percent ? [factValue * 100, factValue] : [factValue / c.scale];
  return candidates.some((v) => Math.abs(v - c.value) <= tolerance);
}

const QUOTE = /["“]([^"”]{2,})["”]/g;
const FACT_ID = /\[F\d+(?:,\s*F\d+)*\]/g;
const REF = /\b(KR\d+\.\d+|O\d+|\d{4}-Q[1-4])\b/g;
const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
// (?!\p{L}) rather than \b: "25 kết" is 25, not 25 thousand (\b misreads Vietnamese letters).
const NUMBER = /[$€£]?\s?\d[\d.,]*\d?(?:\s?(?:%|(?:pts|points|điểm|k|m|bn|million|billion)(?!\p{L})))?/giu;

export function checkGrounding(summary: string, ctx: GroundingContext): Grounding {
  const claims: Claim[] = [];
  let text = summary;
  const blank = (re: RegExp, onMatch: (m: RegExpExecArray) => void) => {
    text = text.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      m.index = args[args.length - 2] as number;
      onMatch(m);
      return " ".repeat((args[0] as string).length);
    });
  };
  blank(QUOTE, (m) => {
    const quoted = m[1]!.trim();
    const ids = ctx.facts.filter((f) => f.quote && (f.quote === quoted || f.quote.includes(quoted))).map((f) => f.id);
    claims.push({ text: quoted, kind: "quote", grounded: ids.length > 0, factIds: ids });
  });
  // Stored titles are data: their numbers are not claims (longest first, so KR titles win).
  for (const title of [...ctx.titles.values()].filter((t) => /\d/.test(t)).sort((a, b) => b.length - a.length)) text = text.split(title).join(" ".repeat(title.length));
  blank(FACT_ID, () => {});
  blank(DATE, (m) => {
    const ids = ctx.facts.filter((f) => f.dates.includes(m[0])).map((f) => f.id);
    claims.push({ text: m[0], kind: "date", grounded: ids.length > 0 || ctx.dates.includes(m[0]), factIds: ids });
  });
  blank(REF, (m) => claims.push({ text: m[0], kind: "ref", grounded: ctx.titles.has(m[0]) || [...ctx.titles.values()].includes(m[0]), factIds: [] }));
  // "3/5" is a confidence: the 3 is the claim, the 5 is the scale.
  blank(/\b([1-5])\s?\/\s?5\b/g, (m) => {
    const ids = ctx.facts.filter((f) => f.values.includes(Number(m[1]))).map((f) => f.id);
    claims.push({ text: m[0], kind: "number", grounded: ids.length > 0, factIds: ids });
  });
  blank(NUMBER, (m) => {
    const raw = m[0].trim();
    if (!/\d/.test(raw)) return;
    const ids = ctx.facts.filter((f) => f.values.some((v) => numberMatches(raw, v))).map((f) => f.id);
    claims.push({ text: raw, kind: "number", grounded: ids.length > 0, factIds: ids });
  });
  return { grounded: claims.every((c) => c.grounded), claims };
}
