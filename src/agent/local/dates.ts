// Dates as people write them in chat, in English and Vietnamese: "yesterday", "hôm qua", "on Monday",
// "thứ 2", "last friday", "11/24", "24/11", "ngày 24/11", "2026-11-24". Each is found with its span,
// so the number inside it ("thứ 2", "24/11") is never read as a value.

import { foldSameLength } from "./parse.js";

export interface DateFound {
  date: string;
  start: number;
  end: number;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// Weekday words in the folded text (no accents), each with its day number (Sunday = 0).
const WEEKDAYS: [RegExp, number][] = [
  [/\b(?:sunday|sun|chu nhat|cn)\b/, 0],
  [/\b(?:monday|mon|thu hai|thu 2|t2)\b/, 1],
  [/\b(?:tuesday|tue|tues|thu ba|thu 3|t3)\b/, 2],
  [/\b(?:wednesday|wed|thu tu|thu 4|t4)\b/, 3],
  [/\b(?:thursday|thu|thurs|thu nam|thu 5|t5)\b/, 4],
  [/\b(?:friday|fri|thu sau|thu 6|t6)\b/, 5],
  [/\b(?:saturday|sat|thu bay|thu 7|t7)\b/, 6],
];

/**
 * The first date the text names, counted back from `today` for relative words (a check-in is about
 * the past: "on Monday" is the last Monday, today included). Folding keeps offsets: it only drops
 * accents, so spans found in the folded text apply to the original.
 */
// A month's name or its usual abbreviation, whole ("4 marketing leads" is no date).
const MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

export function findDate(text: string, today: string | null | undefined): DateFound | null {
  const f = foldSameLength(text);
  const base = today ? Date.parse(`${today}T00:00:00Z`) : NaN;
  const year = today ? Number(today.slice(0, 4)) : new Date().getUTCFullYear();
  const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (isoDate) return { date: isoDate[0], start: isoDate.index, end: isoDate.index + isoDate[0].length };
  // 24/11, 11/24, 24/11/2026, "ngày 24/11", "on 11/24": day/month unless the second part is over 12.
  const slash = /\b(?:(?:ngay|on)\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/.exec(f);
  if (slash) {
    const a = Number(slash[1]),
      b = Number(slash[2]);
    const [day, month] = b > 12 ? [b, a] : [a, b];
    const y = slash[3] ? (slash[3].length === 2 ? 2000 + Number(slash[3]) : Number(slash[3])) : year;
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31)
      return { date: `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, start: slash.index, end: slash.index + slash[0].length };
  }
  // "Nov 13", "November 13th", "13 Nov": this year.
  const named = new RegExp(`\\b(?:(${MONTHS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTHS}))\\b`).exec(f);
  if (named) {
    const month = MONTHS.split("|").findIndex((m) => m.startsWith((named[1] ?? named[4])!.slice(0, 3))) + 1;
    const day = Number(named[2] ?? named[3]);
    if (day >= 1 && day <= 31) return { date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, start: named.index, end: named.index + named[0].length };
  }
  if (Number.isNaN(base)) return null;
  // "the 23rd", "on the 20th": a day of this month (or of last month, when still to come).
  const ordinal = /\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)\b/.exec(f);
  if (ordinal && Number(ordinal[1]) >= 1 && Number(ordinal[1]) <= 31) {
    const d = new Date(base);
    const day = Number(ordinal[1]);
    if (day > d.getUTCDate()) d.setUTCMonth(d.getUTCMonth() - 1);
    d.setUTCDate(day);
    return { date: iso(d.getTime()), start: ordinal.index, end: ordinal.index + ordinal[0].length };
  }
  const rel = /\b(yesterday|yday|hom qua|hqua|hum qua|hom kia|today|hom nay)\b/.exec(f);
  if (rel) {
    const back = ["yesterday", "yday", "hom qua", "hqua", "hum qua"].includes(rel[1]!) ? 1 : rel[1] === "hom kia" ? 2 : 0;
    return { date: iso(base - back * DAY), start: rel.index, end: rel.index + rel[0].length };
  }
  const dow = new Date(base).getUTCDay();
  for (const [re, d] of WEEKDAYS) {
    const m = re.exec(f);
    if (!m) continue;
    // "thu" alone is Vietnamese for "try" and "letter" too: only "on thu" / "last thu" counts.
    if (m[0] === "thu" && !/\b(on|last|this)\s+thu\b/.test(f)) continue;
    const last = /\b(last|tuan truoc)\b/.test(f.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12));
    let back = (dow - d + 7) % 7;
    if (last && back === 0) back = 7;
    const lead = /\b(?:on|last|this)\s+$/.exec(f.slice(0, m.index));
    const start = lead ? m.index - lead[0].length : m.index;
    return { date: iso(base - back * DAY), start, end: m.index + m[0].length };
  }
  return null;
}
