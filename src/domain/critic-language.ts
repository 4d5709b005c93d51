// The critic's language rules, English and Vietnamese: a metric in the objective, an output (task
// or deliverable) instead of an outcome, a vague objective, a key result that is an activity.
// Each detector returns the offending span of the text, or null.

/** Longer objectives are hard to remember (objective-too-long). */
export const MAX_OBJECTIVE_WORDS = 18;

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
  // A number that only scopes a bucket: "receivables past 60 days", "invoices older than 90 days".
  /\b(?:past|older than|aged over|overdue by|quá hạn)\s+\d+\s*(?:days?|ngày)(?!\p{L})/giu,
  // A number inside an adjective: "16-bit", "30-day", "3-step" describe, they set no target.
  /\b\d+-(?:bit|core|inch|megapixel|day|week|month|year|hour|minute|person|step|star)\b/gi,
  // A production line, plant, phase or model named by its number: "Line 3", "Phase 2", "Nhà máy 4".
  /(?<!\p{L})(?:line|plant|phase|site|building|store|floor|stage|tier|zone|sprint|season|grade|factory|gen|generation|batch|cohort|class|wave|iteration|chapter|volume|episode|nhà máy|dây chuyền|giai đoạn|xưởng|khối|lớp)\s+\d+(?![\d.,%]|\s?(?:%|k|m)(?!\p{L}))(?!\s+\p{L}+s\b)/giu,
  // A range of grades or levels named by letter and number: "K-12", "P-20".
  /\b[A-Z]-\d{1,2}\b/g,
  // A named challenge or programme: "the 50 by 50 challenge".
  /\b\d+\s+by\s+\d+\b/gi,
  // A model or product called by its number: "Establish the 8086 as the best 16-bit microprocessor".
  /\bthe\s+\d{3,}\b(?=\s+(?:as|is|will|and|in|on|to)\b)/gi,
  // A version shipped: "Get 2.0 in the hands of customers", "ship 3.1".
  /(?<=\b(?:get|ship|release|launch|deliver|roll out)\s+)\d+\.\d+(?:\.\d+)?\b|\b\d+\.\d+(?:\.\d+)?\b(?=\s+(?:in(?:to)? the hands|out to|to (?:customers|users|market)))/gi,
];

// In Vietnamese, "1" before a noun is the article "a" ("Maintain 1 quy trình agile"), no target.
/** A placeholder for a number: "[phần trăm]%", "[number] customers" ("[target customer]" is people). */
export const NUMBER_PLACEHOLDER = String.raw`\[(?=[^\]]{0,20}(?:number|percent|amount|value|\bx+\b|\bn\b|#|%|\d|phần trăm|con số|\bsố\b|giá trị|tỷ lệ))[^\]]{1,20}\]\s?%?`;
/** Words in front of the verb that change nothing: "to …", "we will …", "let's …", "chúng ta sẽ …". */
export const LEAD_WORDS = String.raw`(?:to\s+|(?:we|i) will\s+|(?:we|i)'ll\s+|(?:we are|we're|i am|i'm) going to\s+|let's\s+|chúng (?:ta|tôi) sẽ\s+|tôi sẽ\s+)`;
const VI_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáãèéìíòóõùúý]/i;
const VI_ARTICLE = /(?<![\d.,])\b1\s+(?=\p{L})(?!(?:k|m|tr|triệu|tỷ|tỉ|ty|nghìn|ngàn|lần|x|đô|usd)(?!\p{L}))/gu;
// The same in English: "Execute 1 competitive takeout campaign" is "a campaign" (not "1 million").
const EN_ARTICLE =
  /(?<![\d.,#$€£]\s?)\b1\s+(?=\p{L})(?!(?:k|m|bn|million|billion|thousand|hundred|percent|point|pts?|x|day|week|month|year|hour|minute|second|usd|eur|in|of|out|to|per)(?!\p{L}))/giu;
// A number that describes a segment, not a target: "enterprises (5k+ user, multi-business unit,
// global)", "companies with 500+ employees".
// A size in brackets that says which things are meant: "large datasets (1TB++)", "(10k+ users)".
const SIZE_SCOPE = /\(\s*(?:~\s*)?\d[\d.,]*\s*(?:k|m|b|kb|mb|gb|tb|pb|users?|employees?|seats?|nodes?)?\s*\+*\s*\)/giu;
const SEGMENT =
  /(?<=\b(?:enterprises|companies|customers|clients|accounts|businesses|organi[sz]ations|teams|firms|schools)\s*)\([^)]*\)|(?<=\b(?:enterprises|companies|customers|clients|accounts|businesses|organi[sz]ations|teams|firms)\s+(?:with|of)\s+(?:over\s+|more than\s+)?)\d[\d,.]*\s*k?\+?(?=\s+(?:employees|users|seats|staff|people|members)\b)/giu;

/** Whether a text is written in Vietnamese (a letter only Vietnamese uses among the critic's two languages). */
export const isVietnamese = (text: string): boolean => VI_LETTERS.test(text);

/** The text with every number that is no metric (versions, years, names, articles) blanked to spaces. */
export const blankOut = (text: string): string => {
  const out = NOT_METRIC.reduce((t, re) => t.replace(re, (m) => " ".repeat(m.length)), text);
  const blank = (m: string) => " ".repeat(m.length);
  const scoped = out.replace(SEGMENT, blank).replace(SIZE_SCOPE, blank);
  return VI_LETTERS.test(text) ? scoped.replace(VI_ARTICLE, blank) : scoped.replace(EN_ARTICLE, blank);
};

const NUM = String.raw`\d[\d.,]*`;
const SCALE = String.raw`(?:%|k|m|bn|million|billion|triệu|tỷ)?`;
// Units after a number; (?!\p{L}) because \b does not work after Vietnamese letters like "ỷ".
const UNIT = String.raw`(?:k|m|bn|million|billion|thousand|triệu|tỷ|tỉ|nghìn|ngàn|đồng|đ|usd|vnd|eur|ms|s|sec|secs|seconds|mins?|minutes|hrs?|hours|days|weeks|months|ngày|giờ|phút|tuần|tháng|gb|mb|tb)(?!\p{L})`;
const METRIC_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(?:from|từ)\s+[$€£]?\s?${NUM}\s?${SCALE}[^,.;]*?\s+(?:to|lên|xuống|đến|tới)\s+[$€£]?\s?${NUM}\s?${SCALE}`, "iu"), // from X to Y
  new RegExp(String.raw`[$€£¥₫]\s?${NUM}(?:\s?(?:k|m|bn|million|billion|triệu|tỷ))?`, "iu"), // $2M
  new RegExp(String.raw`${NUM}\s?(?:%|percent|phần trăm|pts|points|điểm)`, "iu"), // 20%
  new RegExp(String.raw`${NUM}\s?${UNIT}`, "iu"), // 5 tỷ, 10k, 200ms
  new RegExp(String.raw`\b${NUM}\s?x\b`, "i"), // 2x
  /\b(?:double|triple|quadruple|halve|twice|in half|by half|by a (?:third|quarter|half)|by (?:one|two) (?:thirds?|quarters?))\b/i,
  /(?:gấp\s+(?:đôi|ba|bốn|\d+)|giảm\s+(?:một\s+)?(?:nửa|một phần ba))/iu,
  // A placeholder for the number: "[phần trăm]%", "đạt XX tỷ đồng", "[number] customers".
  // "[target customer]" is a placeholder for people, not a number.
  new RegExp(String.raw`${NUMBER_PLACEHOLDER}|\bX{2,}\s?(?:%|tỷ|triệu|k|m|đồng)?(?!\p{L})`, "u"),
  // A count in words: "two joint initiatives", "three new markets", "the majority of".
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|a dozen|hundreds of|thousands of)\s+(?!times\b|ways\b|things\b)\p{L}+|\b(?:the|a) majority of\b|\b(?:half|a third|a quarter|two thirds) of (?:our|all|the)\b|\bzero\s+(?!to\b)\p{L}+|\b(?:ship|deploy|release|publish|post|report|deliver|update|test|merge)\b[^,.;]{0,40}?\b(?:daily|weekly|every (?:day|week|sprint))\b(?!\s+(?:builds?|stand-?ups?|digests?|reports?|newsletters?|summar(?:y|ies)|checks?|syncs?|meetings?|emails?|updates?)\b)|\b(?:within|before the end of|by the end of)\s+(?:the|their|your|our)\s+first\s+(?:hour|day|week|month|session|visit)\b|\b(?:single|double|triple)-digit\b|\bdozens of\b|\b(?:one|a|half a|two|three|five|ten)\s+(?:hundred|thousand|million|billion)\b|(?<!\p{L})(?:một|hai|ba|năm|mười)\s+(?:trăm|nghìn|ngàn|triệu|tỷ|tỉ)(?!\p{L})/iu,
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

const OUTPUT_VERB_LIST_EN = [
  "launch",
  "ship",
  "build",
  "migrate",
  "release",
  "implement",
  "deploy",
  "develop",
  "create",
  "publish",
  "roll out",
  "rollout",
  "redesign",
  "rebuild",
  "rewrite",
  "re-?platform",
  "integrate",
  "complete",
  "finish",
  "deliver",
  "set up",
  "install",
  "introduce",
  "upgrade",
  "replace",
  "automate",
  "refactor",
  "move to",
  "switch to",
  "adopt",
  "hire",
  "establish",
  "execute",
  "carry out",
  "buy",
  "purchase",
  "travel to",
  "design",
  "define",
  "draft",
  "write",
  "produce",
  "organi[sz]e",
  "host",
  "hold",
  "conduct",
  "prepare",
  "finali[sz]e",
  "document",
  "identify",
  "research",
  "investigate",
  "evaluate",
  "assess",
  "audit",
  "map out",
  "pilot",
  "prototype",
  "port",
  "stabili[sz]e",
  "standardi[sz]e",
  "consolidate",
  "add (?:support|a|an|new)",
  "contribute to",
  "gather",
  "participate in",
  "attend",
  "speak at",
  "present at",
  "sponsor",
  "bring [^,.;]{1,40}? to (?:market|production|life)",
  "make [^,.;]{1,40}? available",
];
const OUTPUT_VERB_LIST_VI = [
  "ra mắt",
  "triển khai",
  "xây dựng",
  "phát hành",
  "di chuyển",
  "chuyển",
  "hoàn thành",
  "hoàn thiện",
  "tích hợp",
  "thiết kế lại",
  "thiết kế",
  "cài đặt",
  "nâng cấp",
  "phát triển",
  "tự động hóa",
  "tuyển",
  "khởi chạy",
  "xuất bản",
  "xác định",
  "thực hiện",
  "tổ chức",
  "mua",
  "du lịch",
  "chuẩn hóa",
  "chuẩn hoá",
  "đánh giá",
  "nghiên cứu",
  "rà soát",
  "thử nghiệm",
  "bổ sung",
  "hoàn tất",
  "ban hành",
  "chuẩn bị",
  "lập",
  "viết",
];
/** Verbs that name work to deliver, each a self-contained pattern (the rewrite reads the deliverable after them). */
export const OUTPUT_VERB_LIST: readonly string[] = [...OUTPUT_VERB_LIST_EN, ...OUTPUT_VERB_LIST_VI];
export const OUTPUT_VERBS_EN = OUTPUT_VERB_LIST_EN.join("|");
export const OUTPUT_VERBS_VI = OUTPUT_VERB_LIST_VI.join("|");
// "Successfully launch …", "Finally ship …": an adverb in front changes nothing.
// "Hiring permanent staff …", "Launching the app": the work said as a gerund.
const OUTPUT_GERUND =
  /^\s*(?:hiring|launching|building|shipping|implementing|migrating|releasing|creating|developing|designing|publishing|deploying|rolling out|setting up|writing|organi[sz]ing|hosting)\b/i;
const OUTPUT_START = new RegExp(String.raw`^\s*${LEAD_WORDS}?(?:successfully\s+|finally\s+)?(${OUTPUT_VERBS_EN}|${OUTPUT_VERBS_VI})(?!\p{L})`, "iu");
// The thing delivered named after a general verb: "Ensure mobile apps are in sync", "Make Google
// calendar integration work", "Use ticket templates to…", "Maintain 1 quy trình agile",
// "Successful preparation of accounting for migration…".
const DELIVERABLE =
  "apps?|application|feature|version|template|templates|system|integration|migration|microsite|website|portal|tool|dashboard|process|pipeline|platform|module|book|report|policy|framework|erp|mvp|prototype|documentation|docs|handbook|wiki|quy trình|hệ thống|tính năng|phiên bản|ứng dụng|cuốn sách|sách|báo cáo|website|tài liệu|sổ tay";
const OUTPUT_OBJECT = new RegExp(
  String.raw`^\s*(?:(ensure|make|use|maintain|improve|update|revamp|refresh|duy trì|đảm bảo|cải thiện)\s+(?:[\p{L}\d-]+\s+){0,3}(?:${DELIVERABLE})(?!\p{L})(?=(?:\s+\p{L}+)?\s*(?:$|[,.;:!]|(?:for|to|that|with|in|of|across|work|works|are|is|so|và|cho|của|với|trong)(?!\p{L})))|(successful\s+(?:preparation|launch|migration|implementation|delivery|rollout|completion))\b|(get\s+[^,;]{1,30}?\s+in(?:to)? the hands of))`,
  "iu",
);
const OUTPUT_OBJECT_VI =
  /^\s*(?:duy trì|đảm bảo|cải thiện|cập nhật|làm mới)\s+(?:các\s+|những\s+|1\s+|một\s+)?(?:tính năng|phiên bản|ứng dụng|cuốn sách|báo cáo|website|trang web|tài liệu|sổ tay|mẫu|biểu mẫu)(?!\p{L})/iu;
// What a verb like "deliver" or "build" makes when it is no deliverable: an experience, a capability,
// a team, a culture ("Deliver a world-class mobile experience", "Create a high performing team").
const NOT_DELIVERED =
  /^\s*(?:to\s+)?(?:successfully\s+)?\p{L}+\s+(?:[\p{L}\d-]+\s+){0,4}?(?:experiences?|capabilit(?:y|ies)|culture|confidence|trust|relationships?|satisfaction|engagement|teams?|organi[sz]ation|brand|reputation|momentum|communit(?:y|ies)|communication|skills?|habits?|mindset|leadership|partnerships?|collaboration|trải nghiệm|năng lực|văn hóa|niềm tin|đội ngũ)(?=\s*(?:$|[,.;:!]|(?:for|to|that|with|in|of|across|where|which|our|as|cho|của|với)(?!\p{L})))/iu;
// Vietnamese puts the head noun first: "Phát triển kỹ năng leadership", "Xây dựng cộng đồng người viết".
const NOT_DELIVERED_VI = /^\s*\p{L}+(?:\s\p{L}+)?\s+(?:kỹ năng|năng lực|văn hóa|niềm tin|đội ngũ|trải nghiệm|cộng đồng|mối quan hệ|sự gắn kết|thói quen|tư duy)(?!\p{L})/iu;
// No verb at all, a deliverable named: "A complete implementation of IPFS in JavaScript",
// "Real-time dashboard for everything in the Metrics sheet", "Chiến lược tuyển dụng kĩ sư".
const DELIVERABLE_NOUN =
  /^\s*(?:(?:a|an|the|our|new)\s+)?(?:[\p{L}\d&/+.-]+\s+){0,3}?(implementation|dashboard|app|application|website|portal|report|strategy|roadmap|framework|template|policy|playbook|handbook|toolkit|integration|migration|redesign|prototype|mvp|release|rollout|campaign|conference|summit|course|curriculum|guide|documentation|api|sdk|library|plugin|extension|edition|newsletter|podcast|blogs?|blog posts?|articles?|videos?|tutorials?|demos?|talks?|operator|cookbook|white ?paper|case stud(?:y|ies)|graph|chart)\b(?=\s*(?:$|[,.;:(]|(?:for|on|in|of|with|about|that|to|and|&|across|from|by)\b))|^\s*(chiến lược|kế hoạch|bộ tài liệu|tài liệu|ứng dụng|trang web|website|báo cáo|sổ tay|lộ trình)(?!\p{L})/iu;
// A sentence that starts with a verb has its own subject matter: "Improve the dashboard" is judged
// by the verb rules, never as a bare deliverable.
const VAGUE_START =
  /^\s*(?:to\s+)?(?:improve|increase|grow|enhance|optimi[sz]e|boost|fix|work|focus|support|drive|make|get|become|be|keep|help|give|provide|ensure|win|reach|achieve|use|maintain|update|own|lead|guide|run|scale|reduce|cut|expand|strengthen|deepen|simplify|streamline|accelerate|empower|enable|delight|earn|attract|retain|understand|cải thiện|tăng|nâng cao|đẩy mạnh|giảm|đạt|tạo|giúp|đảm bảo|duy trì|mở rộng|hiểu|làm rõ|làm)(?!\p{L})/iu;
// "Establish the brand / the 8086 as the go-to …": a position to win, not a thing to deliver.
const POSITIONING = /^\s*(?:establish|position|make)\b[^,.;]*\bas\s+(?:the|a|an|our)\b/i;
// "Create the lowest carbon footprint in our industry", "Build the fastest checkout": a superlative to
// reach is an outcome, whatever the verb.
const SUPERLATIVE = /^\s*\p{L}+\s+(?:the|our)\s+(?:lowest|highest|best|fastest|safest|cleanest|simplest|easiest|most|least)\b/iu;
// Certifications and audits passed are deliverables: "Achieve SOC 2 Type II certification".
const CERTIFIED =
  /^\s*(?:achieve|obtain|get|earn|pass|complete|gain|secure|đạt|đạt được|hoàn thành)\s+[^,.;]{0,40}?(?:certification|certified|accreditation|accredited|audit|chứng nhận|chứng chỉ)(?!\p{L})/iu;
const BY_DOING =
  /\b(by|through|via)\s+(optimi[sz]ing|launching|building|shipping|implementing|redesigning|migrating|releasing|creating|adding|rolling out|rewriting|hiring|deploying)\b[^,.;]*/i;
// Vietnamese means: "bằng cách …", "nhờ triển khai …", "thông qua việc ra mắt …".
const BANG_CACH = new RegExp(String.raw`(?:bằng cách|(?:nhờ|thông qua|qua|bằng)(?: việc)?\s+(?:${OUTPUT_VERBS_VI}))\s*[^,.;]*`, "iu");
/** Words that turn "build/ship X" into an outcome people notice: who benefits and how. */
const OUTCOME_MARKERS =
  /\b(customers?|users?|people|teams?|everyone|clients?|buyers|members|employees|partners)\b[^,.;]{0,30}\b(can|love|trust|want|need|rely|enjoy|feel|choose|recommend|count on|notice)\b|\bso that\b|\bthat (?:our|customers|users|people)\b|\b(khách hàng|người dùng|mọi người|nhân viên)\b[^,.;]{0,30}\b(tin|yêu|muốn|cần|hài lòng|lựa chọn|giới thiệu)|(?<!\p{L})(để|giúp)\s+(khách hàng|người dùng|đội|nhân viên)|(?<!\p{L})(hiệu quả|bền vững|đáng tin cậy|vững mạnh)(?!\p{L})/iu;

export function findOutput(title: string): Span | null {
  // "CONSUMER POWER: Mobilize …": a theme's label in front says nothing about the objective.
  const label = /^\s*\p{Lu}[\p{L}\d &/'’-]{2,30}:\s*(?=\p{L})/u.exec(title)?.[0].length ?? 0;
  if (label) {
    const inner = findOutput(title.slice(label));
    return inner && { ...inner, start: inner.start + label, end: inner.end + label };
  }
  const means = BY_DOING.exec(title) ?? BANG_CACH.exec(title);
  if (means) return span(means);
  // Who benefits and how, said in the sentence: asked once, it answers for every rule below.
  const outcome = OUTCOME_MARKERS.test(title);
  const start = OUTPUT_START.exec(title);
  if (start && !outcome && !NOT_DELIVERED.test(title) && !NOT_DELIVERED_VI.test(title) && !POSITIONING.test(title) && !SUPERLATIVE.test(title) && !QUALITY_AFTER_VERB.test(title))
    return span(start, 1);
  const certified = CERTIFIED.exec(title);
  if (certified) return span(certified);
  const gerund = OUTPUT_GERUND.exec(title);
  if (gerund && !outcome && !NOT_DELIVERED.test(title) && !QUALITY_AFTER_VERB.test(title)) return span(gerund);
  const object = OUTPUT_OBJECT.exec(title);
  // Improving a process or a system is improving how work goes ("Cải thiện quy trình test"); maintaining
  // or ensuring one is still work on the thing ("Maintain 1 quy trình agile").
  const howWorkGoes =
    object &&
    /^\s*(?:improve|cải thiện)\s+(?:[\p{L}\d-]+\s+){0,3}?(?:process|system|pipeline|platform|quy trình|hệ thống)(?!\p{L})(?!\s+(?:documentation|docs|template|report|tài liệu|báo cáo))/iu.test(
      title,
    );
  if (object && !howWorkGoes && !outcome) return span(object);
  // Vietnamese puts the artifact right after the verb: "Cải thiện tài liệu quản trị nội bộ".
  const artifact = OUTPUT_OBJECT_VI.exec(title);
  if (artifact && !outcome) return span(artifact);
  // A noun phrase with no verb in front: only when nothing else reads as the verb of the sentence.
  const noun = start || VAGUE_START.test(title) ? null : DELIVERABLE_NOUN.exec(title);
  if (noun && !outcome) return span(noun);
  // English, by default: a sentence that names no result at all names work ("Refine the customer
  // success processes", "Contribute to mayastor", "Scheduled Chaos"). A result is a verb of change or
  // of reaching ("increase", "become", "delight", "keep"), a state ("customers trust …", "X is fast"), a
  // quality ("Excellent system availability"), a number to reach, or a single abstract word
  // ("Ownership"). The rules above that refused an output verb ("Deliver a world-class experience",
  // "Establish the brand as …") have already said it is a result. Vietnamese keeps to the rules above.
  // A deliverable said as done: "We have a preliminary strategy …", "The Activate Portal is improved".
  const done = DELIVERED_STATE.exec(title);
  if (done && !outcome) return span(done);
  const refused = Boolean(start || object || artifact);
  // A manner to reach ("Onboard the founders smoothly") is a result too.
  const manner = /\b(?:smoothly|seamlessly|effortlessly|reliably|safely|sustainably|confidently|happily)\b/i.test(title);
  if (refused || manner || VI_LETTERS.test(title) || findMetric(title) || RESULT.test(title) || STATE_WORDS.test(title) || QUALITY_START.test(title)) return null;
  // A noun phrase is work when its head is a concrete thing ("Chaos testing for every release",
  // "Feature flags for mobile"), an area when it is a quality, a state or a change ("Conversion from
  // free", "GitLab Managed future", "World-wide acknowledgement of …") or too short to say.
  if (!LEADING_VERB.test(title)) {
    const head = /^\s*(?:(?:a|an|the|our)\s+)?[^,.;:(]*?(?=\s+(?:for|to|in|on|of|with|by|from|across|that|and|&)\b|\s*[,.;:(]|\s*$)/iu.exec(title)?.[0] ?? "";
    const last = head.trim().split(/\s+/).pop() ?? "";
    if (title.trim().split(/\s+/).length < 3 || AREA_WORD.test(last)) return null;
  }
  return span(
    /^\s*(?:to\s+)?[^,.;:(]{1,80}?(?=\s+(?:for|to|in|on|of|with|by|so|that|and|through|via|across)\b|\s*[,.;:(]|\s*$)/iu.exec(title) ?? /^\s*\S+(?:\s+\S+){0,5}/u.exec(title),
  );
}

// The head of a noun phrase that names an area, not a thing to make: a nominalised change or quality.
const AREA_WORD =
  /(?:ion|ions|ment|ments|ness|ity|ities|ance|ence|ship|ure|ism|acy|cy)$|^(?:growth|awareness|adoption|excellence|leadership|quality|experience|future|culture|trust|health|reach|impact|success|presence|momentum|velocity|focus|alignment|engagement|satisfaction|retention|revenue|profit|efficiency|productivity)$/i;

// A first word that reads as a verb: one the rules know, one that ends like a verb ("operationalize",
// "educate", "simplify"), or any word before "the/a/our/to/…" that is no noun of its own ("Refine the
// processes", "Contribute to …"; not "Conversion from free").
const LEADING_VERB =
  /^\s*(?:to\s+)?(?:\p{L}+(?:i[sz]e|ate|ify|en)\b|(?!\p{L}+(?:ion|ment|ness|ity|ance|ence|ship|age|ism|ure)\b)\p{L}+\s+(?:the|a|an|our|my|their|its|all|more|to|with|up|out|into|on|off|over|around|across|through)\b)/iu;
// A deliverable said as done or owned: "We have a draft proposal …", "The portal is improved".
const DELIVERED_STATE = new RegExp(
  String.raw`^\s*(?:(?:in collaboration with [^,]+,\s*)?(?:we|i)\s+(?:have|will have|'ll have|'ve got)\s+(?:an?\s+|the\s+|our\s+)?(?:[\p{L}&-]+\s+){0,5}?(?:strategy|proposal|plan|roadmap|portal|dashboard|app|website|tool|process|framework|playbook|policy|system|prototype|mvp|report|guide|documentation|understanding)\b|(?:the|our)\s+(?:[\p{L}&-]+\s+){0,4}?(?:portal|app|website|site|tool|dashboard|platform|feature|system|api|sdk|docs|documentation)\s+(?:is|are)\s+(?:improved|launched|built|shipped|released|live|available|done|complete|completed|implemented|migrated|redesigned|updated|in place))`,
  "iu",
);
// An output verb with a quality to reach: "Deliver superior quality new leads", "Build a reliable …".
const QUALITY_AFTER_VERB =
  /^\s*(?:to\s+)?\p{L}+\s+(?:an?\s+|the\s+|our\s+)?(?:superior|higher|better|great|best|world-class|exceptional|excellent|sustainable|strong|reliable|seamless|delightful|trusted|high-quality)\b/iu;

/** Whether a clause starts with a verb the critic knows, of a result or of work ("expand into …"). */
export function startsWithVerb(clause: string): boolean {
  return RESULT.test(clause) || OUTPUT_START.test(clause);
}

// Verbs of a result: a change, reaching a state, or keeping one.
const RESULT =
  /^\s*(?:to\s+|we(?:'ll| will)\s+|i(?:'ll| will)\s+|let's\s+)?(?:significantly\s+|continuously\s+|dramatically\s+|radically\s+)?(?:increase|improve|reduce|grow|boost|raise|lift|cut|lower|decrease|double|triple|halve|expand|broaden|deepen|strengthen|enhance|accelerate|speed up|become|be|stay|remain|delight|help|enable|empower|keep|retain|win|earn|gain|achieve|reach|hit|maintain|sustain|drive|make|turn|get|give|ensure|resolve|solve|close|conquer|own|lead|dominate|position|attract|engage|inspire|transform|simplify|streamline|modernize|modernise|scale|protect|secure|minimi[sz]e|maximi[sz]e|eliminate|prevent|avoid|recharge|mitigate|provide|offer|learn|stop|validate|understand|shorten|foster|nurture|cultivate|champion|embrace|unlock|unleash|reinvent|revolutioni[sz]e|excel|thrive|serve|support|love|optimi[sz]e|continue|continuing|spread|raise awareness|promote|reposition|mature|democrati[sz]e|rally|mobili[sz]e|galvani[sz]e|energi[sz]e|unify|align|unite|connect|collaborate|coordinate|partner|future-proof|double down|invest in|focus|prioriti[sz]e|differentiate|stand out|compete|expand into|enter|penetrate|capture|acquire|convert|activate|moneti[sz]e|fund|celebrate|recognize|recognise|reward|listen|respond|show|demonstrate|prove|de-risk|harden|restore|rebuild trust|regain|recover|clean up|tidy|fix|heal|care for|put|go|take|find|discover|create (?:a |an )?(?:culture|environment|experience|community))(?!\p{L})/iu;
// A state said of someone or something: "customers trust …", "go-ipfs handles large datasets",
// "Council keeps supporting …", "Identified internationally as the primary resource …".
const STATE_WORDS =
  /\b(?:is|are|becomes?|feels?|stays?|remains?|has|have|can|loves?|trusts?|handles?|works?|runs?|spends?|closes?|gets?|sees?|finds?|knows?|uses?|chooses?|says?|renews?|comes?|wants?|needs?|relies|rely|enjoys?|recommends?|returns?|thrives?|succeeds?|keeps|continues|reach out|reaches|provides|supports|offers|leads|understands?|identified|recognized|recognised|known|regarded|acknowledged|trusted|adopted|cited)\b/i;
// A quality to have: "Excellent system availability", "High user adoption", "Zero downtime".
const QUALITY_START =
  /^\s*(?:an?\s+|the\s+)?(?:excellent|high|higher|first-class|world-class|consistent|great|better|strong|stronger|healthy|happy|loyal|seamless|reliable|fast|faster|secure|transparent|sustainable|profitable|engaged|delighted|satisfied|predictable|effortless|frictionless|best-in-class|industry-leading|efficient|clear|smooth|zero|no|more|fewer|less|continuous|rapid|sustained|lasting)\b/i;

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
