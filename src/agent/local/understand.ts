// What the person asked for, read from their words (English or Vietnamese) into a plan: tool calls
// to make, or something to say (a question, or what the agent can do). A pipeline a reader can
// follow and extend, each step in its own file:
//
//   1. state      a pending question or draft of ours, carried as data (state.ts), answered first
//   2. clauses    a message may hold several requests ("log 54 for NPS, then what's off track?")
//   3. reads that may quote text: summary, drafting, critique, search
//   4. guard      requests that must never write (guard.ts): text tasks, what-ifs, questions, plans
//   5. writes     a correction (correct.ts), an update (update.ts), a new objective or KR, a check-in
//                 (checkin.ts: KR, value, date, plausibility)
//   6. questions  about the workspace (reads.ts), each with the view the answer uses
//   7. nearest    the nearest useful read (a KR's status, a search) rather than a list of skills
//
// No guessing: a write that lacks its KR or its value, or whose value does not fit the KR, becomes
// one specific question, with the candidates listed.

import { askWhich, readCheckIn, WRITE_VERB } from "./checkin.js";
import { clauses, lines, refSegments, valueSegments } from "./clauses.js";
import { readCorrection } from "./correct.js";
import type { KrDirectory } from "./directory.js";
import { createOrAdd, critique, draftRequest, quotedOrAfterSeparator, teamOf } from "./create.js";
import { parseDraft } from "./draft.js";
import { explain } from "./faq.js";
import { blankQuotes, INJECTION, noWriteReason } from "./guard.js";
import { detectLang, say, type Lang } from "./lang.js";
import { findConfidence, findKrRef, findNumbers, findObjectiveRef, folded, quotedTexts } from "./parse.js";
import { help, text, tools, WRITE_TOOLS, type Plan } from "./plan.js";
import { readQuestion, type ToolCallPlan } from "./reads.js";
import type { Pending } from "./state.js";
import { calculate, CHECK_TEXT, textAbout, TEXT_WORDS } from "./texts.js";
import { fixTypos } from "./typos.js";
import { isUpdate, readUpdate } from "./update.js";

export type { ToolCallPlan, View } from "./reads.js";
export type { KrDirectory } from "./directory.js";
export type { Plan } from "./plan.js";
export { draftRequest, teamOf } from "./create.js";

export interface Conversation {
  /** What the model knows of the workspace before calling a tool (see directory.ts). */
  directory?: KrDirectory;
  /** The person's latest message. */
  text: string;
  /** Our previous answer's state, as data, when it asked something or proposed a draft. */
  pending?: Pending | null;
  /** The agent's previous answer, if any (read only when no state came with it). */
  previousAnswer: string | null;
  /** The person's message before this one, if any (what a question of ours was about). */
  previousUser?: string | null;
  /** The agent's answer before the previous one (a draft survives one question about it). */
  olderAnswer?: string | null;
  /** Today (YYYY-MM-DD), from the system prompt: for "yesterday" and "on Monday". */
  today?: string | null;
}

// Someone else's instructions inside a message: the one pattern the guard uses.
const INJECTED = INJECTION;

const YES =
  /\b(yes|yep|yeah|y|ok|okay|sure|approve|approved|go ahead|create it|do it|log it|lgtm|looks good|sounds good|perfect|confirm|co|dong y|duoc|ok luon|tao di|tao no|ghi di|chuan)\b/;
const NO = /^(no|nope|cancel|stop|don'?t|khong|huy|thoi|dung)\b/;

// ---------------------------------------------------------------------------------------------
// 1. State: the person answering a question of ours, or a draft awaiting yes.

const PICK_QUESTION = /^(Which one do you mean|Bạn muốn nói KR nào)/;
const MISSING_QUESTION =
  /^(Which key result is this for|What is the new value|Which team is|Which objective should|Cập nhật này cho KR nào|Giá trị mới của|Mục tiêu ".*" thuộc nhóm nào|KR này thuộc mục tiêu nào)/;

/** Our last answer's state: the data that came with it, else read back from its words (for
 *  clients that drop message metadata). */
function pendingOf(conv: Conversation): Pending | null {
  if (conv.pending) return conv.pending;
  const prev = conv.previousAnswer;
  if (!prev) return null;
  const draft = parseDraft(prev) ?? (/^(Which team should own it|Mục tiêu này thuộc nhóm nào)/.test(prev) && conv.olderAnswer ? parseDraft(conv.olderAnswer) : null);
  if (draft) return { kind: "draft", draft };
  if (conv.previousUser && PICK_QUESTION.test(prev)) return { kind: "redo", text: conv.previousUser, pick: true };
  if (conv.previousUser && MISSING_QUESTION.test(prev)) return { kind: "redo", text: conv.previousUser, pick: false };
  return null;
}

function resume(conv: Conversation, p: Pending, f: string, lang: Lang): Plan | null {
  switch (p.kind) {
    case "draft": {
      if (NO.test(f)) return text(say(lang, "OK, nothing was created.", "Được, mình không tạo gì cả."));
      if (!YES.test(f)) return null;
      const team = teamOf(conv.text, conv.directory) ?? p.draft.team;
      if (!team) return text(say(lang, 'Which team should own it? Say e.g. "yes, for Customer Success".', 'Mục tiêu này thuộc nhóm nào? Ví dụ: "đồng ý, cho nhóm Kinh doanh".'), p);
      return tools([{ toolName: "create_objective", input: { title: p.draft.title, team, keyResults: p.draft.keyResults } }]);
    }
    case "confirm": {
      if (NO.test(f)) return text(say(lang, "OK, nothing was written.", "Được, mình chưa ghi gì."));
      if (YES.test(f) && findNumbers(conv.text).length === 0) return tools(p.calls);
      // A corrected value instead of yes: the same write with the new number.
      const n = findNumbers(conv.text)[0];
      if (n && p.calls.length === 1 && "value" in p.calls[0]!.input)
        return planAll(
          {
            ...conv,
            text: `${String(p.calls[0]!.input.keyResult)} ${n.value.raw}${p.calls[0]!.input.confidence ? ` conf ${String(p.calls[0]!.input.confidence)}` : ""}`,
            pending: null,
          },
          lang,
        );
      return null;
    }
    case "pick": {
      const ref = findKrRef(conv.text)?.value ?? findObjectiveRef(conv.text)?.value ?? pickByWords(conv, p);
      if (!ref) return null;
      return tools(p.calls.map((c) => ({ ...c, input: { ...c.input, [p.slot]: ref } })));
    }
    case "redo": {
      if (p.pick) {
        // The ref picked, read together with the request it answers ("KR2.1 log 55 for retention").
        const ref = findKrRef(conv.text)?.value ?? findObjectiveRef(conv.text)?.value ?? pickByWords(conv, p);
        if (!ref) return null;
        // A ref that is none of the choices offered starts a request of its own ("KR9.2 target để 62").
        if (p.candidates?.length && !p.candidates.some((c) => c.ref.toUpperCase() === ref.toUpperCase())) return null;
        const again = planAll({ ...conv, text: `${ref} ${p.text}`, pending: null, previousAnswer: null, previousUser: null }, lang);
        return again.kind === "tools" ? again : null;
      }
      // A reply that is a whole write request of its own ("NPS is 57 now, conf 4" after "which KR?")
      // is that request: read with the question's text, it took the earlier request's numbers.
      const alone = planAll({ ...conv, pending: null, previousAnswer: null, previousUser: null }, lang);
      if (alone.kind === "tools" && alone.calls.some((c) => WRITE_TOOLS.has(c.toolName))) return alone;
      return planAll({ ...conv, text: `${p.text}, ${conv.text}`, pending: null, previousAnswer: null, previousUser: null }, lang);
    }
  }
}

/** Candidates as the state keeps them: ref and title. */
const brief = (krs: readonly { ref: string; title: string }[]) => krs.map((k) => ({ ref: k.ref, title: k.title }));

/** "the 30-day one", "cái của Minh": a candidate picked by its words. */
function pickByWords(conv: Conversation, p: { candidates?: { ref: string; title: string }[] }): string | undefined {
  const f = folded(conv.text);
  const candidates = p.candidates ?? [];
  // The workspace's own name matching first ("cái 30 ngày á", "the 30 day one" → 30-day retention).
  const named = (conv.directory?.matchKr(conv.text) ?? []).filter((k) => candidates.some((c) => c.ref === k.ref));
  if (named.length === 1) return named[0]!.ref;
  const hits = candidates.filter((c) =>
    folded(c.title)
      .split(/\s+/)
      .some((w) => w.length >= 4 && f.includes(w)),
  );
  return hits.length === 1 ? hits[0]!.ref : undefined;
}

// ---------------------------------------------------------------------------------------------
// 2. Clauses (clauses.ts). 3–7. One request.

function updatePlan(t: string, dir: KrDirectory | undefined, lang: Lang, today: string | null | undefined): Plan | null {
  const u = readUpdate(t, dir, today);
  if (!u) return null;
  if (u.kind === "update") return tools([{ toolName: "update_key_result", input: { keyResult: u.keyResult, ...u.changes } }]);
  if (u.missing === "kr" && u.candidates.length > 1) {
    return text(askWhich(u.candidates, lang), { kind: "redo", text: t, pick: true, candidates: brief(u.candidates) });
  }
  if (u.missing === "kr")
    return text(
      say(lang, "Which key result should change? Give its ref (e.g. KR2.1) or part of its name.", "KR nào cần thay đổi? Cho mình mã (ví dụ KR2.1) hoặc một phần tên của nó."),
      { kind: "redo", text: t, pick: false },
    );
  if (u.missing === "owner")
    return text(say(lang, `Who should own ${u.keyResult}? Give their full name.`, `Ai sẽ phụ trách ${u.keyResult}? Cho mình họ tên đầy đủ.`), {
      kind: "redo",
      text: t,
      pick: false,
    });
  return text(say(lang, `What should the new target be for ${u.keyResult}?`, `Mục tiêu mới cho ${u.keyResult} là bao nhiêu?`), { kind: "redo", text: t, pick: false });
}

function checkInPlan(t: string, conv: Conversation, lang: Lang): Plan | null {
  const r = readCheckIn(t, conv.directory, lang, conv.today);
  if (!r) return null;
  if (r.kind === "log") return tools([{ toolName: "log_check_in", input: r.input }]);
  if (r.candidates?.length) return text(r.text, { kind: "redo", text: t, pick: true, candidates: brief(r.candidates) });
  if (r.pendingInput && "value" in r.pendingInput) return text(r.text, { kind: "confirm", calls: [{ toolName: "log_check_in", input: r.pendingInput }] });
  return text(r.text, { kind: "redo", text: t, pick: false });
}

/** Nothing matched: the nearest useful read, not a list of skills. */
function nearest(t: string, f: string, dir: KrDirectory | undefined, lang: Lang): Plan {
  const ref = findKrRef(t)?.value;
  const named = dir?.matchKr(t) ?? [];
  if (ref || named.length === 1)
    return { ...tools([{ toolName: "get_key_result", input: { keyResult: ref ?? named[0]!.ref } }], { kind: "why", keyResult: ref ?? named[0]!.ref }), weak: true } as Plan;
  if (/\b(okrs?|objectives|muc tieu|krs?)\b/.test(f)) return { ...tools([{ toolName: "list_okrs", input: {} }]), weak: true } as Plan;
  const words = f
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((w) => w.length >= 4);
  // "the webinar thing is done": a report about something the workspace may not have; what it
  // names is searched, and the answer says when nothing matches.
  const reporting =
    !/\?|^(?:what|how|why|which|who|when|quick math)\b/.test(f) &&
    (/\b(done|finished|shipped|launched|live|completed|is at|are at|reached|hit|xong|hoan thanh|da dat)\b/.test(f) || /\d/.test(f));
  const content = words.filter(
    (w) =>
      !/^(that|this|thing|stuff|with|from|have|just|done|finished|shipped|launched|live|completed|reached|today|week|again|really|still|what|when|where|please|thanks?)$/.test(w),
  );
  // Weak: as a part of a longer message ("…; 52,000 is no longer realistic") it is no request.
  if (!named.length && reporting && content.length >= 1 && content.length <= 4)
    return { ...tools([{ toolName: "search_okrs", input: { query: content.join(" ") } }], { kind: "guess" }), weak: true } as Plan;
  if (named.length > 1 && words.length <= 6)
    return tools([
      {
        toolName: "search_okrs",
        input: {
          query: blankQuotes(t)
            .replace(/[?!.]+$/, "")
            .trim(),
        },
      },
    ]);
  return help(
    say(
      lang,
      'I can help with your OKRs: show what is lagging ("which KR is lagging most this week?"), log or fix a check-in ("log 53.4% for KR2.1, confidence 4"), show a team\'s OKRs or one KR\'s status, change a target or owner, create an objective or add a key result, draft and critique objectives, and write the weekly summary. I did not change anything.',
      'Mình có thể giúp với OKR: xem KR nào đang chậm ("KR nào đang chậm nhất?"), ghi hoặc sửa một lần cập nhật ("cập nhật KR2.1 53,4%, tự tin 4"), xem OKR của một nhóm hoặc tình hình một KR, đổi chỉ tiêu hoặc người phụ trách, tạo mục tiêu hoặc thêm KR, soạn và đánh giá mục tiêu, và viết tóm tắt tuần. Mình chưa thay đổi gì.',
    ),
  );
}

/** The plan of the person's previous message (what a follow-up narrows or corrects). */
function previousPlan(conv: Conversation, lang: Lang): Plan | null {
  return conv.previousUser ? planAll({ ...conv, text: conv.previousUser, previousUser: null, previousAnswer: null, pending: null }, lang) : null;
}

/** A question about the workspace; a follow-up that only names a team ("and just for
 *  engineering?", "còn riêng nhóm CS thì sao") narrows the previous question to it. */
function questionPlan(t: string, conv: Conversation, lang: Lang): Plan | null {
  const dir = conv.directory;
  const q = readQuestion(t, dir, conv.today);
  const team = dir?.findTeam(t);
  if (!q && team && conv.previousUser && t.split(/\s+/).length <= 9 && !findKrRef(t)) {
    const previous = previousPlan(conv, lang);
    if (previous?.kind === "tools" && ["query_lagging_key_results", "list_okrs", "weekly_summary"].includes(previous.calls[0]!.toolName))
      return tools([{ ...previous.calls[0]!, input: { ...previous.calls[0]!.input, team } }], previous.view);
  }
  if (!q) return null;
  if (q.ask) {
    return text(askWhich(q.ask, lang), {
      kind: "pick",
      slot: "keyResult",
      candidates: q.ask,
      calls: [{ toolName: "get_key_result", input: {} }],
    });
  }
  const plan = tools(q.calls, q.view);
  return q.weak ? ({ ...plan, weak: true } as Plan) : plan;
}

/** Why nothing was written, and the nearest read when there is one. */
function noWritePlan(t: string, reason: ReturnType<typeof noWriteReason>, conv: Conversation, lang: Lang): Plan {
  if (reason === "thanks") return text(say(lang, "You're welcome. I changed nothing.", "Không có gì. Mình chưa thay đổi gì."));
  if (reason === "text-task") {
    // "summarise this email: '…'": no model to summarise with, so its own first sentences, with any
    // instructions inside it left out and said to be ignored.
    const quote =
      quotedTexts(t).join(" ") ||
      [...t.matchAll(/^\s*>\s?(.*)$/gm)].map((m) => m[1]).join(" ") ||
      (/^[ \t]*-{3,}[ \t]*$([\s\S]*?)^[ \t]*-{3,}[ \t]*$/m.exec(t)?.[1] ?? "").replace(/\s+/g, " ");
    if (/\b(summari[sz]e|tl;?dr|gist|tom tat|tom lai)\b/.test(folded(blankQuotes(t))) && quote.trim()) {
      const sentences = quote
        .trim()
        .split(/(?<=[.!?])\s+/)
        .filter((s) => s.trim());
      const instruction = (s: string) =>
        INJECTED.test(folded(s)) ||
        /\b(?:assistant|ai|bot)\s*[:,]/i.test(s) ||
        (/\b(?:assistant|ai|bot|chatbot|copilot|agent)\b/i.test(s) && /\b(?:log|set|update|change|delete|remove|mark|write|ghi|cap nhat|xoa)\b/i.test(folded(s)));
      const plain = sentences.filter((s) => !instruction(s) && s.split(/\s+/).length >= 3).slice(0, 2);
      const ignored = sentences.some(instruction);
      if (plain.length)
        return text(
          say(
            lang,
            `In its own words: "${plain.join(" ")}"${ignored ? " It also gives instructions to an assistant, which I did not follow." : ""} I changed nothing.`,
            `Nội dung chính, nguyên văn: "${plain.join(" ")}"${ignored ? " Trong đó còn có chỉ dẫn cho trợ lý, mình không làm theo." : ""} Mình chưa thay đổi gì.`,
          ),
        );
    }
  }
  // "grade 0.7 nghĩa là gì vậy? KR7.2 …": asked first what a word means, that is answered.
  const opening = blankQuotes(t).split(/[?!]\s|\.\s/)[0]!;
  if (/\b(what does .+ mean|meaning of|nghia la gi|nghia la sao|la gi(?: vay| the)?)\b/.test(folded(opening))) {
    const explained = explain(opening, lang);
    // "… vd KR4.3 mà chấm 0.7 thì coverage là bao nhiêu": the example asked about follows.
    const rest = blankQuotes(t)
      .slice(opening.length)
      .replace(/^[?!.\s]+/, "");
    const example = explained && rest && (findKrRef(rest) || conv.directory?.matchKr(rest).length === 1) ? questionPlan(rest, conv, lang) : null;
    if (explained && example?.kind === "tools" && example.view) return { ...example, view: { ...example.view, lead: explained } };
    if (explained) return text(explained);
  }
  // "Soạn email … gửi chị Grace, nhắc first-response time đang ở 6.5 giờ": the text's KR, not Grace's list.
  if (reason === "text-task" && (TEXT_WORDS.test(folded(blankQuotes(t))) || CHECK_TEXT.test(folded(blankQuotes(t))))) {
    const about = textAbout(t, conv);
    if (about) return about;
  }
  const q = questionPlan(blankQuotes(t), conv, lang);
  if (q) return q;
  // "what does a 0.7 grade mean?": a question about how OKRs work, answered from what we know.
  if (reason === "question" && /\b(mean|means|meaning|define|explain|nghia la|la gi|giai thich|y nghia)\b/.test(folded(blankQuotes(t)))) {
    const explained = explain(blankQuotes(t), lang);
    if (explained) return text(explained);
  }
  if (reason === "text-task") {
    const explained = /\b(mean|means|meaning|define|explain|what is|what'?s an?|nghia la|la gi|giai thich|y nghia|good or bad|tot hay xau|tot hay te)\b/.test(
      folded(blankQuotes(t)),
    )
      ? explain(blankQuotes(t), lang)
      : null;
    if (explained) return text(explained);
    const note = say(
      lang,
      "I read and update OKRs; I don't write, translate or reword other text, and I changed nothing.",
      "Mình chỉ đọc và cập nhật OKR; mình không viết, dịch hay sửa văn bản khác, và mình chưa thay đổi gì.",
    );
    const about = textAbout(t, conv);
    if (about) return about;
    return text(note);
  }
  if (reason === "future") {
    // The value said ("33 ngày") is no qualifier of the KR's name ("30-day"): names are read without it.
    const named = conv.directory?.matchKr(t.replace(/[-+]?\d[\d.,]*/g, " ")) ?? [];
    const ref = findKrRef(t)?.value ?? (named.length === 1 ? named[0]!.ref : undefined);
    if (ref) return tools([{ toolName: "get_key_result", input: { keyResult: ref } }], { kind: "why", keyResult: ref });
  }
  return nearest(blankQuotes(t), folded(blankQuotes(t)), conv.directory, lang);
}

function planOne(t: string, conv: Conversation, lang: Lang): Plan {
  const f = folded(t);
  const sum = calculate(t, lang);
  if (sum) return sum;
  const dir = conv.directory;
  // 3. Reads whose text may quote a title or hold numbers.
  if (
    (!lines(t) &&
      blankQuotes(t) === t &&
      !/\b(y chinh|tin nay|doan nay|this message|this text)\b/.test(f) &&
      /\b(summary|summarize|summarise|recap|digest|rollup|roll-up|round-?up|wrap-?up|weekly update|week went|write up (?:this|the) week|tom tat|tong ket|bao cao tuan|bao cao okr|report for my boss|weekly report|bao cao cho sep)\b/.test(
        f,
      )) ||
    /\bweekly\b.*\b(update|report|rollup|roll-up|round-?up|recap|brief)\b/.test(f) ||
    /\b(?:the|my|our) weekly\b(?! (?:check|standup|stand-up|sync|meeting|1:1|one))/.test(f) ||
    /\b(soan|viet|lam)\b.*\bbao cao\b.*\b(tuan|okr|ceo|sep)\b/.test(f)
  ) {
    const team = teamOf(t.replace(/leadership team|lãnh đạo/giu, ""), dir);
    return tools([{ toolName: "weekly_summary", input: { ...(team ? { team } : {}), ...(lang === "vi" ? { language: "vi" } : {}) } }]);
  }
  const request = /:/.test(t) || quotedTexts(t).length ? null : draftRequest(t);
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
    return tools([
      {
        toolName: "critique_objective",
        input: { title: draft.title, ...(draft.team ? { team: draft.team } : {}), keyResults: draft.keyResults.map((k) => ({ title: k.title, start: k.start, target: k.target })) },
      },
    ]);
  }
  const crit = critique(t, f, dir, lang);
  if (crit) return crit;
  if (/^(search|find|look for|look up|tim|tim kiem)\b/.test(f) || /\b(search for|search|tim kiem)\b/.test(f)) {
    const query = (quotedOrAfterSeparator(t) ?? t.replace(/^.*?\b(search for|search|find|look for|look up|tìm kiếm|tìm)\b/iu, "")).replace(/[?.!]+$/, "").trim();
    if (query) return tools([{ toolName: "search_okrs", input: { query } }]);
  }

  // 4. Requests that must never write.
  const reason = noWriteReason(t, explicitWrite(folded(blankQuotes(t))), conv.today);
  if (reason) return noWritePlan(t, reason, conv, lang);

  // 5. Writes.
  const previous = previousPlan(conv, lang);
  const previousKr = previous?.kind === "tools" ? ((previous.calls.find((c) => c.toolName === "log_check_in")?.input.keyResult as string | undefined) ?? null) : null;
  const created = createOrAdd(t, f, dir, lang);
  if (created) return created;
  // "sửa lại target thành 1,45 triệu" is a new target, not a fixed check-in: targets first.
  const update = updatePlan(t, dir, lang, conv.today);
  if (update) return update;
  const correction = readCorrection(t, dir, previousKr, conv.today);
  // "scratch that" after a question of ours: nothing was written in this conversation to take back.
  if (correction && correction.input.retract && !correction.input.keyResult && !previousKr && conv.previousUser)
    return text(say(lang, "OK, I dropped that; nothing was written.", "Được, mình bỏ qua; chưa ghi gì cả."));
  if (correction?.candidates) return text(askWhich(correction.candidates, lang), { kind: "redo", text: t, pick: true, candidates: brief(correction.candidates) });
  if (correction) return tools([{ toolName: correction.toolName, input: correction.input }]);
  const check = checkInPlan(t, conv, lang);
  if (check) return check;

  // 6. Questions about the workspace.
  const q = questionPlan(t, conv, lang);
  if (q) return q;

  // 7. The nearest useful read.
  return nearest(t, f, dir, lang);
}

/** "fwd from Bao: > time-to-value is down to 3.5 days … can u log that for him": the person asks
 *  for the forwarded words to be logged; they are read as the check-in (never when they hold
 *  instructions of their own). */
function forwardedToLog(t: string): string | null {
  const outside = folded(blankQuotes(t));
  if (
    !/\b(?:log|record|put|add|enter|ghi|ghi nhan|cap nhat|nhap)\b(?:\s+\S+){0,2}\s+(?:that|this|it|these|those|them|cai nay|cai do|so nay|so do|may so nay|for (?:her|him|them|me)|ho|giup)\b/.test(
      outside,
    )
  )
    return null;
  // "please do not log this yet": asked not to.
  if (/\b(?:do not|don'?t|dont|not|never|khong|dung|chua|khoan)\s+(?:\S+\s+)?(?:log|record|put|add|enter|ghi|cap nhat|nhap)\b/.test(outside)) return null;
  const quoted = [...t.matchAll(/^\s*>\s?(.*)$/gm)].map((m) => m[1]!.trim()).filter(Boolean);
  const inner = quoted.length ? quoted.join(" ") : quotedTexts(t).join(" ");
  if (!inner || !/\d/.test(inner) || INJECTED.test(folded(inner)) || noWriteReason(inner, false) === "text-task") return null;
  return inner;
}

function planAll(conv: Conversation, lang: Lang): Plan {
  const forwarded = forwardedToLog(conv.text);
  if (forwarded) return planAll({ ...conv, text: forwarded }, lang);
  const t = conv.text.trim();
  // A message that must not write (a text to write or translate, a what-if, thanks) is one request,
  // whatever connectors and numbers it holds.
  const outside = folded(blankQuotes(t));
  const reason = noWriteReason(t, explicitWrite(outside), conv.today);
  // …unless that text task is a later part of the message: "NPS 53 conf 2, and draft me a note to
  // Grace about it" logs the check-in and declines the note.
  const parts0 = clauses(t);
  const laterTask =
    reason === "text-task" &&
    !INJECTED.test(outside) &&
    parts0.length > 1 &&
    noWriteReason(parts0[0]!, explicitWrite(folded(blankQuotes(parts0[0]!)))) === null &&
    !/^\s*>|:\s*$/.test(parts0[0]!);
  if (reason && reason !== "question" && !laterTask) return planOne(t, conv, lang);
  // A new objective or KR with its list of KRs is one request: its commas and "and"s are the list's.
  const firstVerb = /\b(create|new|add|set up|tao|them|rename|log|update|set|change|move|reassign|doi|sua|ghi|cap nhat)\b/.exec(outside)?.[1];
  if (
    firstVerb &&
    /^(create|new|add|set up|tao|them)$/.test(firstVerb) &&
    /\b(create|new|add|set up|tao|them)\b.*\b(objective|muc tieu|kr|key result)\b/.test(outside) &&
    (/\b(?:krs?|key results?)\b\s*(?:\d\s*)?:|\bfrom\b.*\bto\b|\btu\b.*\b(?:len|xuong)\b/.test(outside) ||
      // "New Engineering objective: '…'. Priya Raman owns it; align it under O4": its details.
      /\b(?:objective|muc tieu|obj)\b.*\b(?:align|under|parent|owns?|owner|thuoc|duoi|phu trach)\b/.test(outside))
  ) {
    // …but a question asked after it ("… per month. Also, who owns KR6.3?") is a request of its own.
    // A dot inside a ref or a number ("KR6.3", "2.5") does not end a sentence.
    const question = /(?<=[.!])\s+((?:also,?\s*|and\s+|then,?\s*|con\s+)?(?:[^.!?]|\.(?=\d))*\?)\s*$/iu.exec(t);
    if (!question) return planOne(t, conv, lang);
    const head = t.slice(0, question.index).trim();
    const asked = question[1]!.replace(/^(?:also|and|then|con),?\s*/i, "");
    const first = planOne(head, { ...conv, text: head }, lang);
    const second = planOne(asked, { ...conv, text: asked }, lang);
    // The question never becomes part of a title: unanswerable, it is left out of what is proposed.
    if (first.kind !== "tools" || second.kind !== "tools") return first;
    return tools([...first.calls, ...second.calls], second.view ?? first.view);
  }
  // "…, velocity sprint 54 points. log hết giúp mình": a closing "log them all" adds no request.
  const BARE_LOG =
    /^(?:(?:pls|please|can you|could you|nho|nhờ)\s+)?(?:log|record|ghi|ghi nhan|cap nhat|update|save)\s+(?:het|all|them all|it all|tat ca|these|them|those|all of (?:it|them)|giup|giup minh|giup em|cho minh|di|nha|nhe)(?:\s+\S+){0,3}$/;
  const parts = clauses(t)
    .flatMap((p) => valueSegments(p, conv.directory) ?? refSegments(p) ?? [p])
    .filter(
      (p, _i, all) =>
        all.length < 2 ||
        !BARE_LOG.test(
          folded(p)
            .replace(/[.!?]+$/, "")
            .trim(),
        ),
    );
  if (parts.length === 1) return planOne(t, conv, lang);
  const plans: Plan[] = [];
  for (const [i, p] of parts.entries()) {
    let plan = planOne(p, { ...conv, text: p }, lang);
    // "change the MRR target to 1.6M and log 1.38M": a part without its own KR takes the one before.
    const before = plans[i - 1];
    const carried = before?.kind === "tools" ? (before.calls.find((c) => typeof c.input.keyResult === "string")?.input.keyResult as string | undefined) : undefined;
    // Only a part that itself asks to write or change takes it: "…; 52,000 is no longer realistic" is a reason.
    const fp = folded(p);
    if (carried && plan.kind === "text" && !findKrRef(p) && (WRITE_VERB.test(fp) || isUpdate(fp))) {
      const again = planOne(`${carried} ${p}`, { ...conv, text: `${carried} ${p}` }, lang);
      if (again.kind === "tools") plan = again;
    }
    plans.push(plan);
  }
  // A part that reads as nothing on its own was not a request of its own: read the whole message.
  if (plans.some((p) => (p.kind === "text" && p.help) || (p.kind === "tools" && p.weak))) return planOne(t, conv, lang);
  // A question about any part: nothing is written yet; the reads asked for are still answered, and
  // the question follows ("log 54.5 for retention and tell me what's lagging most").
  const asking = plans.find((p): p is Extract<Plan, { kind: "text" }> => p.kind === "text" && !!p.pending);
  if (asking) {
    const reads = plans.flatMap((p) => (p.kind === "tools" ? p.calls : []));
    const writes = reads.some((c) => WRITE_TOOLS.has(c.toolName));
    if (writes || !reads.length) return asking;
    const view = plans.find((p): p is Extract<Plan, { kind: "tools" }> => p.kind === "tools" && !!p.view)?.view;
    return { kind: "tools", calls: reads, ...(view ? { view } : {}), ask: { text: asking.text, pending: asking.pending! } };
  }
  // "…, and QBRs at 50%. Confidence 4 on both.": one confidence said for every value.
  const forAll = /\b(both|each|all of them|ca hai|tat ca)\b/.test(folded(t)) ? findConfidence(t) : null;
  const calls = withoutContext(mergeUpdates(plans.flatMap((p) => (p.kind === "tools" ? p.calls : []))), conv.directory).map((c) =>
    forAll && c.toolName === "log_check_in" && c.input.confidence === undefined ? { ...c, input: { ...c.input, confidence: forAll.value } } : c,
  );
  if (!calls.length) return planOne(t, conv, lang);
  const view = plans.find((p): p is Extract<Plan, { kind: "tools" }> => p.kind === "tools" && !!p.view)?.view;
  return tools(calls, view);
}

/** Changes of one KR said in several parts ("title to '…' and set the target to 99.5") as one
 *  update: two in one step would each start from the same revision, and one would undo the other. */
function mergeUpdates(calls: ToolCallPlan[]): ToolCallPlan[] {
  const out: ToolCallPlan[] = [];
  for (const c of calls) {
    // "scratch that, wrong survey — take it back": one retraction said twice is one retraction.
    if (c.toolName === "correct_check_in" && out.some((o) => o.toolName === c.toolName && JSON.stringify(o.input) === JSON.stringify(c.input))) continue;
    const same = c.toolName === "update_key_result" ? out.find((o) => o.toolName === "update_key_result" && o.input.keyResult === c.input.keyResult) : undefined;
    if (same) Object.assign(same.input, c.input);
    else out.push({ ...c, input: { ...c.input } });
  }
  return out;
}

/** "review time đang 18h, … sửa target KR5.2 thành 15": a value the KR already has, said next to a
 *  change of that KR, is the reason for the change, not a new check-in. */
function withoutContext(calls: ToolCallPlan[], dir: KrDirectory | undefined): ToolCallPlan[] {
  const changed = new Set(calls.filter((c) => c.toolName === "update_key_result").map((c) => c.input.keyResult));
  return calls.filter((c) => !(c.toolName === "log_check_in" && changed.has(c.input.keyResult) && dir?.byRef(String(c.input.keyResult))?.current === c.input.value));
}

/** An imperative write verb outside quotes: a question with one ("can you log 54?") still writes. */
function explicitWrite(outside: string): boolean {
  return WRITE_VERB.test(outside) || isUpdate(outside) || /\b(undo|retract|revert|add|create|tao|them)\b/.test(outside);
}

export function understand(given: Conversation): Plan {
  // 1. Normalise: typing slips in the words the rest keys on.
  const conv = { ...given, text: fixTypos(given.text.trim(), given.directory) };
  const t = conv.text;
  const lang = detectLang(t, folded(t));
  const pending = pendingOf(conv);
  const plan = (pending ? resume(conv, pending, folded(t), lang) : null) ?? planAll(conv, lang);
  // Asked in Vietnamese, the critic's findings come back in Vietnamese too.
  if (plan.kind === "tools" && lang === "vi")
    return { ...plan, calls: plan.calls.map((c) => (c.toolName === "critique_objective" ? { ...c, input: { ...c.input, language: "vi" } } : c)) };
  return plan;
}
