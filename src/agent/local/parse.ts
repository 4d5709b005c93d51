// Reading numbers, confidences, refs and notes out of what people type, in English and Vietnamese.
// Pure; the local model builds tool calls from these pieces.

import { foldText } from "../../domain/resolve.js";
import { readNumber } from "../../domain/values.js";

// One reader for the whole project (domain/values.ts): what "53,4", "1tr4" or "45.200" mean.
export { readNumber };

export interface Found<T> {
  value: T;
  /** The span of the original text it came from, so it can be removed before reading the rest. */
  start: number;
  end: number;
}

const WORD_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** "fifty-two" → 52, "ninety" → 90 (a bonus: numbers people spell out in chat). */
export function wordNumber(text: string): number | null {
  const parts = text.toLowerCase().split(/[\s-]+/);
  if (parts.length === 0 || parts.length > 2) return null;
  let total = 0;
  for (const p of parts) {
    const v = WORD_NUMBERS[p];
    if (v === undefined) return null;
    total += v;
  }
  return parts.length === 2 && (WORD_NUMBERS[parts[0]!]! < 20 || WORD_NUMBERS[parts[1]!]! >= 10) ? null : total;
}

// ".981" (a fraction typed without its zero) is a number too, "v.2" or "1..3" are not.
const NUMBER_TOKEN = /[-+]?\d[\d.,]*|(?<![\p{L}\d.])\.\d+/gu;
// What may follow the digits of one number: a scale word (with its fraction in 1tr4 / 2k5) or %.
const SUFFIX = /^(?:(?:k|tr|tỷ|tỉ)\d+|\s?(?:k|m|mn|b|bn|nghìn|nghin|ngàn|ngan|thousand|triệu|trieu|tr|million|tỷ|tỉ|ty|billion|%))(?!\p{L})/iu;
// "nửa triệu" (half a million); no \b: JavaScript's \b does not see "ử" as a word character.
const HALF = /(?<!\p{L})(?:nửa|nua)\s+(?:nghìn|nghin|ngàn|ngan|triệu|trieu|tỷ|tỉ)(?!\p{L})/giu;

// "nửa tiếng" / "half an hour": 0.5 of the unit that follows (the unit stays after the number).
const HALF_UNIT = /(?<!\p{L})(?:nửa|nua)(?=\s+(?:tiếng|tieng|giờ|gio|ngày|ngay|điểm|diem)(?!\p{L}))|\bhalf(?=\s+(?:an?\s+)?(?:hour|day|point)s?\b)/giu;

const SPELLED =
  /\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b/gi;

/** Numbers in digits (see readNumber), "nửa triệu" and spelled-out English ones ("fifty-two"), in text order. */
// "6h 15m", "6h15p", "6 tiếng 15 phút", "1 hr 30 min": hours and minutes, read as hours.
const DURATION = /(?<![\p{L}\d.,])(\d+)\s*(?:h|hrs?|hours?|giờ|gio|tiếng|tieng)\s*(?:and\s+)?(\d{1,2})\s*(?:m|mins?|minutes?|p|phút|phut)(?!\p{L})/giu;

export function findNumbers(text: string): Found<{ value: number; percent: boolean; raw: string }>[] {
  const out: Found<{ value: number; percent: boolean; raw: string }>[] = [];
  const durations = [...text.matchAll(DURATION)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, hours: Number(m[1]) + Number(m[2]) / 60 }));
  for (const d of durations) out.push({ value: { value: Number(d.hours.toFixed(4)), percent: false, raw: text.slice(d.start, d.end) }, start: d.start, end: d.end });
  const inDuration = (at: number) => durations.some((d) => at >= d.start && at < d.end);
  for (const m of text.matchAll(NUMBER_TOKEN)) {
    const digits = m[0].replace(/[.,]+$/, "");
    const start = m.index!;
    if (inDuration(start)) continue;
    const after = text.slice(start + digits.length);
    // Not a value: digits inside a name (Q4, p95, KR2.1) or an adjective ("30-day", "7-day").
    if (start > 0 && /[\p{L}]/u.test(text[start - 1]!)) continue;
    if (/^-\p{L}/u.test(after)) continue;
    const suffix = SUFFIX.exec(after)?.[0] ?? "";
    const raw = digits + suffix;
    const n = readNumber(raw.startsWith(".") ? `0${raw}` : raw);
    if (n) out.push({ value: { value: n.value, percent: n.percent, raw }, start, end: start + raw.length });
  }
  for (const m of text.matchAll(HALF)) {
    const n = readNumber(m[0]);
    if (n) out.push({ value: { value: n.value, percent: false, raw: m[0] }, start: m.index!, end: m.index! + m[0].length });
  }
  // "88 rưỡi" (eighty-eight and a half), "6 tiếng rưỡi": a half more.
  for (const m of text.matchAll(/(?<![\p{L}\d.,])(\d+)\s*(?:(?:tiếng|tieng|giờ|gio|ngày|ngay|điểm|diem)\s+)?(?:rưỡi|ruoi)(?!\p{L})/giu)) {
    const start = m.index!;
    for (let i = out.length - 1; i >= 0; i--) if (out[i]!.start === start) out.splice(i, 1);
    out.push({ value: { value: Number(m[1]) + 0.5, percent: false, raw: m[0] }, start, end: start + m[0].length });
  }
  for (const m of text.matchAll(HALF_UNIT)) out.push({ value: { value: 0.5, percent: false, raw: m[0] }, start: m.index!, end: m.index! + m[0].length });
  for (const m of text.matchAll(SPELLED)) {
    // "that one", "the 30-day one", "which one": a pronoun, not a number.
    if (
      /^one$/i.test(m[0]) &&
      (/\b(?:that|this|the|which|each|any|no|every|last|first|next|other|another|a|an|only|same|right|wrong|new|old)\s+(?:[\p{L}\d-]+\s+){0,3}$/iu.test(text.slice(0, m.index)) ||
        /^\s*(?:[,.;:!?)]|$)/.test(text.slice(m.index! + 3)))
    )
      continue;
    const value = wordNumber(m[0]);
    if (value !== null) out.push({ value: { value, percent: false, raw: m[0] }, start: m.index!, end: m.index! + m[0].length });
  }
  // Vietnamese tens spelled out ("ba mươi tư" = 34, "mười lăm" = 15). Single digit words are left
  // alone: "ba", "năm", "sáu", "bảy" are also "Mrs", "year"/a name, "after", "now".
  for (const m of foldSameLength(text).matchAll(VI_TENS)) {
    const tens = m[1] ? VI_DIGITS[m[1]]! : 1;
    const unit = m[2] ? (VI_DIGITS[m[2]] ?? 0) : 0;
    out.push({ value: { value: tens * 10 + unit, percent: false, raw: text.slice(m.index!, m.index! + m[0].length) }, start: m.index!, end: m.index! + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

const VI_DIGITS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, lam: 5, sau: 6, bay: 7, tam: 8, chin: 9 };
const VI_TENS = /\b(?:(hai|ba|bon|nam|sau|bay|tam|chin) muoi|muoi)(?: (mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin))?\b/g;

const KR_REF = /\bKR\s?(\d+)\s?\.\s?(\d+)\b/i;
const OBJECTIVE_REF = /\bO(\d+)\b/;

export function findKrRef(text: string): Found<string> | null {
  const m = KR_REF.exec(text);
  return m ? { value: `KR${m[1]}.${m[2]}`, start: m.index, end: m.index + m[0].length } : null;
}

export function findObjectiveRef(text: string): Found<string> | null {
  const m = OBJECTIVE_REF.exec(text);
  return m ? { value: `O${m[1]}`, start: m.index, end: m.index + m[0].length } : null;
}

export interface ConfidenceFound extends Found<number> {
  /** Set when a colour was mapped to a number, so the answer can say so. */
  fromColor?: string;
}

// (?<!\p{L}) … (?!\p{L}) rather than \b, which JavaScript does not apply to "đỏ" or "vàng".
const COLORS: [RegExp, number, string][] = [
  [/(?<!\p{L})(red|đỏ)(?!\p{L})/iu, 2, "red"],
  [/(?<!\p{L})(yellow|amber|vàng|vang)(?!\p{L})/iu, 3, "yellow"],
  [/(?<!\p{L})(green|xanh)(?!\p{L})/iu, 4, "green"],
];

/** "confidence 4", "conf: 3", "4/5", "tự tin 4", "độ tin cậy 3", or red/yellow/green (→ 2/3/4). */
export function findConfidence(text: string): ConfidenceFound | null {
  const labelled =
    /\b(?:confidence|conf|confident|độ tự tin|do tu tin|tự tin|tu tin|độ tin cậy|do tin cay|tin cậy|tin cay)\s*(?:is|level|=|:|at|là|la|ở mức|o muc)?\s*(\d(?:\.\d)?)(?:\s*(?:\/|out of|trên|tren)\s*5)?/iu.exec(
      text,
    );
  if (labelled) return { value: Number(labelled[1]), start: labelled.index, end: labelled.index + labelled[0].length };
  // "he's at a 4", "feeling like a 3": a score for how sure someone is, said with "a".
  const felt =
    /\b(?:(?:he|she|they|i|we|(?:he|she|they|i|we)\s+(?:said|says))(?:'s|’s|'re|'m| is| are| am)?|feel(?:s|ing)?(?: like)?)\s+(?:at\s+)?an?\s+([1-5])\b(?!\s*(?:%|[.,]\d|k\b|m\b))/i.exec(
      text,
    );
  if (felt) return { value: Number(felt[1]), start: felt.index, end: felt.index + felt[0].length };
  const outOfFive = /\b(\d)\s*\/\s*5\b/.exec(text);
  if (outOfFive) return { value: Number(outOfFive[1]), start: outOfFive.index, end: outOfFive.index + outOfFive[0].length };
  for (const [re, value, name] of COLORS) {
    const m = re.exec(text);
    if (m) return { value, start: m.index, end: m.index + m[0].length, fromColor: name };
  }
  return null;
}

/** "note: …", "notes - …", "ghi chú: …", "because …", "vì …" up to the end. */
export function findNote(text: string): Found<string> | null {
  // No \b after Vietnamese words: JavaScript's \b does not see "ú" as a word character.
  const quoted = /(?:\bnotes?|\bghi chú|\bghi chu)\s+["“]([^"”]+)["”]/iu.exec(text); // note "…", without a colon
  if (quoted) return { value: quoted[1]!.trim(), start: quoted.index, end: quoted.index + quoted[0].length };
  // "…, conf 3 vi thieu reviewer": "vi" (vì, because) typed without accents, after a number.
  const m =
    /(?:\bnotes?|\bghi chú|\bghi chu|\bcomment)\s*(?:[:\-–]|(?:là|la|is)(?!\p{L}))\s*(.+)$/iu.exec(text) ??
    /(?:\bbecause|(?:^|\s)vì|(?<=\d\s)vi|(?<=,\s?)vi)\s+(.+)$/iu.exec(text) ??
    // "34 days now (standard contract template keeps paying off)": an aside in brackets at the end.
    /(?<=\d[\p{L}%]*(?:\s+\p{L}+){0,3})\s*\(([^()]{6,})\)\s*$/u.exec(text);
  return m ? { value: m[1]!.trim().replace(/^["“']|["”']$/g, ""), start: m.index, end: text.length } : null;
}

/** The words before a note that follows a value ("44,8k visits, note là blog …"): the request
 *  itself, which is what guards and readers judge. A note with no value before it ("standup notes:
 *  '…' — don't log these yet") is the request, and the whole text is kept. */
export function beforeValueNote(text: string): string {
  const note = findNote(text);
  return note && /\d/.test(text.slice(0, note.start)) ? text.slice(0, note.start) : text;
}

/** Removes the given spans from the text (so what is left can be read as a name fragment). */
export function without(text: string, spans: (Found<unknown> | null | undefined)[]): string {
  let out = text;
  for (const s of spans.filter((x): x is Found<unknown> => !!x).sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + " " + out.slice(s.end);
  return out;
}

export function folded(text: string): string {
  return foldText(text);
}

/** "from 8,000 to 12,000 subscribers", "từ 45% lên 60%", "from $18k to $22k", "3 → 10 deploys" →
 *  start, target, unit. */
export function fromTo(t: string): { start: number; target: number; unit: string } | null {
  // A k/m suffix only counts when no letter follows ("15 minutes" is not 15 million).
  const num = String.raw`[$€£]?\s?[-+]?\d[\d.,]*(?:\s?(?:k|m|tr|trieu|triệu|tỷ|tỉ|ty|bn|b|billion|million)(?!\p{L})|\s?%)?`;
  const m =
    new RegExp(
      String.raw`\b(?:from|từ|tu)\s+(${num})\s*([A-Za-zÀ-ỹ/$%]+)?\s+(?:to|lên|len|xuống|xuong|đến|den|tới|toi|còn|con)\s+(${num})\s*([A-Za-zÀ-ỹ/$]+(?:\s(?!(?:a|an|the|per|by|in)\b)[a-zà-ỹ]+)?)?`,
      "iu",
    ).exec(t) ??
    new RegExp(String.raw`(?<![\d.])(${num})\s*([A-Za-zÀ-ỹ/$%]+)?\s*(?:→|->|=>|–>)\s*(${num})\s*([A-Za-zÀ-ỹ/$]+(?:\s(?!(?:a|an|the|per|by|in)\b)[a-zà-ỹ]+)?)?`, "iu").exec(t);
  if (!m) return null;
  const plain = (x: string) => x.replace(/^[$€£]\s?/, "").replace(/[.,]+$/, "");
  const a = readNumber(plain(m[1]!)),
    b = readNumber(plain(m[3]!));
  if (!a || !b) return null;
  const unit = a.percent || b.percent ? "%" : /^[$]/.test(m[1]!) ? "USD" : (m[4] ?? m[2] ?? "").trim();
  return { start: a.value, target: b.value, unit: /^(by|in|this|per|each|a|the)$/i.test(unit) ? "" : unit };
}

/** Like folded(), but character for character (no whitespace collapsing), so a span found in the
 *  result is the same span of the original text. */
export function foldSameLength(text: string): string {
  let out = "";
  for (const ch of text) {
    const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    const one = base.length === ch.length ? base : ch;
    out += one === "đ" ? "d" : one === "Đ" ? "d" : one.toLowerCase().length === one.length ? one.toLowerCase() : one;
  }
  return out;
}

// Quotes: "…", “…”, and '…' / ‘…’ only when they are not an apostrophe inside a word ("I'd", "it's").
export const QUOTED = /["“]([^"”]{3,})["”]|(?<!\p{L})['‘]([^'’]{3,}?)['’](?!\p{L})/gu;

/** The quoted passages of a text, in order. */
export function quotedTexts(text: string): string[] {
  return [...text.matchAll(QUOTED)].map((m) => (m[1] ?? m[2]!).trim());
}

/** The text with its quoted passages removed (quote marks included). */
export function withoutQuotes(text: string): string {
  return text.replace(QUOTED, " ");
}
