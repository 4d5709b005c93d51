// What the local model knows about the workspace before it calls a tool (read once through
// list_okrs over MCP): KR titles, units and owners, and the team names. It finds the KR a person
// means from their words ("NPS came in at 53" → KR9.2), the team ("bên Engineering"), the owner.

import { editDistance } from "../../domain/edit-distance.js";
import { matchTeam, teamNames } from "../../domain/teams.js";
import { folded } from "./parse.js";

export interface DirectoryKr {
  ref: string;
  title: string;
  owner: string;
  team: string;
  unit: string;
  start: number;
  current: number;
  target: number;
}

const STOP = new Set(
  (
    "the a an is are was were be been at in on for of to from now this that week weeks month months today yesterday our my we i it its and or with by per " +
    "set please pls just what whats how hows which top most kr krs okr okrs key result results log logged update updated check checkin chekc confidence conf confident note notes " +
    "point points pt pts since last le ty hang " +
    "green yellow red amber came come went got hit reached reach new latest current value number still tbh ok so far up down about around " +
    "increase raise grow reduce cut lift lower improve keep make get hold average rate monthly weekly " +
    "la cua cho tuan nay thang duoc roi dang o muc hien tai cap nhat ghi nhan tu tin do cay mau vang xanh nhe giup minh voi va cac nhung " +
    "tang giam nang len xuong con dat so chi ngay gio day days hours done latest minh nhe di co gi ko khong nao" +
    " muc toan cong ty rieng thi sao" +
    // How many KRs a request is about never names one: "log 100 for every KR" matched a KR whose
    // title said "on every key result" (a title written to steer the agent).
    " every all each any entire whole everything moi tat ca tung bo"
  ).split(" "),
);

// "30-day" stays one word ("30day"): it is what tells 30-day retention from net revenue retention.
// "30-day", "30d", "30 ngày" stay one word ("30day"): it is what tells 30-day retention from net
// revenue retention.
const words = (text: string) =>
  folded(text)
    .replace(/\b(?:1|one|mot)(?:-| )?(?:month|thang)\b/g, "30day")
    .replace(/\b(?:day|ngay) (\d+)\b/g, "$1day")
    .replace(/\bd(\d{1,3})\b/g, "$1day")
    .replace(/\b(\d+)(?:-| )?(?:d|days?|ngay)\b/g, "$1day")
    .replace(/\b(\d+)-([a-z]+)/g, "$1$2")
    .split(/[^a-z0-9%]+/)
    .filter((w) => w && (!/^\d/.test(w) || /[a-z]/.test(w)));

/** A small English–Vietnamese glossary of OKR metric words: a title and a query that name the same
 *  thing in either language share a concept token ("win rate" finds "Tỷ lệ thắng"). */
const GLOSSARY: [string, RegExp][] = [
  ["#winrate", /\b(win rate|win %|deals[- ](?:we[- ])?(?:win|won)|won deals|close rate|(?:ty|ti) le (?:deal |hop dong )?(?:thang|chot|win)|deal thang|win deal|deal win)\b/],
  ["#lead", /\b(leads?|khach hang tiem nang|tiem nang)\b/],
  ["#salescycle", /\b(sales cycle|chu ky ban hang|chu ky ban|time to close|days to close|thoi gian chot)\b/],
  ["#revenue", /\b(revenue|doanh thu)\b/],
  ["#retention", /\b(retention|giu chan|ty le giu|keep (?:more )?customers|o lai|stick around|that stick|sticky|stickiness|stay(?:ed)? (?:on|active))\b/],
  ["#customer", /\b(customers?|khach hang)\b/],
  ["#churn", /\b(churn|roi bo|huy dich vu)\b/],
  ["#conversion", /\b(conversion|chuyen doi)\b/],
  ["#openrate", /\b(open rate|ty le mo|mo email)\b/],
  ["#traffic", /\b(traffic|visits|luot truy cap|truy cap)\b/],
  ["#bug", /\b(bugs?|loi)\b/],
  ["#coverage", /\b(coverage|do phu)\b/],
  ["#response", /\b(response time|first.response|phan hoi)\b/],
  ["#satisfaction", /\b(csat|satisfaction|hai long)\b/],
  ["#velocity", /\b(velocity|toc do sprint|diem sprint)\b/],
  ["#review", /\b(code review|review code|review time|pr reviews?|prs? (?:wait|sit)|(?:wait|waiting|sit|sitting) (?:for |in )?reviews?)\b/],
  ["#onboarding", /\b(onboarding|huong dan ban dau|hoan tat onboarding)\b/],
  ["#casestudy", /\b(case stud(?:y|ies)|cau chuyen khach hang)\b/],
  ["#qbr", /\b(qbrs?|business reviews?)\b/],
  ["#crash", /\b(crash|crash.free|khong loi)\b/],
];
/** The words of a glossary concept in each language, for a person translating an OKR text. */
const TERMS: Record<string, [string, string]> = {
  "#winrate": ["win rate", "tỷ lệ thắng"],
  "#lead": ["leads", "khách hàng tiềm năng"],
  "#salescycle": ["sales cycle", "chu kỳ bán hàng"],
  "#revenue": ["revenue", "doanh thu"],
  "#retention": ["retention", "tỷ lệ giữ chân"],
  "#churn": ["churn", "tỷ lệ rời bỏ"],
  "#conversion": ["conversion", "tỷ lệ chuyển đổi"],
  "#openrate": ["open rate", "tỷ lệ mở email"],
  "#traffic": ["traffic", "lượt truy cập"],
  "#coverage": ["test coverage", "độ phủ kiểm thử"],
  "#response": ["first-response time", "thời gian phản hồi đầu tiên"],
  "#satisfaction": ["customer satisfaction (CSAT)", "mức độ hài lòng"],
};

/** The glossary terms a text uses, each with its word in the other language. */
export const termsIn = (text: string): [string, string][] =>
  concepts(text)
    .map((c) => TERMS[c])
    .filter((t): t is [string, string] => !!t);

const concepts = (text: string) => {
  const f = folded(text);
  return GLOSSARY.filter(([, re]) => re.test(f)).map(([c]) => c);
};
/** Whether a text and a KR title name one glossary concept ("sales cycle" and "chu kỳ bán hàng"). */
export const sharesConcept = (text: string, title: string): boolean => {
  const mine = concepts(text);
  return concepts(title).some((c) => mine.includes(c));
};
/** The words of a text that a glossary concept stands for ("outbound leads" → leads): a query
 *  counts them once, as the concept, so a KR that only shares the word is not as good a match as
 *  one that shares the concept and another word. */
const conceptWords = (text: string) => {
  const f = folded(text);
  return new Set(
    GLOSSARY.flatMap(([, re]) => [...(new RegExp(re.source, "g").exec(f) ?? [])].slice(0, 1))
      .flatMap((m) => m.split(/[^a-z0-9]+/))
      .map(stem),
  );
};
const ACRONYM_SKIP = new Set(["to", "from", "of", "the", "a", "an", "and", "or", "for", "in", "on", "by", "with", "tu", "len", "xuong", "den", "cho", "va"]);
const stem = (w: string) => (w.length >= 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w);

/** Hyphenated names as one token ("time-to-value" → timetovalue): a phrase that names one KR even
 *  when its parts ("time", "value") are common. */
const compounds = (text: string) => [...folded(text).matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)].map((m) => m[0].replace(/-/g, ""));

// A Vietnamese syllable: one onset, a vowel cluster, one of the few codas Vietnamese allows.
const VI_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;
const VI_STOP_PAIRS = new Set(["tyle", "tile", "trungbinh", "hangthang", "hangtuan", "hangngay", "moithang", "moituan"]);
const VI_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáãèéìíòóõùúýđ]/i;

/**
 * Title tokens plus acronyms of consecutive words ("monthly recurring revenue" → mrr). In a
 * Vietnamese title a word is two syllables ("chu kỳ", "khách hàng"): one syllable alone ("chú" in
 * "ghi chú", "mới" in "số mới") names nothing, so such a title is matched by syllable pairs (the
 * query side joins consecutive words too), its loanwords ("outbound") and its numbers.
 */
function titleTokens(title: string): Set<string> {
  const ws = words(title);
  const vietnamese = VI_LETTERS.test(title);
  const singles = vietnamese ? ws.filter((w) => /\d/.test(w) || !VI_SYLLABLE.test(w)) : ws;
  // "tỷ lệ" (rate), "trung bình" (average), "hàng tháng" (monthly) name no KR, as their English words do not.
  const pairs = vietnamese
    ? ws
        .slice(1)
        .map((w, i) => ws[i]! + w)
        // A pair of two words that name no KR ("ghi nhận", "cập nhật", "tự tin") names none either.
        .filter((p, i) => !VI_STOP_PAIRS.has(p) && !(STOP.has(ws[i]!) && STOP.has(ws[i + 1]!)))
    : [];
  const out = new Set([...singles.map(stem), ...pairs, ...compounds(title), ...concepts(title)]);
  // Two-letter acronyms ("ko", "co") collide with ordinary words; three and four letters do not.
  // Only content words make one ("passed to sales" is no "pts").
  const content = ws.filter((w) => !ACRONYM_SKIP.has(w) && !/^\d/.test(w));
  // "time-to-value" → ttv: a hyphenated name's initials, its small words included.
  for (const m of folded(title).matchAll(/[a-z]+(?:-[a-z]+){2,}/g))
    out.add(
      m[0]
        .split("-")
        .map((w) => w[0])
        .join(""),
    );
  for (let n = 3; n <= 4; n++)
    for (let i = 0; i + n <= content.length; i++)
      out.add(
        content
          .slice(i, i + n)
          .map((w) => w[0])
          .join(""),
      );
  return out;
}

export interface DirectoryObjective {
  ref: string;
  title: string;
  team: string;
  owner: string;
}

export class KrDirectory {
  private readonly tokens: Map<string, Set<string>>;
  private readonly idf = new Map<string, number>();

  constructor(
    readonly krs: DirectoryKr[],
    readonly objectives: DirectoryObjective[] = [],
  ) {
    this.tokens = new Map(krs.map((k) => [k.ref, titleTokens(k.title)]));
    const df = new Map<string, number>();
    for (const set of this.tokens.values()) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + krs.length / n));
    this.spelled = [...df.keys()].filter((t) => /^[a-z]{5,}$/.test(t));
    this.spelled4 = [...df.keys()].filter((t) => /^[a-z]{4}$/.test(t));
  }

  /** Title words of five letters or more: what a slip in a KR's name ("orgnaic trafic") is read as. */
  private readonly spelled: string[];
  private readonly spelled4: string[];

  /** A query word that is no title word but one edit (two from nine letters) from exactly one. */
  private spell(w: string): string {
    // A Vietnamese syllable typed without accents ("chuan", "thang") is a word of its own, never a slip.
    if (w.length < 4 || !/^[a-z]+$/.test(w) || this.idf.has(w) || this.idf.has(stem(w)) || VI_SYLLABLE.test(w)) return w;
    // Four letters: only two letters swapped ("opne" → open).
    if (w.length === 4) {
      const swapped = this.spelled4.filter((t) => editDistance(w, t) === 1 && [...t].sort().join("") === [...w].sort().join(""));
      return swapped.length === 1 ? swapped[0]! : w;
    }
    const limit = w.length >= 9 ? 2 : 1;
    const close = this.spelled.filter((t) => Math.abs(t.length - w.length) <= limit && editDistance(w, t) <= limit);
    return close.length === 1 ? close[0]! : w;
  }

  teams(): string[] {
    return [...new Set(this.krs.map((k) => k.team))];
  }

  byRef(ref: string): DirectoryKr | undefined {
    return this.krs.find((k) => k.ref.toUpperCase() === ref.toUpperCase());
  }

  /** The KRs a text names: one = found, several = ambiguous (closest scores), none = not named. */
  matchKr(text: string): DirectoryKr[] {
    const covered = conceptWords(text);
    const query = [
      ...new Set([
        ...words(text)
          .filter((w) => !STOP.has(w) && w.length >= 2)
          .map((w) => this.spell(stem(w)))
          .filter((w) => !covered.has(w)),
        ...compounds(text),
        ...concepts(text),
        // "time to value" typed without hyphens still names "time-to-value".
        ...words(text).flatMap((_, i, all) => (i + 1 < all.length ? [all.slice(i, i + 2).join(""), ...(i + 2 < all.length ? [all.slice(i, i + 3).join("")] : [])] : [])),
      ]),
    ];
    if (!query.length) return [];
    const scored = this.krs
      .map((k) => ({ k, score: query.reduce((s, q) => s + (this.tokens.get(k.ref)!.has(q) ? (this.idf.get(q) ?? 0) : 0), 0) }))
      .filter((x) => x.score >= 1.2)
      .sort((a, b) => b.score - a.score);
    if (!scored.length) return [];
    // A qualifier with a number ("30-day", "7d") must be in the title: "30-day retention" is not
    // "net revenue retention", however well "retention" matches.
    const qualifiers = query.filter((q) => /^\d+(?:day|week|month|year|hour)$/.test(q));
    const best = scored.filter((x) => x.score >= scored[0]!.score * 0.8 && qualifiers.every((q) => this.tokens.get(x.k.ref)!.has(q)));
    return best.map((x) => x.k);
  }

  /** The KRs a text names, a team's name aside when the rest names exactly one ("translate for the
   *  sales team: 'Win rate is at 21.5%'" is the win rate, not "…passed to sales"). */
  nameKr(text: string): DirectoryKr[] {
    const teamless = this.matchKr(this.withoutTeams(text));
    return teamless.length === 1 ? teamless : this.matchKr(text);
  }

  /** The objectives a text names: by ref, else by an owner ("Sofia's objective") narrowed by title
   *  words ("Sofia's brand objective"), else by title words alone. */
  matchObjective(text: string): DirectoryObjective[] {
    const ref = /\bO(\d+)\b/.exec(text);
    if (ref) return this.objectives.filter((o) => o.ref === `O${ref[1]}`);
    // "nam's sales objective": the possessive names the owner, whatever the language.
    const possessive = /(\p{L}+)['’]s\b/u.exec(text)?.[1];
    const owner = (possessive ? this.findOwnerNamed(possessive) : undefined) ?? this.findOwner(text);
    // "the Marketing objective": the team's objectives, and the team's name is none of their words
    // (O6 "Align marketing and sales…" is not the only Marketing objective).
    const team = this.findTeam(text);
    const teamPool = team ? this.objectives.filter((o) => o.team === team) : [];
    const pool = (owner ? this.objectives.filter((o) => o.owner === owner) : this.objectives).filter((o) => !teamPool.length || o.team === team);
    const said = teamPool.length ? this.withoutTeams(text) : text;
    const ws = words(said);
    const query = [
      ...new Set([
        ...ws.filter((w) => !STOP.has(w) && w.length >= 3 && !/^(objective|objectives|muc|tieu|okr|kr)$/.test(w)).map(stem),
        ...ws.slice(1).map((w, i) => ws[i]! + w),
        ...concepts(said),
      ]),
    ];
    const scored = pool
      .map((o) => ({ o, score: query.filter((q) => titleTokens(o.title).has(q)).length }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score);
    if (scored.length) return scored.filter((x) => x.score === scored[0]!.score).map((x) => x.o);
    return owner || teamPool.length ? pool : [];
  }

  /** The text with every team name and synonym blanked: a team's name is no KR's name. */
  withoutTeams(text: string): string {
    const names = this.teams().flatMap((t) => teamNames(t));
    return names.reduce((s, n) => s.replace(new RegExp(`(?<!\\p{L})${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\p{L})`, "giu"), (m) => " ".repeat(m.length)), text);
  }

  /** A team named in the text, by its own name or a synonym in either language. */
  findTeam(text: string): string | undefined {
    // "toàn công ty", "company-wide": the whole workspace, not the team called Company.
    const f = ` ${folded(text)
      .replace(/\b(toan cong ty|ca cong ty|whole company|company-?wide|across the company|all teams)\b/g, " ")
      .replace(/[^a-z0-9 ]+/g, " ")} `;
    const teams = this.teams();
    for (const t of teams) if (f.includes(` ${folded(t)} `)) return t;
    for (const w of f.trim().split(/\s+/)) {
      const m = matchTeam(w, teams);
      if (m) return m;
    }
    for (let i = 0; i + 1 < f.trim().split(/\s+/).length; i++) {
      const pair = f
        .trim()
        .split(/\s+/)
        .slice(i, i + 2)
        .join(" ");
      const m = matchTeam(pair, teams);
      if (m) return m;
    }
    return undefined;
  }

  /** An owner named by a word typed in lower case ("daniel", "nam's"): read as the name it is. */
  findOwnerNamed(word: string): string | undefined {
    return this.findOwner(word.charAt(0).toUpperCase() + word.slice(1));
  }

  /** An owner named in the text: full name, or a first name only one owner has. */
  findOwner(text: string): string | undefined {
    const f = ` ${folded(text).replace(/[^a-z0-9 ]+/g, " ")} `;
    const owners = [...new Set(this.krs.map((k) => k.owner).filter(Boolean))];
    const full = owners.find((o) => f.includes(` ${folded(o)} `));
    if (full) return full;
    // One name alone must be written as a name (capitalised, accents as stored): "giúp mình" is
    // "help me", not Minh; "anh Nam" is Hoàng Văn Nam. In English text (no Vietnamese letters) a
    // lowercase first name counts too ("daniel is taking over"), but not words Vietnamese uses.
    const english = !/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text) && !/\b(minh|nam|ha|cua|cho|la|nhe|nha|di|roi)\b/.test(f);
    const tokens = new Set(
      text
        .split(/[^\p{L}]+/u)
        .filter((w) => /^\p{Lu}/u.test(w) || (english && w.length >= 4))
        .flatMap((w) =>
          english ? [w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(), ...(/s$/i.test(w) ? [w.charAt(0).toUpperCase() + w.slice(1, -1).toLowerCase()] : [])] : [w],
        ),
    );
    // A three-letter first name in English text, said as the subject or owner ("bao says…", "nam's KR").
    if (english)
      for (const m of text.matchAll(/(?<!\p{L})(\p{L}{3})(?:\s+(?:says|said|asked|asks|wants|reports|reported|thinks|told)\b|['’]s\b)/giu))
        tokens.add(m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1).toLowerCase());
    const byName = owners.filter((o) => {
      const parts = o.split(" ");
      return tokens.has(parts[0]!) || tokens.has(parts.at(-1)!);
    });
    return byName.length === 1 ? byName[0] : undefined;
  }
}
