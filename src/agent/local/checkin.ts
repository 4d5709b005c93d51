// A new value for a key result, read from what people type: the KR (ref, title words, in either
// language), the value (52, 53,4, 1tr4, "up 2 points" from the last value), confidence, note and
// date ("hôm qua", "on 11/24"). A value that does not fit the KR, a name that fits several KRs or
// none, or a missing value becomes a question; nothing is guessed.

import { findDate } from "./dates.js";
import { sharesConcept, type DirectoryKr, type KrDirectory } from "./directory.js";
import { blankQuotes } from "./guard.js";
import { say, type Lang } from "./lang.js";
import { findConfidence, findKrRef, findNote, findNumbers, folded, foldSameLength, without, type ConfidenceFound, type Found } from "./parse.js";
import { implausible } from "./plausible.js";

export type CheckInRead = { kind: "log"; input: Record<string, unknown> } | { kind: "ask"; text: string; candidates?: DirectoryKr[]; pendingInput?: Record<string, unknown> };

/** Verbs that say "record this value". Their absence is allowed ("NPS came in at 53") but then a
 *  KR must be named by its words next to the number. */
// "ghi chú" is a note, not "ghi" (write it down).
export const WRITE_VERB =
  /\b(log|logged|record|check ?in|checkin|chekc in|update|set|report|put|add (?:that|this|it)|mark (?:it|that|this|as)|cap nhat|ghi nhan|(?<!\b(?:dang|da|duoc|van) )ghi(?! chu\b| gi\b| nhung gi\b)|bao cao|nhap|chot)\b/;
const QUESTION = /\b(which|what|how|why|who|nao|sao|bao nhieu|gi)\b|\?/;
const STATE_VERB = /\b(is now|now at|now|is at|at|reached|hit|hits|came in|landed|down to|up to|done with|dat|len|la|con|duoc|dang o|o muc|hien la)\b/;
/** +1 or −1 when the value is a change from the last one ("up 2 points", "+3", "4 more than last
 *  week", "tăng 0,3 điểm", "giảm thêm 1 ngày"), null when it is the new value itself ("up to 54",
 *  "tăng lên 27%"). `f` is folded text. */
export function relativeSign(f: string): 1 | -1 | null {
  if (/\b(up|down|tang|giam) (?:to|len|xuong|thanh|con)\b/.test(f)) return null;
  if (
    /\b(?:up|increased|grew|rose|plus|gained|tang|cong)(?: by| them| another| a further| duoc)* (?:\+?\d|nua\b|half\b|(?:a|one|mot) (?:point|pt|diem)\b)/.test(f) ||
    /\d[\d.,]*\s*(?:pts?|points?|diem|%|[a-z]+)?\s*(?:more|higher|extra)\b(?:\s+[a-z]+){0,3}\s+than (?:last|the last|before)/.test(f) ||
    /(?:^|\s)\+\d/.test(f)
  )
    return 1;
  if (
    /\b(?:down|decreased|dropped|fell|minus|shortened|shrank|reduced|lowered|giam|bot|tru|rut ngan)(?: by| them| another| a further| duoc)* (?:-?\d|nua\b|half\b|(?:a|one|mot) (?:point|pt|diem)\b)/.test(
      f,
    ) ||
    /\d[\d.,]*\s*(?:pts?|points?|diem|%|[a-z]+)?\s*(?:less|lower|fewer)\b(?:\s+[a-z]+){0,3}\s+than (?:last|the last|before)/.test(f) ||
    /(?:^|\s)-\d/.test(f)
  )
    return -1;
  // "4 more leads since ha's last update": more of a count since the last check-in.
  if (/\d[\d.,]*\s*(?:[a-z]+\s+)?(?:more|extra|additional|new)\b.*\bsince\b.*\b(?:last|previous)\b/.test(f)) return 1;
  // "signed another 3", "kiếm thêm đc 4 lead so với tuần trước": more of a count, said without "up".
  if (/\b(?:another|an extra|them(?: duoc| dc)?) \+?\d/.test(f) || /\d[\d.,]*\s*(?:[a-z]+\s+){0,2}(?:nhieu hon|hon) (?:tuan|lan|thang|hom) truoc/.test(f)) return 1;
  return null;
}

/** A name fragment for a KR: what is left once the verb, value, confidence and note are gone. */
function krFragment(rest: string): string {
  const f = folded(rest)
    .replace(/[,:;!?()"“”]/g, " ")
    .replace(
      /\b(please|pls|log|logged|record|check ?in|checkin|update|updated|set|report|put|the|a|an|kr|key result|for|on|of|to|at|is|now|as|value|our|my|new|with|we|are|cap nhat|ghi nhan|ghi|bao cao|nhap|cho|la|dat|len|xuong|muc|hien tai|gia tri|chi so|ket qua)\b/g,
      " ",
    )
    .replace(/\s+/g, " ")
    .trim();
  return f.length >= 3 ? f : "";
}

// A unit said right after a value, and how the KRs' own units spell it.
const UNITS: [RegExp, RegExp][] = [
  [/^\s*(?:an?\s+)?(?:h|hrs?|hours?|gio|tieng)\b/, /^(?:h|hrs?|hours?|gio)$/],
  [/^\s*(?:an?\s+)?(?:d|days?|ngay)\b/, /^(?:d|days?|ngay)$/],
  [/^\s*(?:min|mins|minutes?|phut)\b/, /^(?:min|mins|minutes?|phut)$/],
  [/^\s*(?:points?|pts|diem)\b/, /^(?:points?|pts|diem)$/],
];

function unitSaid(head: string, numbers: { end: number }[]): RegExp | undefined {
  for (const n of numbers) {
    const after = folded(head.slice(n.end));
    const hit = UNITS.find(([said]) => said.test(after));
    if (hit) return hit[1];
  }
  return undefined;
}

// Where a clause ends: a comma or semicolon, a sentence's end, a dash, or an emoji ("…1,4 triệu đô r
// nhé 💪 chốt thêm 2 deal"). The value's clause holds its relative words; what follows is its note.
const CLAUSE_CUT = /[,;]\s|[.!?]+\s|\s[-–—]\s|\s*\p{Extended_Pictographic}\uFE0F?\s*/gu;

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** "third case study", "the 4th QBR": the count an ordinal gives when the words after it are
 *  what exactly one KR counts (its unit). "the 23rd" alone is a date, and is never read here. */
function ordinalCount(head: string, dir: KrDirectory): { found: Found<{ value: number; percent: boolean; raw: string }> } | null {
  const m = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|(\d{1,3})(?:st|nd|rd|th))\s+((?:\p{L}+\s*){1,3})/iu.exec(head);
  if (!m) return null;
  const value = m[2] ? Number(m[2]) : ORDINALS.indexOf(m[1]!.toLowerCase()) + 1;
  if (!countingKr(m[3]!, dir)) return null;
  return { found: { value: { value, percent: false, raw: m[1]! }, start: m.index, end: m.index + m[1]!.length } };
}

/** The KR whose unit the words are: "case study", "QBR" → the one KR counting them. */
function countingKr(words: string, dir: KrDirectory): DirectoryKr | undefined {
  const said = folded(words)
    .split(/\s+/)
    .filter((w) => w.length >= 3)
    .map((w) => w.slice(0, 4));
  const counting = dir.krs.filter((k) => {
    const unitWords = folded(k.unit)
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 3);
    return unitWords.length > 0 && unitWords.every((w) => said.includes(w.slice(0, 4)));
  });
  return counting.length === 1 ? counting[0] : undefined;
}

/** "case study thứ 3": the Vietnamese ordinal after the thing a KR counts. */
function countAfterUnit(head: string, dir: KrDirectory): Found<{ value: number; percent: boolean; raw: string }> | null {
  const m = /((?:\p{L}+\s+){1,3})(thứ|thu)\s+(\d{1,3})(?!\s*[/\d])/iu.exec(head);
  if (!m || !countingKr(m[1]!, dir)) return null;
  const start = m.index + m[1]!.length;
  // Another number said ("NPS thứ 2 là 53"): then "thứ 2" is the Monday it was measured.
  if (/\d/.test(head.slice(0, start) + head.slice(m.index + m[0].length))) return null;
  return { value: { value: Number(m[3]), percent: false, raw: head.slice(start, m.index + m[0].length) }, start, end: m.index + m[0].length };
}

/** "Which one do you mean: KR1.1 (…), KR2.1 (…)?": the question every pick between candidates asks. */
export function askWhich(krs: readonly { ref: string; title: string }[], lang: Lang): string {
  const list = krs.map((k) => `${k.ref} (${k.title})`).join(", ");
  return say(lang, `Which one do you mean: ${list}? Reply with the ref.`, `Bạn muốn nói KR nào: ${list}? Hãy trả lời bằng mã.`);
}

const unitOf = (kr: DirectoryKr | undefined, v: number) => (kr?.unit === "%" ? `${v}%` : kr?.unit ? `${v} ${kr.unit}` : `${v}`);

export function readCheckIn(original: string, dir: KrDirectory | undefined, lang: Lang, today: string | null | undefined): CheckInRead | null {
  // Quoted text is data (a message being drafted, a customer's words): never a value to log.
  const t = blankQuotes(original);
  const f = folded(t);
  const ref = findKrRef(t);
  const confidence: ConfidenceFound | null = findConfidence(t);
  // Notes are read from the message as written: a quoted note ("note \"survey sent again\"") stays.
  const note = findNote(original);
  const head = note ? t.slice(0, note.start) : t;
  // "4/5" next to a value is a confidence, not the 4th of May: dates are read around it.
  // "case study thứ 3 publish rồi": after what a KR counts, "thứ 3" is "the third", not Tuesday.
  const viOrdinal = dir && !ref ? countAfterUnit(head, dir) : null;
  const dated = viOrdinal ? without(head, [viOrdinal]) : head;
  const date = findDate(confidence ? dated.slice(0, confidence.start) + " ".repeat(confidence.end - confidence.start) + dated.slice(confidence.end) : dated, today);
  let numbers = findNumbers(head).filter(
    (n) =>
      !(ref && n.start >= ref.start && n.end <= ref.end) &&
      !(confidence && n.start >= confidence.start && n.end <= confidence.end) &&
      !(date && n.start >= date.start && n.start < date.end),
  );
  // "crash-free sessions bản 4.12 ra được 0.978": a version is no value.
  if (numbers.length > 1) numbers = numbers.filter((n) => !/\b(?:v|ver|version|release|build|bản|ban|phiên bản|phien ban|app)\s*\.?\s*$/iu.test(head.slice(0, n.start)));
  // "MRR tháng 11 chạm 1,42 triệu": a month, a quarter or a week number is no value.
  if (numbers.length > 1) numbers = numbers.filter((n) => !/\b(?:tháng|thang|month|quý|quy|q|tuần|tuan|week|wk)\s*$/iu.test(head.slice(0, n.start)));
  // "signups that stick past day 30 are at 54.1%": "day 30" names the KR ("30-day"), it is no value.
  if (numbers.length > 1) numbers = numbers.filter((n) => !/\b(?:day|d)[\s-]*$/i.test(head.slice(0, n.start)));
  // "the sales team's tỷ lệ thắng one → 22.5%": a number written in digits beats a spelled one.
  if (numbers.some((n) => /\d/.test(n.value.raw))) numbers = numbers.filter((n) => /\d/.test(n.value.raw));
  // "retention 30 ngày: 55%": a number of days next to another number names the KR ("30-day").
  // A qualifier is a whole number ("30 ngày", "7-day"): "3.5 days" is a value.
  if (numbers.length > 1)
    numbers = numbers.filter(
      (n) => !/^\s*-?\s*(?:d|days?|ngày|ngay|months?|tháng|thang|weeks?|tuần|tuan)\b/iu.test(head.slice(n.end)) || n.value.percent || !Number.isInteger(n.value.value),
    );
  // "up 2 since last week" reports a value as surely as "is at 54".
  // "Hà's number is 33 this week": "is" reports a value when a person's number is meant.
  const verb =
    WRITE_VERB.test(f) ||
    STATE_VERB.test(f) ||
    /=/.test(t) ||
    relativeSign(f) !== null ||
    ((/\b(?:is|are|was|la|says?|said|nhan|bao)\b/.test(f) || /:/.test(head)) && !!dir?.findOwner(head));
  // "third case study went live today": an ordinal followed by what a KR counts is its new count.
  if (numbers.length === 0 && dir && !ref) {
    // "retention went up a point": one point, relative.
    const onePoint = /\b(?:up|down|tang|giam)\s+(?:by\s+)?(?:a|one|mot)\s+(?:point|pt|diem)\b/.exec(foldSameLength(head));
    const counted =
      ordinalCount(head, dir) ??
      (viOrdinal ? { found: viOrdinal } : null) ??
      (onePoint ? { found: { value: { value: 1, percent: false, raw: onePoint[0] }, start: onePoint.index, end: onePoint.index + onePoint[0].length } } : null);
    if (counted) numbers = [counted.found];
    // "QBRs done with half of our top accounts": half, on a KR counted in percent, is 50%.
    const half = /\b(?:half|a half|mot nua|nua)\b(?!\s+(?:an?\s+)?(?:hour|day|point|tieng|gio|ngay|diem|nghin|ngan|trieu|ty)s?\b)/.exec(foldSameLength(head));
    const only = half && !counted ? dir.matchKr(head) : [];
    if (half && only.length === 1 && only[0]!.unit === "%") numbers = [{ value: { value: 50, percent: true, raw: half[0] }, start: half.index, end: half.index + half[0].length }];
  }
  // "log a check-in for crash-free sessions, confidence 4", "sofia's kr improved, log it", "conf 2
  // on daniel's kr": a write without its value asks for it (which KR first, when several fit). A
  // confidence alone offers the last value again, to be confirmed.
  if (numbers.length === 0 && dir && (WRITE_VERB.test(f) || (confidence && !QUESTION.test(f)))) {
    const byRef = ref ? dir.byRef(ref.value) : undefined;
    let named = ref ? (byRef ? [byRef] : []) : dir.matchKr(without(head, [confidence]));
    if (!ref && !named.length) {
      const owner = dir.findOwner(head);
      named = owner ? dir.krs.filter((k) => k.owner === owner) : [];
    }
    if (named.length > 1) return { kind: "ask", text: askWhich(named, lang), candidates: named };
    const k = named[0];
    if (k && confidence)
      return {
        kind: "ask",
        text: say(
          lang,
          `Log confidence ${confidence.value}/5 on ${k.ref} ${k.title} with the value unchanged at ${unitOf(k, k.current)}? Reply "yes", or give the new value.`,
          `Ghi độ tự tin ${confidence.value}/5 cho ${k.ref} ${k.title}, giữ nguyên giá trị ${unitOf(k, k.current)}? Trả lời "đồng ý", hoặc cho mình giá trị mới.`,
        ),
        pendingInput: { keyResult: k.ref, value: k.current, confidence: confidence.value },
      };
    if (k && !ref)
      return {
        kind: "ask",
        text: say(lang, `What is the new value for ${k.ref} ${k.title}?`, `Giá trị mới của ${k.ref} ${k.title} là bao nhiêu?`),
        pendingInput: { keyResult: k.ref },
      };
  }
  if (numbers.length === 0 && !(ref && WRITE_VERB.test(f))) return null;
  // Segments after the first comma that carry no number and no confidence read as the note.
  let noteText = note?.value;
  if (!noteText) {
    // A comma splits only when a space follows: "54,6%" is one number.
    // An emoji ends a clause as a comma does ("…1,4 triệu đô r nhé 💪 chốt thêm 2 deal").
    const cuts = [...head.matchAll(CLAUSE_CUT)].map((m) => m.index!);
    const segments = head.split(CLAUSE_CUT).map((s) => s.trim());
    // Only what follows the value's own segment is a note: "ahmed just pinged me, first response
    // is 6.1h now" says the value (and the KR's name) in its second part. Segments holding only a
    // confidence or a date are no note; a sentence that mentions a small count ("met 2 big
    // customers") still is.
    const valueAt = numbers[0] ? cuts.filter((c) => c < numbers[0]!.start).length : 0;
    const free = segments
      .slice(valueAt + 1)
      .filter(Boolean)
      .filter((s) => !findConfidence(s) && !findKrRef(s) && s.split(/\s+/).length >= 2 && !(/\d/.test(s) && s.split(/\s+/).length < 4))
      // "…, log it" / "…, ghi nhận giúp em" is the request itself, not a note.
      .filter((s) => !/^(?:(?:pls|please|can you|could you)\s+)?(?:log|record|update|save|ghi nhan|ghi|cap nhat)\b(?:\s+\S+){0,6}$/.test(folded(s)))
      .map((s) => s.replace(/^(?:note|ghi chú|ghi chu)\s*[:\-–]\s*/iu, ""));
    if (free.length) noteText = free.join(", ");
  }
  const noteSpan: Found<number> | null =
    noteText && !note && head.includes(noteText) ? { value: 0, start: head.indexOf(noteText), end: head.indexOf(noteText) + noteText.length } : null;
  const nameText = without(head, [...numbers, confidence, noteSpan, date ? { value: 0, ...date } : null]);
  // A team's name is no KR's name ("tỉ lệ deal thắng của team sale" is not "…passed to sales"),
  // unless nothing else names one ("the sales KR", "sales cycle").
  let named = ref ? [] : (dir?.nameKr(nameText) ?? []);
  // "log 55 for the sales KR": a team's name alone is no KR's name. When the words left once the team
  // is taken out name nothing, every KR of that team (and the one matched) is a candidate.
  const team = !ref && named.length === 1 ? dir?.findTeam(nameText) : undefined;
  // …unless the team's name is part of the KR's own name ("sales cycle" is "chu kỳ bán hàng").
  if (team && dir && !sharesConcept(nameText, named[0]!.title)) {
    const teamless = nameText.replace(
      new RegExp(`\\b(${[team, "sales", "marketing", "product", "engineering", "eng", "customer success", "cs", "kinh doanh", "ban hang", "bán hàng"].join("|")})\\b`, "giu"),
      " ",
    );
    if (dir.matchKr(teamless).length === 0) named = [...new Map([...named, ...dir.krs.filter((k) => k.team === team)].map((k) => [k.ref, k])).values()];
  }
  if (!verb && !ref && named.length === 0) return null;
  // "which krs havent had a checkin in over 2 weeks": a question, whatever check-in word it holds.
  if (/^(?:which|what|who|any|anything|is there|are there|list|show)\b/.test(f) && !/\b(?:log|record|set|put|update|cap nhat|ghi nhan)\b/.test(f)) return null;
  // "top 2 lagging KRs", "which is most behind" are questions, not values to log.
  if (!WRITE_VERB.test(f) && /\b(lag|lagging|behind|off.?track|worst|which|what|how|cham|tre|nao|bao nhieu)\b/.test(f)) return null;
  // "Ahmed's QBR coverage is 50 pct": the owner named narrows the KRs the words fit.
  if (named.length > 1 && dir) {
    const owner = dir.findOwner(head);
    const theirs = owner ? named.filter((k) => k.owner === owner) : [];
    if (theirs.length === 1) named = theirs;
  }
  if (named.length > 1) return { kind: "ask", text: askWhich(named, lang), candidates: named };
  // "Minh's KR is at 60": the owner's KRs, when the words name none.
  if (!ref && named.length === 0 && dir) {
    const owner = dir.findOwner(head);
    const theirs = owner ? dir.krs.filter((k) => k.owner === owner) : [];
    if (theirs.length === 1) named.push(theirs[0]!);
    else if (theirs.length > 1) return { kind: "ask", text: askWhich(theirs, lang), candidates: theirs };
  }
  // "two annual upgrades landed": a count in words with no KR named is a remark, not a value.
  if (!ref && !named.length && dir && !numbers.some((n) => /\d/.test(n.value.raw)) && !WRITE_VERB.test(f)) return null;
  // Without the workspace's KR names (a bare model), the words left over name the KR for the tool
  // to resolve (an ambiguous or unknown name comes back as a question).
  const keyResult = ref?.value ?? named[0]?.ref ?? (dir ? undefined : krFragment(without(head, [...numbers, confidence, noteSpan, date ? { value: 0, ...date } : null])));
  if (!keyResult) {
    if (!dir) return null;
    // "log 60% cho O2", "ghi 55 cho KR2": the KRs of that objective are the choice.
    const objective = /\b(?:O|KR)\s?(\d+)\b(?!\s?\.\s?\d)/.exec(head)?.[1];
    const ofObjective = objective ? dir.krs.filter((k) => k.ref.startsWith(`KR${objective}.`)) : [];
    if (ofObjective.length > 1) return { kind: "ask", text: askWhich(ofObjective, lang), candidates: ofObjective };
    // "marketing KR is at 30": the team's KRs are the choice.
    const teamKrs = dir.krs.filter((k) => k.team === dir.findTeam(nameText));
    if (teamKrs.length > 1) return { kind: "ask", text: askWhich(teamKrs, lang), candidates: teamKrs };
    // "down another 2 hours, log it": the KRs measured in the unit said are the choice.
    const said = unitSaid(head, numbers);
    const byUnit = said ? dir.krs.filter((k) => said.test(folded(k.unit))) : [];
    if (byUnit.length > 1 && byUnit.length <= 5) return { kind: "ask", text: askWhich(byUnit, lang), candidates: byUnit };
    return {
      kind: "ask",
      text: say(
        lang,
        "Which key result is this for? Give its ref (e.g. KR2.1) or part of its name.",
        "Cập nhật này cho KR nào? Cho mình mã (ví dụ KR2.1) hoặc một phần tên của nó.",
      ),
    };
  }
  const kr = dir?.byRef(keyResult);
  if (dir && !kr) {
    return {
      kind: "ask",
      text: say(
        lang,
        `There is no ${keyResult}. Which key result do you mean? Give its ref (e.g. KR2.1) or part of its name.`,
        `Không có ${keyResult}. Bạn muốn cập nhật KR nào? Cho mình mã (ví dụ KR2.1) hoặc một phần tên.`,
      ),
    };
  }
  const first = numbers[0];
  if (!first) return { kind: "ask", text: say(lang, `What is the new value for ${keyResult}?`, `Giá trị mới của ${keyResult} là bao nhiêu?`), pendingInput: { keyResult } };
  let v = first.value.value;
  // "13/25 top accounts", "done with 3 of 4": a share, which a percent KR stores as a percent.
  const share = /^\s*(?:\/|of|out of|tren|trên)\s*(\d+)\b/iu.exec(head.slice(first.end));
  const whole = share ? Number(share[1]) : 0;
  // Read from the value's own clause: "…lên 22,5%, tự tin 4/5, chốt thêm 2 deal lớn" is 22.5 (the
  // "thêm 2" explains it), and a note ("note: thêm 3 lead") is no change either.
  const clauseCuts = [...head.matchAll(CLAUSE_CUT)].map((m) => m.index!);
  const from = Math.max(0, ...clauseCuts.filter((c) => c < first.start));
  // …and only up to the next number: "lên 1,4 triệu … chốt thêm 2 deal" is no change of 1.4M.
  const nextNumber = numbers.find((n) => n.start >= first.end)?.start ?? head.length;
  const to = Math.min(head.length, nextNumber, ...clauseCuts.filter((c) => c >= first.end));
  const sign = relativeSign(folded(head.slice(from, to)));
  if (share && kr?.unit === "%" && !first.value.percent && whole > v && whole !== 5) v = Number(((v / whole) * 100).toFixed(1));
  // "up 2 points" / "tăng 0,3 điểm": relative to the KR's current value.
  else if (sign && kr) v = Number((kr.current + sign * Math.abs(v)).toPrecision(12));
  else if (kr && kr.unit === "%" && !first.value.percent && v > 0 && v < 1 && Math.min(kr.current, kr.target) >= 1) {
    // 0.52 on a percent KR whose range lies above 1 can only mean 52%: read it so, and say so.
    v = Number((v * 100).toPrecision(12));
  }
  // "logo churn at 4.9 again", "NPS still stuck at 52": the value already stored, said as a remark,
  // is no new check-in (asked to log it, it is one).
  if (kr && v === kr.current && !WRITE_VERB.test(f) && /\b(again|still|stuck|same|unchanged|flat|van|lai|van o|khong doi|ket|hoai|dung yen|di ngang)\b/.test(f)) return null;
  const input: Record<string, unknown> = { keyResult, value: v };
  if (confidence) input.confidence = confidence.value;
  if (noteText) input.note = noteText;
  if (date && date.date !== today) input.date = date.date;
  const odd = kr ? implausible(kr, v) : null;
  if (odd && kr) {
    const range = `${unitOf(kr, kr.start)} → ${unitOf(kr, kr.target)}, now ${unitOf(kr, kr.current)}`;
    return {
      kind: "ask",
      text: say(
        lang,
        `${unitOf(kr, v)} does not fit ${kr.ref} ${kr.title} (${range}), so I logged nothing. What is the right value? (Reply "yes" to log ${unitOf(kr, v)} anyway.)`,
        `${unitOf(kr, v)} không khớp với ${kr.ref} ${kr.title} (${range}), nên mình chưa ghi gì. Giá trị đúng là bao nhiêu? (Trả lời "đồng ý" nếu vẫn muốn ghi ${unitOf(kr, v)}.)`,
      ),
      // "yes" to this question is the person's confirmation the tool asks for (farOff).
      pendingInput: { ...input, confirm: true },
    };
  }
  return { kind: "log", input };
}
