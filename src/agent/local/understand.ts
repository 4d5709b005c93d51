// What the person asked for, read from their words (English or Vietnamese) into one plan: tool
// calls to make, or something to say (a question, or what the agent can do). No guessing: a write
// that lacks its KR or its value becomes a question.

import { findConfidence, findKrRef, findNote, findNumbers, findObjectiveRef, folded, fromTo, without, type ConfidenceFound } from "./parse.js";
import { detectLang, say, type Lang } from "./lang.js";
import { draftFor, parseDraft, type Draft } from "./draft.js";
import type { KrDirectory } from "./directory.js";
import { readCorrection } from "./correct.js";

export interface ToolCallPlan {
  toolName: string;
  input: Record<string, unknown>;
}

export type Plan = { kind: "tools"; calls: ToolCallPlan[] } | { kind: "text"; text: string };

export type { KrDirectory } from "./directory.js";

export interface Conversation {
  /** What the model knows of the workspace before calling a tool (see directory.ts). */
  directory?: KrDirectory;
  /** The person's latest message. */
  text: string;
  /** The agent's previous answer, if any (to read a pending draft or question from). */
  previousAnswer: string | null;
  /** The person's message before this one, if any (what a question of ours was about). */
  previousUser?: string | null;
  /** The agent's answer before the previous one (a draft survives one question about it). */
  olderAnswer?: string | null;
  /** Today (YYYY-MM-DD), from the system prompt: for "yesterday" and "on Monday". */
  today?: string | null;
}

const WEEKDAYS: [RegExp, number][] = [
  [/\b(sunday|chu nhat)\b/, 0],
  [/\b(monday|thu hai|thu 2)\b/, 1],
  [/\b(tuesday|thu ba|thu 3)\b/, 2],
  [/\b(wednesday|thu tu|thu 4)\b/, 3],
  [/\b(thursday|thu nam|thu 5)\b/, 4],
  [/\b(friday|thu sau|thu 6)\b/, 5],
  [/\b(saturday|thu bay|thu 7)\b/, 6],
];

/** "yesterday" / "hôm qua" / "on Monday" → the date, counted back from today (never forward). */
export function relativeDate(f: string, today: string | null | undefined): string | undefined {
  if (!today) return undefined;
  const base = Date.parse(`${today}T00:00:00Z`);
  const back = (days: number) => new Date(base - days * 86_400_000).toISOString().slice(0, 10);
  if (/\b(yesterday|hom qua)\b/.test(f)) return back(1);
  const dow = new Date(base).getUTCDay();
  for (const [re, d] of WEEKDAYS) if (re.test(f)) return back((dow - d + 7) % 7);
  return undefined;
}

const PICK_QUESTION = /^(Which one do you mean|Bạn muốn nói KR nào)/;
const MISSING_QUESTION =
  /^(Which key result is this for|What is the new value|Which team is|Which objective should|Cập nhật này cho KR nào|Giá trị mới của|Mục tiêu ".*" thuộc nhóm nào|KR này thuộc mục tiêu nào)/;

/** The person answering our question: a ref picking among candidates, or the missing piece. */
function answerToQuestion(conv: Conversation): Plan | null {
  if (!conv.previousAnswer || !conv.previousUser) return null;
  if (PICK_QUESTION.test(conv.previousAnswer)) {
    const ref = findKrRef(conv.text)?.value ?? findObjectiveRef(conv.text)?.value;
    const before = understand({ text: conv.previousUser, previousAnswer: null });
    if (!ref || before.kind !== "tools") return null;
    return tools(...before.calls.map((c) => ({ ...c, input: { ...c.input, ...("keyResult" in c.input ? { keyResult: ref } : { objective: ref }) } })));
  }
  if (MISSING_QUESTION.test(conv.previousAnswer)) return understand({ text: `${conv.previousUser}, ${conv.text}`, previousAnswer: null });
  return null;
}

const has = (f: string, re: RegExp) => re.test(f);
const tools = (...calls: ToolCallPlan[]): Plan => ({ kind: "tools", calls });
const text = (t: string): Plan => ({ kind: "text", text: t });

const STOP_AFTER_TEAM = /\s+(?:team|nhom|dang|bi|this|that|is|are|right|now|most|lagging|behind|okrs?|krs?|cham|tre)\b.*$/i;

/** "in Sales", "for the Engineering team", "của nhóm Kinh doanh", "team Product". */
export function findTeam(original: string): string | undefined {
  const patterns = [
    /\b([A-Z][A-Za-zÀ-ỹ]*(?: [A-Z][A-Za-zÀ-ỹ]*)*)['’]s\s+(?:[Oo][Kk][Rr][Ss]?|[Oo]bjectives|KRs?|[Kk]ey [Rr]esults)\b/u,
    /\b(?:in|for|of|from|on)\s+(?:the\s+)?(?:team\s+)?([A-Za-zÀ-ỹ][A-Za-zÀ-ỹ ]{1,40}?)(?:\s+team)?\s*(?:[?.!,]|$|\s+(?:this|right|now|so far|lately))/iu,
    /(?:của|trong|ở|cho)\s+(?:nhóm|team|phòng|bộ phận|đội)\s+([A-Za-zÀ-ỹ][A-Za-zÀ-ỹ ]{1,40})/iu,
    /\b(?:team|nhóm)\s+([A-Za-zÀ-ỹ][A-Za-zÀ-ỹ ]{1,40})/iu,
  ];
  for (const re of patterns) {
    const m = re.exec(original);
    if (!m) continue;
    const candidate = m[1]!.replace(STOP_AFTER_TEAM, "").trim();
    const f = folded(candidate);
    if (!candidate || /^(this week|the week|now|today|me|us|it|track|risk|pace|q\d|\d{4}|the cycle|this cycle|kr\s?\d.*|o\d+)$/.test(f)) continue;
    return candidate;
  }
  return undefined;
}

function limitOf(f: string): number | undefined {
  const m = /\btop\s*(\d{1,2})\b/.exec(f) ?? /\b(\d{1,2})\s*(?:krs?|key results?|ket qua)\b/.exec(f);
  return m ? Number(m[1]) : undefined;
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

function checkIn(conv: Conversation, f: string, lang: Lang): Plan | null {
  const t = conv.text;
  const ref = findKrRef(t);
  const confidence: ConfidenceFound | null = findConfidence(t);
  const note = findNote(t);
  const head = note ? t.slice(0, note.start) : t;
  const numbers = findNumbers(head).filter((n) => !(ref && n.start >= ref.start && n.end <= ref.end) && !(confidence && n.start >= confidence.start && n.end <= confidence.end));
  const verb =
    has(f, /\b(log|logged|record|check ?in|checkin|chekc in|update|set|report|put|cap nhat|ghi nhan|bao cao|nhap)\b/) ||
    has(f, /\b(is now|now at|is at|reached|hit|came in|down to|up to|done with|dat|len|la|con|duoc)\b/) ||
    /=/.test(t);
  if (numbers.length === 0 && !(ref && verb)) return null;
  // Segments after the first comma that carry no number and no confidence read as the note.
  let noteText = note?.value;
  if (!noteText) {
    const segments = head
      .split(/[,;]|\.\s/)
      .map((s) => s.trim())
      .filter(Boolean);
    const free = segments.slice(1).filter((s) => findNumbers(s).length === 0 && !findConfidence(s) && !findKrRef(s) && s.split(/\s+/).length >= 2);
    if (free.length) noteText = free.join(", ");
  }
  // Without a verb, a number next to a KR's name still reads as a check-in ("NPS came in at 53").
  // The note is left out of the match: "onboarding emails shipped" does not name a KR.
  const noteSpan = noteText && !note ? { value: 0, start: head.indexOf(noteText), end: head.indexOf(noteText) + noteText.length } : null;
  const named = ref ? [] : (conv.directory?.matchKr(without(head, [...numbers, confidence, noteSpan])) ?? []);
  if (!verb && !ref && named.length === 0) return null;
  // "top 2 lagging KRs", "which is most behind" are questions, not values to log.
  if (!verb && has(f, /\b(lag|lagging|behind|off.?track|worst|which|what|how|cham|tre|nao|bao nhieu)\b/)) return null;
  const value = numbers[0];
  if (named.length > 1)
    return text(
      say(
        lang,
        `Which one do you mean: ${named.map((k) => `${k.ref} (${k.title})`).join(", ")}? Reply with the ref.`,
        `Bạn muốn nói KR nào: ${named.map((k) => `${k.ref} (${k.title})`).join(", ")}? Hãy trả lời bằng mã.`,
      ),
    );
  const fragmentSource = without(head, [
    value,
    confidence,
    ref,
    ...(noteText && !note ? [{ value: 0, start: head.indexOf(noteText), end: head.indexOf(noteText) + noteText.length }] : []),
  ]);
  // With the workspace's KR titles known, a name that matches none is a question, not a guess.
  const keyResult = ref?.value ?? named[0]?.ref ?? (conv.directory ? "" : krFragment(fragmentSource));
  if (!keyResult)
    return text(
      say(lang, "Which key result is this for? Give its ref (e.g. KR2.1) or part of its name.", "Cập nhật này cho KR nào? Cho mình mã (ví dụ KR2.1) hoặc một phần tên của nó."),
    );
  if (!value) return text(say(lang, `What is the new value for ${keyResult}?`, `Giá trị mới của ${keyResult} là bao nhiêu?`));
  let v = value.value.value;
  // 0.52 on a percent KR whose range lies above 1 can only mean 52%: read it so, and say so.
  const byWords = conv.directory?.matchKr(keyResult) ?? [];
  const kr = conv.directory?.byRef(keyResult) ?? (byWords.length === 1 ? byWords[0] : undefined);
  if (kr && kr.unit === "%" && !value.value.percent && v > 0 && v < 1 && Math.min(kr.current, kr.target) >= 1) v = Number((v * 100).toPrecision(12));
  const input: Record<string, unknown> = { keyResult, value: v };
  if (confidence) input.confidence = confidence.value;
  if (noteText) input.note = noteText;
  const date = relativeDate(f, conv.today);
  if (date) input.date = date;
  return tools({ toolName: "log_check_in", input });
}

/** A request to draft an objective ("help me write an objective about faster support"), with the
 *  draft for it when the topic is one the drafter knows. */
export function draftRequest(t: string): { topic: string; draft: Draft | null } | null {
  const f = folded(t);
  const asks =
    has(f, /\b(write|draft|come up with|suggest|help|need|want|give me|propose)\b.*\b(objective|okr)\b.*\b(about|for|on|to|around)\b/) ||
    has(f, /\b(giup|soan|viet|de xuat|muon|can)\b.*\b(muc tieu|okr|objective)\b.*\b(ve|cho)\b/);
  if (!asks) return null;
  const topic = (/\b(?:about|on|around|to)\s+(.+)$/i.exec(t)?.[1] ?? /\bfor\s+(.+)$/i.exec(t)?.[1] ?? /(?:về|ve|cho)\s+(.+)$/iu.exec(t)?.[1] ?? t).replace(/[?.!]+$/, "").trim();
  const team = findTeam(t.replace(topic, "")) ?? null;
  return { topic, draft: draftFor(topic, team, detectLang(t, f)) };
}

/** The objective text in "critique: X", "critique this objective - X", "is 'X' a good objective?". */
function quotedOrAfterSeparator(t: string): string | null {
  const quoted = /["“'‘]([^"”'’]{3,})["”'’]/.exec(t)?.[1];
  if (quoted) return quoted.trim();
  const sep = /(?::|\s[-–—]\s)\s*(.+)$/u.exec(t)?.[1];
  return sep ? sep.trim().replace(/[?]+$/, "") : null;
}

export function understand(conv: Conversation): Plan {
  const t = conv.text.trim();
  const f = folded(t);
  const lang = detectLang(t, f);
  const dir = conv.directory;
  // Known team names beat guessing one from the sentence's shape.
  const teamOf = (text: string) => (dir ? dir.findTeam(text) : findTeam(text));
  const question = (krs: { ref: string; title: string }[]) =>
    text(
      say(
        lang,
        `Which one do you mean: ${krs.map((k) => `${k.ref} (${k.title})`).join(", ")}? Reply with the ref.`,
        `Bạn muốn nói KR nào: ${krs.map((k) => `${k.ref} (${k.title})`).join(", ")}? Hãy trả lời bằng mã.`,
      ),
    );
  const pending: Draft | null =
    (conv.previousAnswer ? parseDraft(conv.previousAnswer) : null) ??
    (conv.previousAnswer && /^(Which team should own it|Mục tiêu này thuộc nhóm nào)/.test(conv.previousAnswer) && conv.olderAnswer ? parseDraft(conv.olderAnswer) : null);
  const answered = answerToQuestion(conv);
  if (answered) return answered;

  if (pending) {
    if (has(f, /^(no|nope|cancel|stop|don'?t|khong|huy|thoi)\b/)) return text(say(lang, "OK, nothing was created.", "Được, mình không tạo gì cả."));
    if (has(f, /\b(yes|yep|yeah|ok|okay|sure|approve|approved|go ahead|create it|do it|lgtm|looks good|sounds good|perfect|co|dong y|duoc|ok luon|tao di|tao no)\b/)) {
      const team = teamOf(t) ?? pending.team;
      if (!team) return text(say(lang, 'Which team should own it? Say e.g. "yes, for Customer Success".', 'Mục tiêu này thuộc nhóm nào? Ví dụ: "đồng ý, cho nhóm Kinh doanh".'));
      return tools({ toolName: "create_objective", input: { title: pending.title, team, keyResults: pending.keyResults } });
    }
  }

  // Fixing or undoing a check-in comes before reading a new one: "should have been 54" is no new value.
  const previous = conv.previousUser ? understand({ text: conv.previousUser, previousAnswer: null, directory: dir, today: conv.today }) : null;
  const previousKr = previous?.kind === "tools" ? ((previous.calls.find((c) => c.toolName === "log_check_in")?.input.keyResult as string | undefined) ?? null) : null;
  const correction = readCorrection(t, dir, previousKr, conv.today);
  if (correction) return tools(correction);

  if (has(f, /\b(summary|summarize|summarise|recap|digest|weekly update|week went|tom tat|tong ket|bao cao tuan)\b/) || has(f, /\bweekly\b.*\b(update|report)\b/)) {
    const team = teamOf(t.replace(/leadership team|lãnh đạo/giu, ""));
    return tools({ toolName: "weekly_summary", input: { ...(team ? { team } : {}), ...(lang === "vi" ? { language: "vi" } : {}) } });
  }

  const request = /:|["“'‘].+["”'’]/.test(t) ? null : draftRequest(t);
  if (request) {
    const { topic, draft } = request;
    if (!draft)
      return text(
        say(
          lang,
          `What number would show progress on "${topic}"? Tell me the metric and where it stands today, and I will draft the objective around it.`,
          `Chỉ số nào cho thấy tiến bộ về "${topic}"? Cho mình biết chỉ số và giá trị hiện tại, mình sẽ soạn mục tiêu quanh nó.`,
        ),
      );
    return tools({
      toolName: "critique_objective",
      input: { title: draft.title, ...(draft.team ? { team: draft.team } : {}), keyResults: draft.keyResults.map((k) => ({ title: k.title, start: k.start, target: k.target })) },
    });
  }

  if (
    has(f, /^(critique|critic|review|evaluate|feedback)\b/) ||
    has(
      f,
      /\b(critique|review this|evaluate|rate this|check this objective|thoughts on|feedback on|is this a good|a good objective|is this objective ok|objective ok|what'?s wrong with)\b/,
    ) ||
    has(f, /\b(danh gia|nhan xet|gop y|on khong|co on khong|duoc khong)\b/)
  ) {
    const krList = /\bKRs?\s*:\s*(.+)$/iu.exec(t);
    const head = krList ? t.slice(0, krList.index) : t;
    const title = quotedOrAfterSeparator(head.replace(/[,;]\s*$/, ""));
    if (title) {
      const keyResults = krList
        ? krList[1]!
            .split(/[,;]|\band\b/)
            .map((k) => k.trim())
            .filter(Boolean)
            .map((k) => ({ title: k, ...(fromTo(k) ? { start: fromTo(k)!.start, target: fromTo(k)!.target } : {}) }))
        : undefined;
      return tools({ toolName: "critique_objective", input: { title: title.replace(/^objective\s+/i, ""), ...(keyResults ? { keyResults } : {}) } });
    }
    if (has(f, /\b(critique|danh gia|nhan xet)\b/))
      return text(
        say(
          lang,
          "Which objective should I critique? Paste it after a colon, e.g. critique: Increase conversion by 2%.",
          "Mục tiêu nào cần đánh giá? Dán nó sau dấu hai chấm, ví dụ: đánh giá: Tăng tỷ lệ chuyển đổi 2%.",
        ),
      );
  }

  if (has(f, /\b(add|new|create)\b.*\b(kr|key result)\b/) || has(f, /\bthem\b.*\b(kr|key result|ket qua)\b/)) {
    const objective =
      findObjectiveRef(t)?.value ??
      /\b(?:to|for|under|vào|vao|cho)\s+(?:the\s+)?["“]?([^:"”]+?)["”]?\s*(?::|\s[-–—]\s)/iu
        .exec(t)?.[1]
        ?.replace(/\b(objective|mục tiêu|muc tieu)\b/giu, "")
        .trim();
    const title = quotedOrAfterSeparator(t);
    if (!objective) return text(say(lang, "Which objective should the key result go under? Give its ref, e.g. O3.", "KR này thuộc mục tiêu nào? Cho mình mã, ví dụ O3."));
    if (!title)
      return text(
        say(
          lang,
          `What should the key result on ${objective} measure? e.g. "grow subscribers from 8,000 to 12,000".`,
          `KR cho ${objective} đo điều gì? Ví dụ "tăng người đăng ký từ 8.000 lên 12.000".`,
        ),
      );
    const range = fromTo(title);
    if (!range)
      return text(
        say(lang, `Where does "${title}" start and what is the target? Say it as "from X to Y".`, `"${title}" bắt đầu từ đâu và mục tiêu là bao nhiêu? Hãy nói dạng "từ X lên Y".`),
      );
    return tools({
      toolName: "add_key_result",
      input: { objective, title: title.charAt(0).toUpperCase() + title.slice(1), start: range.start, target: range.target, ...(range.unit ? { unit: range.unit } : {}) },
    });
  }

  if (has(f, /\b(create|add|new|make|set up|needs? an?)\b.*\bobjective\b/) || has(f, /\b(tao|them)\b.*\b(muc tieu|objective)\b/)) {
    const title = quotedOrAfterSeparator(t);
    const team = teamOf(t.replace(title ?? "", ""));
    if (!title)
      return text(
        say(
          lang,
          "What should the objective say? e.g. create an objective for Product: Give new users a smooth first-run experience.",
          "Mục tiêu nói gì? Ví dụ: tạo mục tiêu cho nhóm Sản phẩm: Mang lại trải nghiệm đầu tiên mượt mà.",
        ),
      );
    if (!team) return text(say(lang, `Which team is "${title}" for?`, `Mục tiêu "${title}" thuộc nhóm nào?`));
    const owner = /\bowner\s+([A-ZÀ-Ỹ][\p{L}]+(?:\s[A-ZÀ-Ỹ][\p{L}]+)*)/u.exec(t)?.[1];
    return tools({ toolName: "create_objective", input: { title, team, ...(owner ? { owner } : {}) } });
  }

  if (has(f, /^(search|find|look for|look up|tim|tim kiem)\b/) || has(f, /\b(search for|search|tim kiem)\b/)) {
    const query = (quotedOrAfterSeparator(t) ?? t.replace(/^.*?\b(search for|search|find|look for|look up|tìm kiếm|tìm)\b/iu, "")).replace(/[?.!]+$/, "").trim();
    if (query) return tools({ toolName: "search_okrs", input: { query } });
  }

  // Changing a KR's target or owner needs the new value: without it, ask.
  if (has(f, /\b(change|update|set|move|doi|thay)\b.*\b(target|owner|title|nguoi phu trach|muc tieu)\b/) && findNumbers(t.replace(/KR\s?\d+\.\d+/gi, "")).length === 0) {
    const kr = findKrRef(t)?.value ?? dir?.matchKr(t)[0]?.ref;
    const what = has(f, /\b(owner|nguoi phu trach)\b/)
      ? say(lang, "Who should own", "Ai sẽ phụ trách")
      : say(lang, "What should the new target be for", "Mục tiêu mới là bao nhiêu cho");
    return text(`${what} ${kr ?? say(lang, "which key result", "KR nào")}?`);
  }

  const check = checkIn(conv, f, lang);
  if (check) return check;

  // A KR named by its words: its status (or, if several match, which one).
  const named = findKrRef(t) ? [] : (dir?.matchKr(t) ?? []);
  const statusWords = has(
    f,
    /\b(how is|how's|hows|how are|status|progress|doing|history|on track|where|at|latest|update on|news|tinh hinh|tien do|the nao|bao nhieu|hien tai|ra sao|muc nao|o dau)\b/,
  );
  const laggingWords = has(f, /\b(lag|lagging|behind|off.?track|worst|slipping|cham|tre|tut)\b/);
  if (named.length === 1 && statusWords && !laggingWords) return tools({ toolName: "get_key_result", input: { keyResult: named[0]!.ref } });
  if (named.length > 1 && statusWords && !laggingWords && named.length <= 4) return question(named);

  if (has(f, /\b(lag|lagging|behind|off.?track|at.?risk|worst|slipping|slowest|struggling|in trouble|cham|tre|tut lai|tut hau|rui ro|kem nhat|lech)\b/)) {
    const owner = dir?.findOwner(t);
    const team = owner ? undefined : teamOf(t);
    const limit = limitOf(f) ?? (has(f, /\b(most|nhat|worst|top one|furthest)\b/) && !has(f, /\b(krs|which krs|cac kr)\b/) ? 3 : 5);
    return tools({ toolName: "query_lagging_key_results", input: { ...(team ? { team } : {}), ...(owner ? { owner } : {}), limit } });
  }

  if (has(f, /\bokrs?\b/) || has(f, /\b(objectives|muc tieu)\b/)) {
    const team = teamOf(t);
    return tools({ toolName: "list_okrs", input: team ? { team } : {} });
  }

  const ref = findKrRef(t);
  if (ref || has(f, /\b(how is|how's|hows|how are|status|progress|doing|history|tinh hinh|tien do|the nao)\b/)) {
    const keyResult =
      ref?.value ??
      krFragment(t.replace(/\b(how is|how's|how are|what's the status of|status of|progress (?:on|of)|doing|going|history|tình hình|tiến độ|thế nào|ra sao)\b/giu, " "));
    if (keyResult) return tools({ toolName: "get_key_result", input: { keyResult } });
  }

  // A follow-up that only names a team ("and just for engineering?") narrows the previous question.
  const followTeam = dir?.findTeam(t);
  if (followTeam && conv.previousUser && t.split(/\s+/).length <= 9) {
    const before = understand({ ...conv, text: conv.previousUser, previousUser: null, previousAnswer: null });
    if (before.kind === "tools" && ["query_lagging_key_results", "list_okrs", "weekly_summary"].includes(before.calls[0]!.toolName))
      return tools({ ...before.calls[0]!, input: { ...before.calls[0]!.input, team: followTeam } });
  }

  return text(
    say(
      lang,
      'I can help with your OKRs: show what is lagging ("which KR is lagging most this week?"), log a check-in ("log 53.4% for KR2.1, confidence 4"), show a team\'s OKRs or one KR\'s status, create an objective or add a key result, draft and critique objectives, and write the weekly summary. I did not change anything.',
      'Mình có thể giúp với OKR: xem KR nào đang chậm ("KR nào đang chậm nhất?"), cập nhật tiến độ ("cập nhật KR2.1 53,4%, tự tin 4"), xem OKR của một nhóm hoặc tình hình một KR, tạo mục tiêu hoặc thêm KR, soạn và đánh giá mục tiêu, và viết tóm tắt tuần. Mình chưa thay đổi gì.',
    ),
  );
}
