// The critic's language rules, English and Vietnamese: a metric in the objective, an output (task
// or deliverable) instead of an outcome, a vague objective, a key result that is an activity.
// Each detector returns the offending span of the text, or null.

export interface Span {
  start: number;
  end: number;
  text: string;
}

const span = (m: RegExpExecArray | null, group = 0): Span | null => {
  if (!m) return null;
  const part = m[group] ?? m[0];
  const start = m.index + m[0].indexOf(part);
  return { start, end: start + part.length, text: part };
};

/** Numbers that are not metrics: years, quarters and halves, versions, 24/7, ordinals, and
 *  digits inside names (B2B, Web3, G2, H1, P0). They are blanked before looking for metrics. */
const NOT_METRIC: RegExp[] = [
  /\b(?:19|20)\d{2}\b/g, // 2027
  /\b(?:Q|H)[1-4]\b/gi, // Q3, H1
  /\bquý\s*[1-4IV]+\b/giu, // quý 3
  /\bv(?:ersion)?\s?\d+(?:\.\d+)*\b/gi, // v2, version 3, v2.1
  /\bphiên bản\s*\d+(?:\.\d+)*/giu,
  /\b24\s?\/\s?7\b/g,
  /\b\d+(?:st|nd|rd|th)\b/gi, // 1st, 3rd
  /\bthứ\s*\d+\b/giu, // thứ 2
  /#\s?1\b/g, // #1
  /\b[A-Za-z]+\d+[A-Za-z0-9]*\b/g, // Web3, G2, P0, S3, B2B (a digit-first token like 200ms is a unit)
  // A standard or product named by an acronym and a number: SOC 2, ISO 27001, PCI DSS 4 (not NPS 60).
  /\b(?!(?:NPS|ARR|MRR|CSAT|CAC|LTV|GMV|DAU|MAU|WAU|KPI|USD|VND|EUR)\b)[A-Z]{2,}(?:\s[A-Z]{2,})*\s\d+\b/g,
];

const blankOut = (text: string): string => NOT_METRIC.reduce((t, re) => t.replace(re, (m) => " ".repeat(m.length)), text);

const NUM = String.raw`\d[\d.,]*`;
const SCALE = String.raw`(?:%|k|m|bn|million|billion|triệu|tỷ)?`;
// Units after a number; (?!\p{L}) because \b does not work after Vietnamese letters like "ỷ".
const UNIT = String.raw`(?:k|m|bn|million|billion|thousand|triệu|tỷ|nghìn|ngàn|đồng|đ|usd|vnd|eur|ms|s|sec|secs|seconds|mins?|minutes|hrs?|hours|days|weeks|months|ngày|giờ|phút|tuần|tháng|gb|mb|tb)(?!\p{L})`;
const METRIC_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(?:from|từ)\s+[$€£]?\s?${NUM}\s?${SCALE}[^,.;]*?\s+(?:to|lên|xuống|đến|tới)\s+[$€£]?\s?${NUM}\s?${SCALE}`, "iu"), // from X to Y
  new RegExp(String.raw`[$€£¥₫]\s?${NUM}(?:\s?(?:k|m|bn|million|billion|triệu|tỷ))?`, "iu"), // $2M
  new RegExp(String.raw`${NUM}\s?(?:%|percent|phần trăm|pts|points|điểm)`, "iu"), // 20%
  new RegExp(String.raw`${NUM}\s?${UNIT}`, "iu"), // 5 tỷ, 10k, 200ms
  new RegExp(String.raw`\b${NUM}\s?x\b`, "i"), // 2x
  /\b(?:double|triple|quadruple|halve|twice|in half|by half|by a (?:third|quarter|half)|by (?:one|two) (?:thirds?|quarters?))\b/i,
  /(?:gấp\s+(?:đôi|ba|bốn|\d+)|giảm\s+(?:một\s+)?(?:nửa|một phần ba))/iu,
  new RegExp(
    String.raw`\b(?:NPS|ARR|MRR|CSAT|CAC|LTV|GMV|DAU|MAU|WAU|churn|revenue|doanh thu|conversion|retention|uptime|latency)\b[^.,;]{0,25}?\b(?:above|below|over|under|to|by|at least|of|at|trên|dưới|lên|đạt)\s+[$€£]?${NUM}`,
    "iu",
  ),
  new RegExp(String.raw`(?<![\w.])${NUM}(?![\w.])`, "u"), // any other number left: a count ("hire 5 engineers", "đạt 1.000 khách hàng")
];

export function findMetric(title: string): Span | null {
  const blanked = blankOut(title);
  for (const re of METRIC_PATTERNS) {
    const m = re.exec(blanked);
    if (m) {
      const s = span(m)!;
      return { ...s, text: title.slice(s.start, s.end).trim() };
    }
  }
  return null;
}

const OUTPUT_VERBS_EN =
  "launch|ship|build|migrate|release|implement|deploy|develop|create|publish|roll out|rollout|redesign|rebuild|rewrite|re-?platform|integrate|complete|finish|deliver|set up|install|introduce|upgrade|replace|automate|refactor|move to|switch to|adopt|optimi[sz]e|hire";
const OUTPUT_VERBS_VI = "ra mắt|triển khai|xây dựng|phát hành|di chuyển|chuyển|hoàn thành|hoàn thiện|tích hợp|thiết kế lại|cài đặt|nâng cấp|phát triển|tự động hóa|tối ưu|tuyển";
const OUTPUT_START = new RegExp(String.raw`^\s*(?:to\s+|we will\s+|let's\s+)?(${OUTPUT_VERBS_EN}|${OUTPUT_VERBS_VI})\b`, "iu");
const BY_DOING =
  /\b(by|through|via)\s+(optimi[sz]ing|launching|building|shipping|implementing|redesigning|migrating|releasing|creating|adding|rolling out|rewriting|hiring|deploying)\b[^,.;]*/i;
// Vietnamese means: "bằng cách …", "nhờ triển khai …", "thông qua việc ra mắt …".
const BANG_CACH = new RegExp(String.raw`(?:bằng cách|(?:nhờ|thông qua|qua|bằng)(?: việc)?\s+(?:${OUTPUT_VERBS_VI}))\s*[^,.;]*`, "iu");
/** Words that turn "build/ship X" into an outcome people notice: who benefits and how. */
const OUTCOME_MARKERS =
  /\b(customers?|users?|people|teams?|everyone|clients?|buyers|members|employees|partners)\b[^,.;]{0,30}\b(can|love|trust|want|need|rely|enjoy|feel|choose|recommend|count on|notice)\b|\bso that\b|\bthat (?:our|customers|users|people)\b|\b(khách hàng|người dùng|mọi người|nhân viên)\b[^,.;]{0,30}\b(tin|yêu|muốn|cần|hài lòng|lựa chọn|giới thiệu)|\b(để|giúp)\s+(khách hàng|người dùng|đội|nhân viên)|\b(hiệu quả|bền vững|đáng tin cậy|vững mạnh)\b/iu;

export function findOutput(title: string): Span | null {
  const means = BY_DOING.exec(title) ?? BANG_CACH.exec(title);
  if (means) return span(means);
  const start = OUTPUT_START.exec(title);
  if (start && !OUTCOME_MARKERS.test(title)) return span(start, 1);
  return null;
}

const VAGUE_VERB = /^\s*(improve|increase|grow|enhance|optimi[sz]e|boost|better|fix|work on|focus on|support|drive|cải thiện|tăng|nâng cao|phát triển|tập trung vào|đẩy mạnh)\b/iu;

/** "Improve onboarding", "Grow revenue", "Cải thiện onboarding": a verb and a topic, nothing else. */
export function findVague(title: string): Span | null {
  const words = title.trim().split(/\s+/).filter(Boolean);
  const m = VAGUE_VERB.exec(title);
  if (m && words.length <= 3) return span(m, 1);
  if (/\b(things|stuff|various|better stuff|do more)\b/i.test(title)) return span(/\b(things|stuff|various|do more)\b/i.exec(title));
  return null;
}

const ACTIVITY =
  /^\s*(hold|run|conduct|organi[sz]e|host|attend|publish|write|send|post|talk to|meet(?: with)?|interview|call|visit|review|schedule|prepare|draft|present|train|tổ chức|tham dự|tham gia|viết|gửi|đăng|gặp|phỏng vấn|gọi|xem xét|họp|chuẩn bị|trình bày|đào tạo)\b/iu;

/** A KR that counts work done ("Hold 10 customer interviews") rather than a result it should move. */
export function findActivity(krTitle: string): Span | null {
  return span(ACTIVITY.exec(krTitle), 1);
}
