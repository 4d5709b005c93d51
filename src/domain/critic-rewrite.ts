// Suggested rewrites for an objective the critic flagged, built from the objective's own words:
// - it carries a metric: the same subject and direction without the number ("Increase student
//   English test scores by 20%" → "Keep student English test scores growing steadily"),
//   and the metric moved into a key result with the start and target the text gives (null where it
//   gives none, for the person to fill in);
// - it names an output: the outcome that deliverable serves, for whom ("Launch the new onboarding
//   flow" → "Get our users real value from the new onboarding flow"), with the deliverable kept as a
//   milestone key result and its adoption as a metric one to fill in.
// Up to three candidates, ranked; each is checked by the same rules (no metric, no output, not vague,
// not too long) and dropped when it fails. No rewrite when neither rule fired, and none that would
// drop the subject: when nothing of the objective's own words is left, there is no rewrite.

import {
  blankOut,
  findMetric,
  findOutput,
  findVague,
  isVietnamese,
  LEAD_WORDS,
  MAX_OBJECTIVE_WORDS,
  NUMBER_PLACEHOLDER,
  OUTPUT_VERB_LIST,
  startsWithVerb,
} from "./critic-language.js";
import { plainDigits } from "./values.js";

export interface RewriteKr {
  title: string;
  start: number | null;
  target: number | null;
  unit: string;
  kind?: "metric" | "milestone";
}

export interface Rewrite {
  /** The best candidate: `candidates[0]`. */
  objective: string;
  /** Up to three qualitative objectives, best first, each passing the critic's language rules. */
  candidates: string[];
  keyResults: RewriteKr[];
  /** The rule whose finding the rewrite answers. */
  rule: "objective-has-metric" | "objective-is-output";
}

/** Why a wording cannot be an objective, or null when the critic's language rules pass it. */
export function judgeObjective(text: string): string | null {
  if (!text.trim()) return "empty";
  const metric = findMetric(text);
  if (metric) return `still contains a metric ("${metric.text}")`;
  const output = findOutput(text);
  if (output) return `names an output ("${output.text}")`;
  if (findVague(text)) return "too vague";
  if (text.trim().split(/\s+/).length > MAX_OBJECTIVE_WORDS) return "too long";
  return null;
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

function tidy(text: string): string {
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
function withoutNumbers(text: string): { core: string; comparator: "down" | "up" | null } {
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

const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
// "Revenue" → "revenue", but "Line 3", "Google" stay (a capital before a number, or mid-sentence, is a name).
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}+(?!\s+\d)(?!\p{L})/u.test(s) ? s.charAt(0).toLocaleLowerCase() + s.slice(1) : s);

/** A sentence's first word in lower case when it is a common word ("Real-time dashboard" → "real-time
 *  dashboard"), as written when it may be a name ("Litmus operator", "Rust 2024 edition"). */
function commonFirst(s: string): string {
  const first = /^\p{L}[\p{L}-]*/u.exec(s)?.[0] ?? "";
  const common =
    /^(?:new|short|long|complete|full|first|second|better|internal|external|public|private|weekly|monthly|daily|quarterly|annual|real-time|scheduled|automated|shared|single|unified|modern|simple)$|(?:ed|ing|al|ly|ive|ful|ous|ic|ar|ent|ant|able|ible)$/i;
  return common.test(first) ? lowerFirst(s) : s;
}

/** Title Case ("Back Office Team Business Processes") read as a sentence; acronyms and names with
 *  capitals inside (ERP, iOS, OKRs) stay as they are. */
function sentenceCase(text: string): string {
  const words = text.split(/\s+/);
  // Acronyms (SDK, ERP) and the first word say nothing; "Release the Python SDK" is a sentence.
  const rest = words.slice(1).filter((w) => !/^\p{Lu}[\p{Lu}\d]+s?$/u.test(w));
  const titled = rest.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (titled < 2 || titled / rest.length < 0.6) return text;
  const lower = (w: string) => (/^\p{Lu}[\p{Ll}'’-]+$/u.test(w) ? w.toLocaleLowerCase() : w);
  return words.map((w, i) => (i > 0 ? w.split("/").map(lower).join("/") : w)).join(" ");
}

// "… by successfully implementing two joint initiatives": the means is an initiative, not the objective.
const MEANS = /\s+(?:(?:by|through|via)\s+(?:\p{L}+ly\s+)?\p{L}+ing\b|(?<!\p{L})(?:bằng cách|thông qua|nhờ vào|nhờ)(?!\p{L})).*$/iu;

function metricCandidates(title: string, vi: boolean): string[] {
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

// ---- what a deliverable serves -----------------------------------------------------------------

// People an objective can be for, in English.
const PEOPLE_EN =
  "customers?|users?|clients?|students?|employees?|teams?|partners?|developers?|members?|readers?|patients?|buyers?|merchants?|sellers?|staff|managers?|leaders?|engineers?|people|everyone|colleagues|candidates|visitors|subscribers|citizens|residents|learners|hires|newcomers|volunteers|parents|teachers|contributors|maintainers|guests|shoppers|donors";
const FOR_WHOM_EN = new RegExp(
  String.raw`\b(?:for|to|in(?:to)? the hands of|that (?:makes|helps|lets|gives))\s+((?:our|the|all|new|every|more)?\s*(?:[\p{L}-]+\s+)?(?:${PEOPLE_EN}))\b`,
  "iu",
);
const FOR_WHOM_VI =
  /(?<!\p{L})(?:cho|giúp|để)\s+((?:các\s+|những\s+|mọi\s+)?(?:khách hàng|người dùng|nhân viên|học sinh|sinh viên|đội ngũ|đối tác|người đọc|bệnh nhân|thành viên|đội|nhóm)(?:\s+\p{L}+)?)/iu;
const WHO_EN: [RegExp, string][] = [
  [/\b(?:apps?|application|mobile|website|portal|platform|features?|flow|onboarding|interface|ui|ux|mvp|checkout|integration|api|sdk|extension|plugin)\b/i, "our users"],
  [/\b(?:podcasts?)\b/i, "our listeners"],
  [/\b(?:videos?|channels?)\b/i, "our viewers"],
  [/\b(?:books?|novels?|stor(?:y|ies)|poems?|fiction|newsletters?|guides?|blog\p{L}*|posts?|articles?|content)\b/iu, "our readers"],
  [/\b(?:conferences?|summits?|meetups?|workshops?|hackathons?|webinars?|events?)\b/i, "attendees"],
  [/\b(?:campaigns?|emails?|ads?)\b/i, "our audience"],
  [/\b(?:returns?|billing|checkout|stores?|shop|orders?|delivery|support|services?|products?)\b/i, "our customers"],
  [
    /\b(?:architecture|design system|account-based marketing|abm|playbooks?|reports?|processes|process|erp|accounting|books|tracking|templates?|tools?|pipelines?|infrastructure|back office|internal|workflows?|hires?|hiring|recruit|training|agile|okrs?)\b/i,
    "the team",
  ],
];
const WHO_VI: [RegExp, string][] = [
  [/(?<!\p{L})(?:ứng dụng|app|website|trang web|nền tảng|tính năng|giao diện|phiên bản)(?!\p{L})/iu, "người dùng"],
  [/(?<!\p{L})(?:sản phẩm|dịch vụ|đơn hàng|cửa hàng)(?!\p{L})/iu, "khách hàng"],
  [/(?<!\p{L})(?:podcast)(?!\p{L})/iu, "thính giả"],
  [/(?<!\p{L})(?:video|kênh)(?!\p{L})/iu, "người xem"],
  [/(?<!\p{L})(?:sách|bản tin|newsletter|bài viết|nội dung|email)(?!\p{L})/iu, "người đọc"],
  [/(?<!\p{L})(?:hội thảo|hội nghị|sự kiện|workshop)(?!\p{L})/iu, "người tham dự"],
  [/(?<!\p{L})(?:chiến dịch|quảng cáo)(?!\p{L})/iu, "khách hàng"],
  [
    /(?<!\p{L})(?:quy trình|báo cáo|hệ thống nội bộ|kế toán|công việc|nhân sự|tuyển dụng|tuyển|kỹ sư|kĩ sư|lập trình viên|ứng viên|đào tạo|agile|okr|nội bộ|quản trị)(?!\p{L})/iu,
    "đội ngũ",
  ],
];

// Longest first, so "thiết kế lại" is read before "thiết kế" and "phát hành thành công" before "phát hành".
const OUTPUT_VERB_WORDS = [...OUTPUT_VERB_LIST].sort((a, b) => b.length - a.length).join("|");

type Family = "launch" | "build" | "move" | "automate" | "hire" | "finish" | "plan" | "learn" | "activity" | "personal" | "other";
// "apps", "routines" are plural; "process", "business", "status" are not.
const PLURAL = /[^su]s$/i;
// A plan, a spec or a policy is used by the team that acts on it, not by customers.
const PLAN =
  /^(?:the\s+|our\s+)?(?:[\p{L}-]+\s+){0,3}?(?:vision|strategy|plan|roadmap|design|spec|specification|policy|policies|guidelines?|requirements)$|^(?:tầm nhìn|chiến lược|kế hoạch|lộ trình|quy định|chính sách|yêu cầu|bản thiết kế)(?!\p{L})/iu;
const FAMILIES: [RegExp, Family][] = [
  // Buying a house or travelling is a personal task whose outcome only its owner can say: no rewrite.
  [/^(?:buy|purchase|travel|visit|mua|du lịch)(?!\p{L})/iu, "personal"],
  [
    /^(?:launch|ship|release|publish|roll ?out|deliver|introduce|get|write|draft|produce|document|organi[sz]e|host|hold|conduct|ra mắt|phát hành|xuất bản|khởi chạy|viết|tổ chức)/iu,
    "launch",
  ],
  [/^(?:contribute to|participate in|attend|speak at|present at|sponsor|gather)(?!\p{L})/iu, "activity"],
  [/^(?:identify|research|investigate|evaluate|assess|audit|map out|pilot|prototype|đánh giá|nghiên cứu|rà soát|thử nghiệm)(?!\p{L})/iu, "learn"],
  [/^(?:prepare|finali[sz]e|chuẩn bị|hoàn tất|ban hành)(?!\p{L})/iu, "finish"],
  [/^(?:lập)(?!\p{L})/iu, "plan"],
  [/^(?:port|stabili[sz]e|standardi[sz]e|consolidate|add|chuẩn hóa|chuẩn hoá|bổ sung)(?!\p{L})/iu, "build"],
  [/^(?:migrate|move|switch|upgrade|replace|re-?platform|adopt|di chuyển|chuyển|nâng cấp)/iu, "move"],
  [/^(?:automate|optimi[sz]e|refactor|tự động hóa|tối ưu)/iu, "automate"],
  [/^(?:hire|recruit|tuyển)/iu, "hire"],
  [/^(?:complete|finish|hoàn thành|hoàn thiện)/iu, "finish"],
  [
    /^(?:build|create|develop|design|define|establish|set up|implement|deploy|install|integrate|redesign|rebuild|rewrite|xây dựng|phát triển|thiết kế|triển khai|tích hợp|cài đặt|xác định)/iu,
    "build",
  ],
];

// "Launch the app in September and reach one million users": a second clause with its own verb.
const SECOND_CLAUSE = new RegExp(
  String.raw`\s+(?:and|và)\s+(?=(?:${OUTPUT_VERB_WORDS}|have|reach|get|grow|achieve|hit|make|keep|increase|reduce|win|drive|become|sign|close|đạt|tăng|giảm|có)(?!\p{L}))`,
  "iu",
);

// Where the sentence turns from the deliverable to its purpose or its state.
// "for" ends the deliverable only before the people it is for ("… return process for customers"); "a
// platform for web applications" keeps its qualifier.
const CUT_EN = new RegExp(
  String.raw`\s*(?:[,;:(—–]|\s-\s|\b(?:at an?|at the|on an?)\b|\b(?:every|regularly)\b|\.(?!\d|\p{L})|\b(?:to|so that|so|that|which|in order to|by|into|in the hands of|are|is|work|works|runs?)\b|\bfor\b(?=\s+(?:\S+\s+){0,2}?(?:${PEOPLE_EN})\b))`,
  "iu",
);
const CUT_VI = /\s*(?:[,;:(—–]|\s-\s|\.(?!\d)|(?<!\p{L})(?:để|nhằm|giúp|với mục tiêu|vào quý|trong quý|cho)(?!\p{L}))/u;
// The purpose the sentence gives its deliverable: "… to improve speed and customer satisfaction",
// "… that makes college students excited", "… để khách hàng …".
const PURPOSE_EN =
  /\b(?:to|so that|in order to)\s+((?:improve|increase|reduce|help|make|let|give|keep|grow|delight|cut|speed up|enable|save|lower|simplify|unblock|allow|protect|prevent|avoid|attract|retain|win|serve|support)\b.+)$|\bthat\s+(makes|helps|lets|gives|keeps|enables?|drives?|meets?|serves?|supports?|protects?|saves?)\s+(.+)$/i;
const PURPOSE_VI = /(?<!\p{L})(?:để|nhằm|giúp)\s+(.+)$/u;

/** The deliverable named after the verb, up to where the sentence turns to its purpose. */
function deliverableOf(text: string, vi: boolean): string {
  let rest = text.replace(/^\s*(?:successfully|finally|thành công)\s+/iu, "").replace(/\s+thành công(?!\p{L})/iu, "");
  // "a functional, upgradable video platform": a comma after an adjective does not end the noun.
  rest = rest.replace(/\b(\p{L}+(?:al|ble|ive|ful|ous|ic|ed|ing|ar|ent|ant|ate|ite|ile|ure|ern|less|ary|ory|ly))\s*,\s*(?=\p{L})/giu, "$1 ");
  rest = rest.split(SECOND_CLAUSE)[0]!;
  rest = rest.split(vi ? CUT_VI : CUT_EN)[0]!;
  rest = tidy(withoutNumbers(rest).core).replace(/^(?:một|1|các|những)\s+/iu, "");
  // "v2.0 of the mobile app": the version is the new one of the thing people use.
  rest = rest.replace(/^(?:v(?:ersion)?\s?\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)\s+of\s+(?:the\s+|our\s+)?/i, "the new version of our ");
  if (vi || !rest) return rest;
  if (/^(?:a|an)\s+/i.test(rest)) return rest.replace(/^(?:a|an)\s+/i, "our ");
  if (/^(?:the|our|my|its|their|this|these|all|how|what|why|whether|where|who|which)\b/i.test(rest) || /^\p{Lu}/u.test(rest)) return rest;
  return `our ${rest}`;
}

function purposeOf(text: string, vi: boolean): string | null {
  if (vi) {
    const m = PURPOSE_VI.exec(text);
    return m ? cap(tidy(withoutNumbers(m[1]!).core)) : null;
  }
  // Any verb of a result after "to" ("… to plan client visits more efficiently").
  const to = /\b(?:to|so that|in order to)\s+(\p{Ll}+\b.+)$/u.exec(text);
  if (to && !PURPOSE_EN.test(text) && (startsWithVerb(to[1]!) || /^(?:plan|decide|learn|find|reach|meet|serve|understand)\b/.test(to[1]!)) && !findOutput(to[1]!))
    return cap(tidy(withoutNumbers(to[1]!).core));
  const m = PURPOSE_EN.exec(text);
  if (!m) return null;
  const verb = m[2]?.toLowerCase().replace(/s$/, "");
  const base = m[1] ?? `${verb} ${m[3]}`;
  return cap(tidy(withoutNumbers(base).core));
}

// The gerunds of BY_DOING (critic-language.ts) as imperatives; the rest lose their "-ing".
const IMPERATIVE: Record<string, string> = {
  optimizing: "optimize",
  optimising: "optimise",
  shipping: "ship",
  implementing: "implement",
  redesigning: "redesign",
  migrating: "migrate",
  releasing: "release",
  creating: "create",
  rewriting: "rewrite",
  hiring: "hire",
};

// What a kind of deliverable is for, said for the people it serves (named in the objective, or the
// ones this kind serves). First match wins; the family templates follow as further candidates.
const KINDS: { re: RegExp; who: [string, string]; en: (d: string, who: string) => string[]; vi: (d: string, who: string) => string[] }[] = [
  {
    re: /\b(?:blogs?|blog ?posts?|posts?|articles?|videos?|podcasts?|newsletters?|white ?papers?|case stud(?:y|ies)|talks?|content)\b|(?<!\p{L})(?:bài viết|bài blog|video|podcast|bản tin|nội dung)(?!\p{L})/iu,
    who: ["our readers", "người đọc"],
    en: (d, who) =>
      /\b(?:white ?papers?|case stud(?:y|ies)|articles?|talks?)\b/i.test(d)
        ? [`Help ${who} learn something useful from ${d}`]
        : [`Make ${d} worth coming back to for ${who}`, `Help ${who} learn something useful from ${d}`],
    vi: (d, who) => [`Khiến ${who} chờ đón ${d}`, `Giúp ${who} học được điều hữu ích từ ${d}`],
  },
  {
    re: /\b(?:docs|documentation|guides?|handbook|wiki|tutorials?|faq|knowledge base)\b|(?<!\p{L})(?:tài liệu|hướng dẫn|sổ tay)(?!\p{L})/iu,
    who: ["our users", "người dùng"],
    en: (d, who) => [`Help ${who} find answers fast in ${d}`, `Make ${d} the first place ${who} look`],
    vi: (d, who) => [`Giúp ${who} tìm được câu trả lời nhanh trong ${d}`],
  },
  {
    re: /\b(?:dashboards?|reports?|reporting|metrics|analytics|scorecards?)\b|(?<!\p{L})(?:báo cáo|dashboard|số liệu)(?!\p{L})/iu,
    who: ["the team", "đội ngũ"],
    en: (d, who) => [`Help ${who} decide faster with ${d}`, `Give ${who} numbers they trust through ${d}`],
    vi: (d, who) => [`Giúp ${who} ra quyết định nhanh hơn nhờ ${d}`, `Giúp ${who} có số liệu đáng tin từ ${d}`],
  },
  {
    re: /\b(?:apis?|sdks?|librar(?:y|ies)|plugins?|extensions?|cli|bindings?)\b/i,
    who: ["developers", "lập trình viên"],
    en: (d, who) => [`Make ${d} a joy for ${who} to build on`, `Help ${who} build more, faster, with ${d}`],
    vi: (d, who) => [`Giúp ${who} xây dựng nhanh hơn với ${d}`],
  },
  {
    re: /\b(?:tools?|tooling|automation|pipelines?|ci|infrastructure|workflows?)\b|(?<!\p{L})(?:công cụ|quy trình tự động)(?!\p{L})/iu,
    who: ["the team", "đội ngũ"],
    en: (d, who) => [`Make daily work easier for ${who} with ${d}`, `Free ${who} to focus on what matters with ${d}`],
    vi: (d, who) => [`Giúp công việc hằng ngày của ${who} nhẹ nhàng hơn nhờ ${d}`],
  },
  {
    re: /\b(?:courses?|curriculum|training|bootcamp|workshops?)\b|(?<!\p{L})(?:khóa học|khoá học|đào tạo)(?!\p{L})/iu,
    who: ["learners", "học viên"],
    en: (d, who) => [`Help ${who} learn what they need from ${d}`, `Make ${d} something ${who} finish and use`],
    vi: (d, who) => [`Giúp ${who} học được điều họ cần từ ${d}`],
  },
  {
    re: /\b(?:campaigns?|ads?|brand(?:ing)?|messaging)\b|(?<!\p{L})(?:chiến dịch|quảng cáo|thương hiệu)(?!\p{L})/iu,
    who: ["our audience", "khách hàng"],
    en: (d, who) => [`Make ${d} resonate with ${who}`, `Get ${who} talking about ${d}`],
    vi: (d, who) => [`Để ${d} chạm đến ${who}`.replace(/^Để /, "Giúp ") + "", `Khiến ${who} nhớ đến ${d}`],
  },
];

function byKind(bare: string, d: string, named: string | undefined, vi: boolean): { who: string; candidates: string[] } | null {
  // The head noun decides ("CI/E2E blogs" are blogs, "blog process documentation" is documentation).
  const phrase = bare.split(/\s+(?:for|on|of|in|with|about|to|cho|về|của|trong)\s+/iu)[0]!;
  const head = vi ? phrase.split(/\s+/).slice(0, 2).join(" ") : phrase.split(/\s+/).pop()!;
  const kind = KINDS.find((k) => k.re.test(head)) ?? KINDS.find((k) => k.re.test(bare));
  if (!kind) return null;
  // Documentation of an API or SDK is read by developers.
  const who =
    named ??
    (vi
      ? /podcast/i.test(head)
        ? "thính giả"
        : /video/i.test(head)
          ? "người xem"
          : kind.who[1]
      : /\b(?:api|sdk|cli|librar(?:y|ies))\b/i.test(bare)
        ? "developers"
        : /podcasts?/i.test(head)
          ? "our listeners"
          : /videos?/i.test(head)
            ? "our viewers"
            : kind.who[0]);
  return { who, candidates: vi ? kind.vi(d, who) : kind.en(d, who) };
}

const GERUNDS: Record<string, string> = {
  hiring: "hire",
  completing: "complete",
  launching: "launch",
  building: "build",
  shipping: "ship",
  implementing: "implement",
  migrating: "migrate",
  releasing: "release",
  creating: "create",
  developing: "develop",
  designing: "design",
  publishing: "publish",
  deploying: "deploy",
  writing: "write",
  organizing: "organize",
  organising: "organise",
  hosting: "host",
};

const LEAD = new RegExp(String.raw`^\s*${LEAD_WORDS}?`, "iu");

interface OutputRewrite {
  candidates: string[];
  /** The work itself, kept as a milestone key result. */
  deliverable: string;
  /** True when the output was the means of an outcome the objective already states ("… by launching X"). */
  means: boolean;
  /** Where the output's words start in the title (the outcome before a means ends there). */
  at: number;
  /** What people would adopt, for a metric key result to fill in; null when adoption says nothing. */
  adopted: { who: string; what: string } | null;
}

function outputCandidates(title: string, vi: boolean): OutputRewrite | null {
  const output = findOutput(title);
  if (!output) return null;
  let text = sentenceCase(title.replace(/[.!]+\s*$/, ""));
  // "Hiring permanent staff …", "Completing the implementation …": the work said as a gerund.
  const gerund = /^\s*(\p{L}+ing)\b/iu.exec(text)?.[1];
  if (gerund && GERUNDS[gerund.toLowerCase()]) text = text.replace(gerund, cap(GERUNDS[gerund.toLowerCase()]!));
  // "Grow retention by launching X": the objective is the first part, the means is the deliverable.
  if (/^(?:by|through|via|bằng cách|nhờ|thông qua|qua|bằng)(?!\p{L})/iu.test(output.text)) {
    const outcome = tidy(text.slice(0, output.start) + text.slice(output.end));
    // "by optimizing the landing page" → the milestone "Optimize the landing page".
    const deliverable = tidy(output.text.replace(/^(?:by|through|via|bằng cách|nhờ|thông qua|qua|bằng)(?: việc)?\s+/iu, "")).replace(
      /^(\p{L}+?)(?:ing)\b/iu,
      (ing, stem: string) => IMPERATIVE[ing.toLowerCase()] ?? stem,
    );
    return { candidates: outcome ? [...metricCandidates(outcome, vi), cap(outcome)] : [], deliverable: cap(deliverable), means: true, adopted: null, at: output.start };
  }
  const lead = LEAD.exec(text)![0].length;
  const phrase = text.slice(lead).replace(/^(?:successfully|finally)\s+/i, "");
  // "Successful preparation of accounting for migration to the new ERP system": the noun is the verb.
  const successful = /^successful\s+(preparation|launch|migration|implementation|delivery|rollout|completion)\s+of\s+/i.exec(phrase);
  const general = /^(?:ensure|make|use|maintain|improve|update|revamp|refresh|duy trì|đảm bảo|cải thiện)(?!\p{L})\s*/iu.exec(phrase);
  const handsOf = /^get\s+(.+?)\s+in(?:to)? the hands of\s+(.+)$/i.exec(phrase);
  // "Achieve SOC 2 Type II certification": the trust the certificate stands for.
  const certified =
    /^(?:achieve|obtain|get|earn|pass|complete|gain|secure|đạt|đạt được|hoàn thành)\s+(.{0,40}?(?:certification|accreditation|audit|chứng nhận|chứng chỉ))(?!\p{L})/iu.exec(phrase);
  if (certified) {
    const what = certified[1]!;
    return {
      candidates: vi
        ? [`Giành được niềm tin mà ${what} thể hiện`]
        : [`Give customers the assurance that ${what} brings`, `Show customers they can trust us with their data`].slice(0, /soc|iso|gdpr|hipaa|pci/i.test(what) ? 2 : 1),
      deliverable: cap(tidy(phrase)),
      means: false,
      at: output.start,
      adopted: null,
    };
  }
  // "Bring X to market", "Make X available": X is what is launched.
  const bring = /^(?:bring|make)\s+(.+?)\s+(?:to (?:market|production|life)|available)\b(.*)$/i.exec(phrase);
  let family: Family;
  let object: string;
  let state: { noun: string; verb: string; rest: string } | null = null;
  if (successful) {
    family = { preparation: "finish", launch: "launch", migration: "move", implementation: "build", delivery: "launch", rollout: "launch", completion: "finish" }[
      successful[1]!.toLowerCase()
    ] as Family;
    object = phrase.slice(successful[0].length);
  } else if (bring) {
    family = "launch";
    object = `${bring[1]}${bring[2]}`;
  } else if (handsOf) {
    family = "launch";
    // "Get 2.0 in the hands of customers": the version is the deliverable, the customers who benefit.
    object = `${/^v?\d/i.test(handsOf[1]!) ? `version ${handsOf[1]!.replace(/^v/i, "")}` : handsOf[1]} for ${handsOf[2]}`;
  } else if (general) {
    family = "other";
    object = phrase.slice(general[0].length);
    // "Ensure mobile apps are in sync with web app", "Make Google calendar integration work seamlessly":
    // the state asked of the thing is what its users should get.
    const st = /^(.+?)\s+(are|is|work|works|run|runs|stay|stays)\s+(.+)$/i.exec(object);
    if (st && !vi) state = { noun: st[1]!, verb: st[2]!.toLowerCase(), rest: st[3]!.replace(/[.!]+$/, "") };
  } else {
    family = FAMILIES.find(([re]) => re.test(phrase))?.[1] ?? "other";
    const verb = new RegExp(String.raw`^(?:${OUTPUT_VERB_WORDS})(?!\p{L})\s*`, "iu").exec(phrase);
    // No verb at all ("A complete implementation of IPFS", "Chiến lược tuyển dụng"): the phrase is the thing.
    // A verb the lists do not know still reads as one before "the", "our", "a" ("Refine the processes").
    const unknownVerb = verb ? null : /^\p{L}+\s+(?=(?:the|a|an|our|my|their|its|all|new|more|into|up|out)\b)/iu.exec(phrase);
    object = verb ? phrase.slice(verb[0].length) : unknownVerb ? phrase.slice(unknownVerb[0].length) : commonFirst(phrase.replace(/^(?:a|an)\s+/i, ""));
  }
  // "Replace the old backup system with X": X is what is delivered.
  const replaced = /^(?:replace|swap|thay thế|thay)\s+.+?\s+(?:with|by|bằng)\s+(.+)$/iu.exec(phrase);
  if (replaced) {
    family = "move";
    object = replaced[1]!;
  }
  // "Help the team start a podcast", "our start a podcast": a verb inside the deliverable is read too.
  const inner = new RegExp(String.raw`^(?:start|begin|set up|create|launch|build|run|bắt đầu|tạo)\s+`, "iu").exec(object.replace(/^(?:our|the)\s+/i, ""));
  if (inner) object = object.replace(/^(?:our|the)\s+/i, "").slice(inner[0].length);
  // "… preparation of accounting for migration to the new ERP system": the move is what it serves.
  const move = /\b(?:migration|move|transition|switch)\s+to\s+(.+)$/i.exec(object);
  if (move && !vi) {
    family = "move";
    object = move[1]!;
  }
  if (family === "personal") return null;
  const d = deliverableOf(object, vi);
  if (!d.replace(/^our\s+/i, "").trim()) return null;
  const bare = d.replace(/^(?:our|the)\s+/i, "");
  // Writing a plan or a spec serves the team that acts on it; implementing one delivers what it describes.
  if (PLAN.test(bare) && family !== "move" && family !== "hire" && !/^(?:implement|deploy|install|integrate|roll|apply|triển khai|áp dụng)/iu.test(phrase)) family = "plan";
  const named = (vi ? FOR_WHOM_VI : FOR_WHOM_EN).exec(text)?.[1]?.trim();
  const known =
    (family === "hire" ? (vi ? "đội ngũ" : "the team") : named) ??
    (family === "plan" || family === "learn" ? (vi ? "đội ngũ" : "the team") : undefined) ??
    (vi ? WHO_VI : WHO_EN).find(([re]) => re.test(text))?.[1];
  const who = known ?? (vi ? "người dùng" : "our users");
  // Readers, listeners and viewers take in what is published, whatever the verb that makes it.
  if (/^(?:our )?(?:readers|listeners|viewers|audience)$|^(?:người đọc|thính giả|người xem)$/iu.test(who) && family === "build") family = "launch";
  const plural = /s$/i.test(state?.noun ?? "");
  const stateful = state
    ? [`Give ${who} ${state.noun} that ${/^(?:are|is)$/.test(state.verb) ? (plural ? "are" : "is") : state.verb.replace(/s$/, "") + (plural ? "" : "s")} ${state.rest}`]
    : [];
  const purpose = purposeOf(phrase, vi);
  // The deliverable must read as a noun phrase to go into a template: never a pasted command
  // ("Make Systematize …"), a clause, or a long run of words.
  const nounLike =
    bare.split(/\s+/).length <= 8 &&
    !/[,;:]/.test(bare) &&
    !startsWithVerb(bare) &&
    !/^\p{L}+\s+(?:the|a|an|our|my|their|its|all|out|up|to|into)\b/iu.test(bare) &&
    !/\b(?:is|are|was|were|will|would|should|can|could|must)\b/i.test(bare);
  // Nobody named and no kind of deliverable that says who uses it: no invented users, and no "Get real
  // value from X" that names nobody (blind coaches judged it empty filler).
  // Only around a thing people can get value from, named in a few words: never a pasted command
  // ("Get real value from Educate residents …") or an activity.
  const clean =
    bare.split(/\s+/).length <= 6 &&
    !/[,;:]/.test(bare) &&
    /\b(?:apps?|application|tools?|system|platforms?|features?|products?|services?|portal|website|site|program|programme|framework|model|bridge|building|store|layer|engine|network|database|infrastructure|solution|offering|release|version|module|integration|clusters?|implementation)\b/i.test(
      bare,
    );
  const kind = !nounLike || family === "plan" || family === "learn" || family === "activity" || family === "move" || family === "hire" ? null : byKind(bare, d, named, vi);
  const typed = kind?.candidates ?? [];
  const candidates = [
    ...(purpose ? [vi ? `${purpose} nhờ ${d}` : `${purpose} with ${d}`, purpose] : []),
    ...stateful,
    ...typed,
    ...(!nounLike && family !== "hire"
      ? []
      : vi
        ? {
            launch: [`Khiến ${who} yêu thích ${d}`, `Giúp ${who} nhận được giá trị từ ${d}`, `Giúp ${who} đón nhận và tin dùng ${d}`],
            build: known ? [`Giúp ${who} làm việc hiệu quả hơn nhờ ${d}`, `Biến ${d} thành thứ ${who} tin dùng`] : [],
            move: [`Chuyển sang ${d} trơn tru, không gián đoạn ${who}`, `Giúp ${who} làm việc hiệu quả hơn nhờ ${d}`],
            automate: [`Giải phóng ${who} khỏi việc thủ công trong ${d}`, `Giúp ${who} làm việc nhanh và chính xác hơn nhờ ${d}`],
            hire: [`Giúp ${who} có đủ người giỏi để đi nhanh hơn`, `Củng cố ${who} bằng ${d}`],
            finish: [`Giúp ${who} nhận được giá trị từ ${d}`],
            plan: [`Giúp ${who} thống nhất và hành động theo ${d}`, `Giúp ${who} có ${d} rõ ràng để cùng hành động`],
            activity: [`Biến công sức dành cho ${d} thành kết quả rõ ràng`],
            learn: [`Hiểu rõ ${d} để ra quyết định đúng`, `Giúp ${who} hành động dựa trên hiểu biết về ${d}`],
            other: clean || known ? [`Giúp ${who} nhận được giá trị từ ${d}`] : [],
          }[family]
        : {
            launch: [`Make ${d} a hit with ${who}`, `Get ${who} real value from ${d}`, `Win ${who} over with ${d}`],
            build: !known
              ? []
              : [
                  `Give ${who} ${PLURAL.test(bare.split(/\s+(?:for|of|in|with)\s+/)[0]!) ? bare : d.replace(/^our\s+/i, "the ")} they can rely on`,
                  `Get ${who} real value from ${d}`,
                ],
            move: [`Move to ${bare} without disrupting ${who}`],
            automate: [`Free ${who} from manual work in ${d}`, `Make ${d} effortless for ${who}`],
            hire: [`Give ${who} the people it needs to move faster`, `Strengthen ${who} with ${bare}`],
            finish: [],
            plan: [`Give ${who} ${/s$/i.test(bare) ? "" : "a "}clear ${bare} to act on`, `Align ${who} around ${d}`],
            activity: /^gather/i.test(phrase)
              ? [`Bring together ${bare} who move the work forward`]
              : [`Make our work on ${d.replace(/^our\s+/i, "")} count`, `Turn our time on ${d.replace(/^our\s+/i, "")} into results people see`],
            learn: [`Know ${d.replace(/^our\s+/i, "the ")} well enough to act on it`, `Make decisions about ${d.replace(/^our\s+/i, "the ")} with confidence`],
            other: clean || known ? [`Get ${who} real value from ${d}`] : [],
          }[family]),
  ];
  const deliverable = cap(tidy(text.slice(lead).replace(/^(?:successfully|finally)\s+/i, "")));
  const adopted = (kind || known) && (family === "launch" || family === "build" || family === "move") ? { who: kind?.who ?? who, what: d } : null;
  return { candidates, deliverable, means: false, adopted, at: output.start };
}

// ---- key results -------------------------------------------------------------------------------

function num(text: string): number | null {
  const digits = plainDigits(text.replace(/[$€£\s%]/g, ""));
  return digits === null ? null : Number(digits);
}

/** The metric clause of the title (without a "by doing X" means) and the numbers it gives. */
function metricKr(title: string): RewriteKr {
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

// What taking words out can leave behind: an empty bracket, an article or a verb with nothing after
// it ("a with Stripe", "satisfaction is", "our and grow"), a slash with one side gone ("xem/ngày").
const HOLES =
  /\(\s*\)|\(\s|\s\)|\b(?:a|an|the|our)\s+(?:with|and|or|of|to|in|for|by|is|are)\b|\b(?:is|are|be|and|or|of|to|the|a|an|our|with|for|và|của|là|với)\s*$|(?<!\p{L})\/|\/(?!\p{L})/iu;

function passing(candidates: string[]): string[] {
  const seen = new Set<string>();
  return candidates
    .map((c) => tidy(c.replace(/\s{2,}/g, " ")))
    .filter((c) => {
      const key = c.toLocaleLowerCase();
      // Two words ("Reach ARR") are no objective, whatever the rules say.
      if (seen.has(key) || judgeObjective(c) || c.split(/\s+/).length < 3 || HOLES.test(c)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 3);
}

/** A rewrite answering the metric finding, or else the output finding; null when neither fired
 *  or no candidate keeping the objective's words passes the rules. */
export function rewriteObjective(title: string): Rewrite | null {
  const vi = isVietnamese(title);
  const output = outputCandidates(title, vi);
  if (findMetric(title)) {
    // "Hire 5 senior engineers", "Launch 3 new products": the work is named, so its outcome leads.
    const fromOutput = output?.candidates.map((c) => withoutNumbers(c).core) ?? [];
    const fromMetric = metricCandidates(output?.means ? title.slice(0, output.at) : title, vi);
    const candidates = passing(output && !output.means && fromOutput.length ? fromOutput : [...fromMetric, ...fromOutput]);
    if (!candidates.length) return null;
    // Two clauses ("Launch the app in September and reach one million users"): the deliverable is a
    // milestone, the number a metric key result.
    const [first, second] = title.split(SECOND_CLAUSE);
    // "Enhance collaboration by successfully implementing two joint initiatives": the number is in the
    // means, so the means is the key result ("Implement two joint initiatives …").
    const means = MEANS.exec(title);
    const meansKr =
      means && findMetric(means[0]) && !findMetric(title.slice(0, means.index))
        ? metricKr(
            cap(
              tidy(means[0].replace(/^\s*(?:by|through|via)\s+(?:\p{L}+ly\s+)?/iu, "").replace(/^(\p{L}+?)ing\b/iu, (ing, stem: string) => IMPERATIVE[ing.toLowerCase()] ?? stem)),
            ),
          )
        : null;
    const keyResults = meansKr
      ? [meansKr]
      : output && !output.means && second && findMetric(second) && !findMetric(first!)
        ? [{ title: tidy(first!), start: null, target: null, unit: "", kind: "milestone" as const }, metricKr(cap(tidy(second)))]
        : [metricKr(title)];
    if (output?.means) keyResults.push({ title: output.deliverable, start: null, target: null, unit: "", kind: "milestone" });
    return { objective: candidates[0]!, candidates, keyResults, rule: "objective-has-metric" };
  }
  if (!output) return null;
  const candidates = passing(output.candidates);
  if (!candidates.length) return null;
  const keyResults: RewriteKr[] = [{ title: output.deliverable, start: null, target: null, unit: "", kind: "milestone" }];
  if (output.adopted) {
    const { who, what } = output.adopted;
    // Readers, listeners and viewers are reached; users use.
    const reached = /^(?:our )?(?:readers|listeners|viewers|audience)$|^(?:người đọc|thính giả|người xem)$/iu.test(who);
    keyResults.push(
      reached
        ? { title: vi ? `Số ${who} mà ${what} tiếp cận được` : `${cap(who.replace(/^our\s+/i, ""))} reached by ${what}`, start: null, target: null, unit: "" }
        : { title: vi ? `Tỷ lệ ${who} sử dụng ${what}` : `Share of ${who.replace(/^our\s+/i, "")} using ${what}`, start: null, target: null, unit: "%" },
    );
  }
  return { objective: candidates[0]!, candidates, keyResults, rule: "objective-is-output" };
}
