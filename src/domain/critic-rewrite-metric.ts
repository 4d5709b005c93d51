// The metric side of a rewrite (critic-rewrite.ts): the objective's words without their numbers, the
// direction they point, qualitative candidates around the measure, and the key result the number
// moves into.

import { blankOut, findMetric, findOutput, NUMBER_PLACEHOLDER, startsWithVerb } from "./critic-language.js";
import { plainDigits } from "./values.js";

export interface RewriteKr {
  title: string;
  start: number | null;
  target: number | null;
  unit: string;
  kind?: "metric" | "milestone";
}

// ---- taking the number out ---------------------------------------------------------------------

const NUMBER = String.raw`[$€£¥₫]?\s?\d[\d.,]*\s?(?:%|\+|(?:k|m|bn|x)(?!\p{L}))?\+?`;
const UNIT_WORDS = String.raw`(?:đô la|dollars?|euros?|vnđ|đ|percent|phần trăm|pts|points|điểm|million|billion|thousand|triệu|tỷ|tỉ|nghìn|ngàn|đồng|đô|usd|vnd|eur|ms|seconds|secs?|minutes|mins?|hours|hrs?|days|weeks|months|ngày|giờ|phút|tuần|tháng|lần|times|kgs?|lbs?|pounds|miles|km|kilomet(?:er|re)s|steps|laps|cân)(?!\p{L})(?!\s+(?:of\s+)?(?:xem|watch|watched|video|content|nội dung|học|training|làm việc))`;
const AMOUNT = String.raw`(?:\d+(?:[.,]\d+)?\s*(?:out of|trên|\/)\s*\d+\s*(?:stars?|sao)?|\d[\d,.]*s\s+of|${NUMBER}(?:\s?${UNIT_WORDS}){0,2}(?:\s?\/\s?\p{L}+|\s+(?:per|a|mỗi|một)\s+(?:day|week|month|quarter|year|ngày|tuần|tháng|quý|năm)(?!\p{L}))?|${NUMBER_PLACEHOLDER}|\bX{2,}\s?(?:%|tỷ|triệu|k|m)?(?:\s?(?:đồng|usd|vnđ))?)`;
const WORD_COUNT = String.raw`\b(?:(?:one|a|two|three|four|five|ten|a few)\s+(?:hundred|thousand|million|billion)\s+|(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|a dozen|hundreds of|thousands of|millions of)\s+(?=\p{L}))|\b(?:the|a) majority of\s+|\b(?:half|a third|a quarter|two thirds) of\s+(?=(?:our|all|the)\b)|\bzero\s+(?=\p{L})|\b(?:single|double|triple)-digit\s+|\bdozens of\s+|(?<!\p{L})(?:một|hai|ba|năm|mười)\s+(?:trăm|nghìn|ngàn|triệu|tỷ|tỉ)(?:\s+(?:đô la|đô|đồng|usd))?(?!\p{L})`;
const LESS = /\b(?:less than|fewer than|under|below|at most|no more than|within|dưới|tối đa|không quá)\s*$/iu;
const MORE = /\b(?:more than|over|above|at least|greater than|trên|ít nhất|tối thiểu|hơn)\s*$/iu;
// A number bound to what it measures: "by 20%", "to 75%+", "of less than 5%", "lên 75%", "đạt 40%".
const BOUND = new RegExp(
  String.raw`\s*(?:\b(?:in\s+)?(?:a\s+)?(?:maximum|minimum)\s+of\s+|\b(?:by|to|of|at|in|up to|from)\s+|(?<=\S\s)(?:lên|xuống|đạt|thêm|tới|đến|ở mức|khoảng|về|là|bằng)\s+)?((?:(?:less|more|fewer|greater) than|at least|at most|no more than|over|under|above|below|within|dưới|trên|ít nhất|tối thiểu|tối đa|không quá|hơn)\s+)?${AMOUNT}(?:\s+(?:so với|compared to)\s+[^,.;]+)?(?:\s+(?:of|in|về|for)(?!\p{L}))?`,
  "giu",
);
const FROM_TO = new RegExp(String.raw`\s*\b(?:from|từ)\s+(?:\p{L}+\s+)?${AMOUNT}\s*(?:\p{L}+\s+)?(?:to|lên|xuống|đến|tới)\s+(?:\p{L}+\s+)?${AMOUNT}`, "giu");
// The cycle carries the time: "in the next quarter", "by end of Q3", "vào cuối Q4", "trong vòng ba tháng".
const WHEN_EN =
  /\s*,?\s*\b(?:in|by|before|within|during|over|for|until|through)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?:(?:next|this|coming|current|first|second|third|fourth|last|following)\s+)?(?:(?:\d+|one|two|three|four|six|twelve)\s+)?(?:fiscal\s+|calendar\s+)?(?:quarters?|years?|months?|weeks?|days?|sprints?|cycles?|Q[1-4]|H[12]|FY\s?\d{2,4}|(?:19|20)\d{2})(?:\s+(?:end|(?:19|20)\d{2}))?\b/gi;
const WHEN_VI =
  /\s*,?\s*(?<!\p{L})(?:vào|trong|đến|trước|tới|cuối|đầu)\s+(?:vòng\s+)?(?:cuối\s+|đầu\s+)?(?:(?:\d+|một|hai|ba|bốn|sáu|mười hai)\s+)?(?:năm|quý|tháng|tuần|ngày|Q[1-4]|H[12])(?!\p{L})(?:\s*(?:\d+|này|tới|sau|nay|[IV]+)(?!\p{L}))?(?:\s+(?:19|20)\d\d)?/giu;
// "this year", "next quarter" with no preposition in front.
const WHEN_BARE =
  /\s*\b(?:(?:this|next|the coming)\s+(?:year|quarter|month|half|cycle)|(?:in|by|before|until)\s+(?:early\s+|mid-?\s*|late\s+|the end of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december))\b/gi;
const TRAILING = /(?:\s+(?:by|to|of|at|in|with|for|from|and|or|the|is|are|lên|đạt|xuống|thêm|về|với|ở mức|giá trị|và|của|là|a|an))+\s*$/u; // case-sensitive: "module A" keeps its name

export function tidy(text: string): string {
  let out = text
    .replace(/\s+([,.;:!?)])/g, "$1")
    .replace(/\(\s*\)/g, "")
    .replace(/\(\s+/g, "(")
    // What a number leaves behind: "or more", "or less", a lone "+".
    .replace(/\s+or\s+(?:more|less|fewer|higher|lower|better|above|below)\b|(?<=\s)\+(?=\s|$)|\s+by\s*\+/giu, "")
    .replace(/\b(?:successfully|finally)\s+/gi, "")
    // "hours hours", "per month" left alone at the end once its number is gone
    .replace(/(?<!\p{L})(\p{L}+)(?:\s+\1)+(?!\p{L})/giu, "$1")
    .replace(/\s+(?:per|a|mỗi)\s+(?:day|week|month|quarter|year|ngày|tuần|tháng|quý|năm)\s*$/iu, "")
    .replace(/\s{2,}/g, " ")
    // A number taken out can leave the article wrong: "a 99% error-free rate" → "an error-free rate".
    .replace(/(?<=^|\s)(a|^A)\s+(?=[aeiou])(?!(?:one|use|user|uni|eu)\p{L}*)/gu, "$1n ")
    .replace(/(?<=^|\s)(a|^A)n\s+(?=[b-df-hj-np-tv-z])/gu, "$1 ")
    .trim();
  for (let prev = ""; prev !== out;) {
    prev = out;
    out = out
      .replace(/[\s,.;:!?–—-]+$/u, "")
      .replace(TRAILING, "")
      .replace(/^[\s,.;:–—-]+/u, "");
  }
  return out;
}

/** The objective without its numbers, and which way the numbers point when the words say it. */
export function withoutNumbers(text: string): { core: string; comparator: "down" | "up" | null } {
  let comparator: "down" | "up" | null = null;
  // A rate's period goes with its number: "giờ xem/ngày", "signups/week".
  let out = text.replace(/\s?\/\s?(?:day|week|month|quarter|year|ngày|tuần|tháng|quý|năm)(?!\p{L})/giu, "");
  // A placeholder for a number is read as one, so "in [number] weeks" goes like "in 6 weeks".
  out = out.replace(/\[(?=[^\]]{0,20}(?:number|amount|value|\bx+\b|\bn\b|#|phần trăm|con số|\bsố\b|giá trị))[^\]]{1,20}\](?!\s?%)/giu, "0");
  out = out.replace(WHEN_EN, " ").replace(WHEN_VI, " ").replace(WHEN_BARE, " ");
  // A cadence or a first-week deadline is the key result's, like a number: "ship … daily".
  out = out.replace(
    /\s+(?:daily|weekly|every (?:day|week|sprint))\b(?!\s+\p{L})|\s+(?:within|before the end of|by the end of)\s+(?:the|their|your|our)\s+first\s+(?:hour|day|week|month|session|visit)\b/giu,
    " ",
  );
  // "from chronic 60% OEE to consistent 75%" keeps what it measures ("OEE") and says which way.
  out = out.replace(FROM_TO, (m) => {
    const values = [...m.matchAll(/\d[\d.,]*/g)].map((v) => Number(v[0].replace(/,/g, "")));
    if (values.length >= 2) comparator = values[values.length - 1]! < values[0]! ? "down" : "up";
    const measured = new RegExp(String.raw`^\s*(?:from|từ)\s+(?:\p{L}+\s+)?${AMOUNT}\s*(\p{L}[\p{L}-]*)\s+(?:to|lên|xuống|đến|tới)`, "iu").exec(m)?.[1];
    return measured && !new RegExp(`^${UNIT_WORDS}$`, "iu").test(measured) ? ` ${measured} ` : " ";
  });
  // Only numbers the metric rule reads go: "Line 3", "Windows 11", "quý 3" are names, not targets.
  out = out.replace(BOUND, (m, cmp: string | undefined, offset: number, whole: string) => {
    if (
      !/\S/.test(
        blankOut(whole)
          .slice(offset, offset + m.length)
          .replace(/\p{L}/gu, ""),
      )
    )
      return m;
    const before = cmp ?? "";
    if (LESS.test(before)) comparator = "down";
    else if (MORE.test(before)) comparator = "up";
    return " ";
  });
  if (/\bzero\s+\p{L}/iu.test(out)) comparator = "down";
  out = out.replace(new RegExp(WORD_COUNT, "giu"), "");
  return { core: tidy(out), comparator };
}

// ---- reading the verb --------------------------------------------------------------------------

type Direction = "up" | "down" | "improve" | "hold" | "reach";
const VERBS: [RegExp, Direction, string | null][] = [
  [/^(?:double|triple|quadruple|grow|increase|raise|boost|lift|expand|broaden|widen|deepen|extend|scale|accelerate|maximi[sz]e|drive)\b/i, "up", null],
  [/^(?:halve|reduce|cut|lower|decrease|minimi[sz]e|shrink|shorten|eliminate)\b/i, "down", null],
  [/^(?:improve|enhance|strengthen|elevate|better)\b/i, "improve", null],
  [/^(?:gấp đôi|tăng trưởng|tăng|nâng cao|nâng|đẩy mạnh|mở rộng|thúc đẩy)(?!\p{L})/iu, "up", null],
  [/^(?:giảm một nửa|cắt giảm|giảm|hạ|rút ngắn)(?!\p{L})/iu, "down", null],
  [/^(?:cải thiện|nâng cao chất lượng)(?!\p{L})/iu, "improve", null],
];
// Verbs whose object is the measure itself: "Achieve budget variance of …", "Reach $2M in ARR",
// "Đạt KPIs doanh số …" (a level to reach: up, unless "less than" says down), "Maintain 99.9% uptime".
const MEASURE_VERBS = /^(?:achieve|reach|hit|attain|maintain|keep|sustain|đạt được|đạt|duy trì|giữ vững|giữ)(?!\p{L})\s*/iu;
const BAD_THINGS =
  /\b(?:accidents?|incidents?|bugs?|defects?|errors?|churn|outages?|downtime|complaints?|costs?|waste|turnover|injur(?:y|ies)|escalations?|backlog)\b|(?<!\p{L})(?:tai nạn|sự cố|lỗi|chi phí|khiếu nại|lãng phí|nghỉ việc)(?!\p{L})/iu;
const HOLD_VERBS = /^(?:maintain|keep|sustain|duy trì|giữ vững|giữ)(?!\p{L})/iu;

export const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
// "Revenue" → "revenue", but "Line 3", "Google" stay (a capital before a number, or mid-sentence, is a name).
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}+(?!\s+\d)(?!\p{L})/u.test(s) ? s.charAt(0).toLocaleLowerCase() + s.slice(1) : s);

/** A sentence's first word in lower case when it is a common word ("Real-time dashboard" → "real-time
 *  dashboard"), as written when it may be a name ("Litmus operator", "Rust 2024 edition"). */
export function commonFirst(s: string): string {
  const first = /^\p{L}[\p{L}-]*/u.exec(s)?.[0] ?? "";
  const common =
    /^(?:new|short|long|complete|full|first|second|better|internal|external|public|private|weekly|monthly|daily|quarterly|annual|real-time|scheduled|automated|shared|single|unified|modern|simple)$|(?:ed|ing|al|ly|ive|ful|ous|ic|ar|ent|ant|able|ible)$/i;
  return common.test(first) ? lowerFirst(s) : s;
}

/** Title Case ("Back Office Team Business Processes") read as a sentence; acronyms and names with
 *  capitals inside (ERP, iOS, OKRs) stay as they are. */
export function sentenceCase(text: string): string {
  const words = text.split(/\s+/);
  // Acronyms (SDK, ERP) and the first word say nothing; "Release the Python SDK" is a sentence.
  const rest = words.slice(1).filter((w) => !/^\p{Lu}[\p{Lu}\d]+s?$/u.test(w));
  const titled = rest.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (titled < 2 || titled / rest.length < 0.6) return text;
  const lower = (w: string) => (/^\p{Lu}[\p{Ll}'’-]+$/u.test(w) ? w.toLocaleLowerCase() : w);
  return words.map((w, i) => (i > 0 ? w.split("/").map(lower).join("/") : w)).join(" ");
}

// "… by successfully implementing two joint initiatives": the means is an initiative, not the objective.
export const MEANS = /\s+(?:(?:by|through|via)\s+(?:\p{L}+ly\s+)?\p{L}+ing\b|(?<!\p{L})(?:bằng cách|thông qua|nhờ vào|nhờ)(?!\p{L})).*$/iu;

export function metricCandidates(title: string, vi: boolean): string[] {
  const { core, comparator } = withoutNumbers(
    sentenceCase(title)
      .replace(MEANS, "")
      .replace(/^\s*(?:to|we will|let's)\s+/i, ""),
  );
  if (!core) return [];
  let direction: Direction = "reach";
  let verb = "";
  let np = core;
  for (const [re, dir] of VERBS) {
    const m = re.exec(core);
    if (m) {
      direction = dir;
      verb = m[0];
      np = core.slice(m[0].length).trim();
      break;
    }
  }
  if (!verb) {
    const measure = MEASURE_VERBS.exec(core);
    const moveTo = /^(?:move|take|bring|get|push|đưa|kéo)(?!\p{L})\s*/iu.exec(core);
    if (measure) {
      // Reaching a level of something bad ("Achieve fewer than 3 incidents", "Đạt 0 sự cố") is bringing it down.
      direction = comparator ?? (HOLD_VERBS.test(core) ? "hold" : BAD_THINGS.test(core) ? "down" : "up");
      np = core.slice(measure[0].length).trim();
    } else if (moveTo && comparator) {
      direction = comparator === "up" ? "improve" : "down";
      np = core.slice(moveTo[0].length).trim();
    }
  }
  np = np.replace(/^(?:a|an)\s+/i, "the ");
  if (!np) return [];
  // "Grow fast, become a world-class company": several clauses read best as the author wrote them.
  if (
    np.includes(",") ||
    np
      .split(/\s+(?:and|và)\s+/iu)
      .slice(1)
      .some(startsWithVerb)
  )
    direction = "reach";
  const out: string[] = [];
  if (vi) {
    const v = /^(?:gấp đôi)$/iu.test(verb) || (!verb && direction === "up") ? "Tăng" : cap(verb.toLocaleLowerCase() || (direction === "down" ? "giảm" : "nâng cao"));
    if (direction === "up") out.push(`${v} ${np} một cách bền vững`, `Đưa ${np} lên một tầm cao mới`, `Giữ đà tăng đều của ${np}`);
    else if (direction === "down") out.push(`${v} ${np} một cách bền vững`, `Kiểm soát tốt ${np}`, `Đưa ${np} về mức ổn định`);
    else if (direction === "improve") out.push(`${v} rõ rệt ${np}`, `${v} ${np} một cách bền vững`, `Đưa ${np} lên một tầm cao mới`);
    else if (direction === "hold") out.push(`Giữ ${np} ổn định và đáng tin cậy`, `Duy trì ${np} ở mức tốt`);
    // The author's own words, when enough of them are left to say something ("Trở thành công ty" is not).
    else if (core.split(/\s+/).length >= 5) out.push(cap(core));
    if (verb && direction !== "reach") out.push(cap(core));
  } else {
    const v = /^(?:double|triple|quadruple)$/i.test(verb) || (!verb && direction === "up") ? "Grow" : cap(verb.toLowerCase() || (direction === "down" ? "reduce" : "improve"));
    // "median PR cycle time so teams can ship": the template wraps the measure, the purpose follows.
    const [m, why] = ((): [string, string] => {
      const at = np.search(/\s+(?:so that|so|in order to|because|to (?=\p{L}+\s))\s*/iu);
      return at > 0 ? [np.slice(0, at), np.slice(at)] : [np, ""];
    })();
    if (direction === "up")
      out.push(/\b(?:growth|increase|expansion)$/i.test(m) ? `Sustain ${m} year after year${why}` : `Keep ${m} growing steadily${why}`, `${v} ${m} in a way that lasts${why}`);
    else if (direction === "down") out.push(`${v} ${m} for good${why}`, `Keep ${m} low and under control${why}`);
    else if (direction === "improve") out.push(`Make ${m} noticeably better${why}`, `${v} ${m} in a way people notice${why}`, `Make ${m} a real strength of ours${why}`);
    else if (direction === "hold") out.push(`Keep ${m} steady and dependable${why}`, `Make ${m} something everyone can count on${why}`);
    else out.push(cap(core));
    if (verb && direction !== "reach") out.push(cap(core));
  }
  return out;
}

// ---- key results -------------------------------------------------------------------------------

function num(text: string): number | null {
  const digits = plainDigits(text.replace(/[$€£\s%]/g, ""));
  return digits === null ? null : Number(digits);
}

/** The metric clause of the title (without a "by doing X" means) and the numbers it gives. */
export function metricKr(title: string): RewriteKr {
  const means = findOutput(title);
  let clause = title;
  if (means && /^(by|through|via|bằng cách)\b/i.test(means.text)) clause = (title.slice(0, means.start) + title.slice(means.end)).replace(/\s+/g, " ").trim();
  clause = clause.replace(/[,.;]\s*$/, "");
  const range = /(?:from|từ)\s+([$€£]?\s?\d[\d.,]*)\s?(%?)[^,.;]*?\s+(?:to|lên|xuống|đến|tới)\s+([$€£]?\s?\d[\d.,]*)\s?(%?)\s*([\p{L}/]+)?/iu.exec(clause);
  if (range) return { title: clause, start: num(range[1]!), target: num(range[3]!), unit: range[2] || range[4] ? "%" : (range[5] ?? "") };
  const relative = /\b(?:by|thêm)\s+\d|\d[\d.,]*\s?%/iu.test(clause) && /\b(increase|grow|raise|boost|improve|reduce|cut|lower|decrease|tăng|giảm|nâng)\b/iu.test(clause);
  if (relative) return { title: clause, start: null, target: null, unit: /%/.test(clause) ? "%" : "" };
  const words = new RegExp(String.raw`\b(${Object.keys(WORD_NUMBERS).join("|")})\s+(hundred|thousand|million|billion|trăm|nghìn|ngàn|triệu|tỷ|tỉ)(?!\p{L})`, "iu").exec(clause);
  if (words && !/\d/.test(clause)) return { title: clause, start: null, target: WORD_NUMBERS[words[1]!.toLowerCase()]! * (SCALES[words[2]!.toLowerCase()] ?? 100), unit: "" };
  const m = /([$€£]?\s?\d[\d.,]*)\s?(%|(?:k|m|bn|million|billion|thousand|triệu|tỷ|tỉ|nghìn|ngàn)(?!\p{L}))?\s*(đô la|[\p{L}/-]+)?/iu.exec(findMetric(clause)?.text ?? clause);
  const value = m ? num(m[1]!) : null;
  const scale = SCALES[m?.[2]?.toLowerCase() ?? ""] ?? 1;
  const unit = m?.[2] === "%" ? "%" : m?.[3] === "s" ? "" : (m?.[3] ?? (/[$]/.test(m?.[1] ?? "") ? "USD" : ""));
  return { title: clause, start: null, target: value === null ? null : value * scale, unit };
}

const WORD_NUMBERS: Record<string, number> = { a: 1, one: 1, "half a": 0.5, two: 2, three: 3, five: 5, ten: 10, một: 1, hai: 2, ba: 3, năm: 5, mười: 10 };
const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, nghìn: 1e3, ngàn: 1e3, m: 1e6, million: 1e6, triệu: 1e6, bn: 1e9, billion: 1e9, tỷ: 1e9, tỉ: 1e9 };
