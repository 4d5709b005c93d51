// The output side of a rewrite (critic-rewrite.ts): the deliverable an objective names, who it serves,
// and the outcome candidates that say what it is for.

import { findOutput, LEAD_WORDS, OUTPUT_VERB_LIST, startsWithVerb } from "./critic-language.js";
import { cap, commonFirst, metricCandidates, sentenceCase, tidy, withoutNumbers } from "./critic-rewrite-metric.js";

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
export const SECOND_CLAUSE = new RegExp(
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
export const IMPERATIVE: Record<string, string> = {
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

export function outputCandidates(title: string, vi: boolean): OutputRewrite | null {
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
